#!/usr/bin/env bash
# `make demo`: builds what is missing or out of date (the tools, the package, the page), then
# serves the page on http://127.0.0.1:${PORT:-8080} with the mock API on ${MOCK_PORT:-8787}.
# `scripts/demo.sh --build` only builds (the e2e tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/tools.sh rust wasm npm

# The package: rebuilt when any input is newer than its wasm (or the wasm is missing).
wasm=pkg/web/workspace_requests_bg.wasm
if [ ! -f "$wasm" ] || [ -n "$(find src js Cargo.toml Cargo.lock scripts/build-pkg.sh -newer "$wasm" -print -quit)" ]; then
  scripts/build-pkg.sh
fi

# The page depends on the package as an app does ("file:../pkg" in www/package.json); npm links it.
if [ ! -e www/node_modules/workspace-requests/package.json ]; then
  (cd www && npm install --no-audit --no-fund --no-package-lock >/dev/null)
fi
node_modules/.bin/vite build --config www/vite.config.js

if [ "${1:-}" = "--build" ]; then
  exit 0
fi
exec node www/serve.mjs
