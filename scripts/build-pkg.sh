#!/usr/bin/env bash
# Builds pkg/, the npm package, from an empty folder: pkg/ is build output only.
#
# - Two wasm modules, each with its wasm-bindgen glue for `--target web` (the one glue every
#   platform loads: browsers fetch or take the .wasm, Node reads its bytes), each optimised with
#   the pinned npm binaryen (never Debian's wasm-opt, whose output crashes at load):
#   pkg/web/ (with the fetch clients, for `workspace-requests`) and pkg/validator/ (without them,
#   for `workspace-requests/validate`).
# - The JS modules, entry files, hand-written declarations and manifest, copied from js/.
# - The data and the types that derive from the schemas: `gen -- data` (pkg/data.js), `gen --
#   described` (pkg/described.js: what describe() and jsonSchema() return) and
#   `gen -- types` (pkg/types.d.ts), and the fast path's readers, `gen -- readers` (pkg/readers.js).
# - CommonJS: each Node ESM entry bundled by the pinned esbuild (scripts/bundle-node.mjs), and both Node ESM entries bundled with one shared chunk; each
#   declaration file gets a .d.cts twin whose relative imports name the .d.cts files.
# Then a smoke test of every entry.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/tools.sh rust wasm npm

name=workspace_requests
wasm_opt=node_modules/.bin/wasm-opt
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-mutable-globals --enable-multivalue"
raw=target/wasm32-unknown-unknown/release/$name.wasm

rm -rf pkg
mkdir -p pkg

# wasm <dir> <cargo feature flags>: the library without default features (no serde_json, no doc
# lines: introspection is pkg/data.js), its glue and optimised module in pkg/<dir>/.
wasm() {
  local dir=pkg/$1
  shift
  cargo build --locked --release --target wasm32-unknown-unknown --lib --no-default-features "$@"
  wasm-bindgen --target web --out-dir "$dir" --out-name "$name" --no-typescript "$raw"
  # shellcheck disable=SC2086
  "$wasm_opt" -O3 $features --strip-debug --strip-producers "$dir/${name}_bg.wasm" -o "$dir/${name}_bg.wasm"
}
wasm validator
wasm web --features client

# Everything under js/ but what only `tsc -p js` reads (its config, the ambient Node declarations).
(cd js && find . -type f ! -name tsconfig.json ! -name tsconfig.cli.json ! -name node-fs.d.ts) | while read -r f; do
  mkdir -p "pkg/$(dirname "$f")"
  cp "js/$f" "pkg/$f"
done
cp README.md LICENSE pkg/
# `repository`, `homepage` and `bugs` from the project's public address: WR_REPOSITORY_URL, else
# the git remote `origin` when it is an https or ssh URL. Without one they stay unset: a made-up
# address would send users nowhere (docs/decisions.md).
node scripts/manifest-urls.mjs pkg/package.json "${WR_REPOSITORY_URL:-$(git remote get-url origin 2>/dev/null || true)}"
cargo run --locked --quiet --bin gen -- data > pkg/data.js
cargo run --locked --quiet --bin gen -- described > pkg/described.js
cargo run --locked --quiet --bin gen -- types > pkg/types.d.ts
cargo run --locked --quiet --bin gen -- readers > pkg/readers.js

# CommonJS: the Node ESM entries bundled by esbuild, sharing pkg/data.cjs.
node scripts/bundle-node.mjs
find pkg -name '*.d.ts' | while read -r f; do
  sed -E 's#(from "\.{1,2}/[^"]*)\.js"#\1.cjs"#' "$f" > "${f%.d.ts}.d.cts"
  if grep -q -E 'from "\.{1,2}/[^"]*\.js"' "${f%.d.ts}.d.cts"; then echo "build-pkg: ${f%.d.ts}.d.cts still imports a .js" >&2; exit 1; fi
done

node scripts/smoke.mjs
