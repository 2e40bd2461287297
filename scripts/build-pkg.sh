#!/usr/bin/env bash
# Builds pkg/, the npm package: one cargo build, the wasm-bindgen glue for browsers (web), Node ESM
# (experimental-nodejs-module) and Node CommonJS (nodejs), each module optimised with the pinned
# npm binaryen (never Debian's wasm-opt, whose output crashes at load), the TypeScript
# declarations and the shared JS module (introspection data, validate over the wasm) generated
# from the schemas, then a smoke test of the
# optimised modules.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/tools.sh rust wasm npm

name=workspace_requests
wasm_opt=node_modules/.bin/wasm-opt
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-mutable-globals --enable-multivalue"
raw=target/wasm32-unknown-unknown/release/$name.wasm

# The validator alone (no fetch clients), built only so that `make bench` can report its size.
cargo build --locked --release --target wasm32-unknown-unknown --lib --no-default-features
rm -rf target/validator-only
wasm-bindgen --target web --out-dir target/validator-only --out-name "$name" --no-typescript "$raw"
# shellcheck disable=SC2086
"$wasm_opt" -O3 $features --strip-debug --strip-producers "target/validator-only/${name}_bg.wasm" -o "target/validator-only/${name}_bg.wasm"

# Without default features (no serde_json, no doc lines: introspection is generated below as
# plain JS data instead), with the fetch clients.
cargo build --locked --release --target wasm32-unknown-unknown --lib --no-default-features --features client

for pair in web:web experimental-nodejs-module:node nodejs:cjs; do
  target=${pair%%:*}
  dir=pkg/${pair##*:}
  wasm-bindgen --target "$target" --out-dir "$dir" --out-name "$name" --no-typescript "$raw"
  # shellcheck disable=SC2086
  "$wasm_opt" -O3 $features --strip-debug --strip-producers "$dir/${name}_bg.wasm" -o "$dir/${name}_bg.wasm"
done
# The nodejs (CommonJS) glue require()s the inline JS snippet, which wasm-bindgen writes as an ES
# module; Node 20 cannot require that, so turn each `export function f` into `function f` plus
# `exports.f = f` at the end (the functions call each other by name).
for snippet in pkg/cjs/snippets/*/*.js; do
  names=$(sed -n -E 's/^export function ([A-Za-z0-9_]+).*/\1/p' "$snippet")
  sed -i -E 's/^export function /function /' "$snippet"
  for name in $names; do echo "exports.$name = $name;" >> "$snippet"; done
  if grep -q '^export ' "$snippet"; then echo "build-pkg: $snippet still has ES exports" >&2; exit 1; fi
done
# experimental-nodejs-module writes its own package.json; keep ours (same content) tracked.
git checkout -- pkg/node/package.json 2>/dev/null || echo '{ "type": "module" }' > pkg/node/package.json

cargo run --locked --quiet --example dts > pkg/index.d.ts
cargo run --locked --quiet --example js_api -- esm > pkg/api.js
cargo run --locked --quiet --example js_api -- cjs > pkg/cjs/api.cjs
cp pkg/index.d.ts pkg/index.d.cts
cp README.md pkg/README.md

node scripts/smoke.mjs
