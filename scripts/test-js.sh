#!/usr/bin/env bash
# JS tests over the built package as a user installs it: first `tsc -p js` (the package's JS
# modules against their declarations, with the generated data and types of pkg/) and `tsc -p
# js/tsconfig.cli.json` (the command, with Node's declarations), then
# `npm pack pkg/`, install the tarball into a scratch folder (target/consumer), copy tests/js there
# and run them with Node's test runner. Dev tools (ajv, typescript, vite, playwright-core) resolve
# from the repository's node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tools.sh npm browser
[ -f pkg/web/workspace_requests_bg.wasm ] || scripts/build-pkg.sh
[ -s target/corpus.jsonl ] || { echo "test-js: target/corpus.jsonl is missing: run the Rust tests first (make test-rust)" >&2; exit 1; }

node_modules/.bin/tsc -p js --pretty false
node_modules/.bin/tsc -p js/tsconfig.cli.json --pretty false

consumer=target/consumer
rm -rf "$consumer"
mkdir -p "$consumer"
tarball=$(cd pkg && npm pack --silent --pack-destination "../$consumer" | tail -n 1)
cp -r tests/js/. "$consumer/"
cd "$consumer"
cat > package.json <<'JSON'
{ "name": "workspace-requests-consumer", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --no-save "./$tarball" >/dev/null
export WR_CORPUS="$PWD/../corpus.jsonl"
export WR_TARGET="$PWD/.."
node --test --test-reporter=spec ./*.test.mjs ./*.test.cjs
