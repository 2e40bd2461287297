#!/usr/bin/env bash
# Installs what building and testing need, skipping what is there (safe to run again).
# Usage: scripts/tools.sh [rust] [wasm] [npm] [browser] [fuzz]   (no argument: all)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
CARGO_FUZZ_VERSION=0.13.2
want() { [ $# -eq 0 ] && return 0; for w in "${WANTED[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }
WANTED=("$@")
[ ${#WANTED[@]} -eq 0 ] && WANTED=(rust wasm npm browser fuzz)
export PATH="$HOME/.cargo/bin:$PATH"

if want rust; then
  command -v cargo >/dev/null || { echo "tools: cargo is missing; install Rust with rustup" >&2; exit 1; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
fi

if want wasm; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # --locked first; its lock file may name a crate version the registry does not serve yet.
    cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
      || cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
fi

if want npm; then
  # node_modules is current when it was installed from this very lock file.
  if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null \
      && ! { [ -f node_modules/.installed-from ] && cmp -s package-lock.json node_modules/.installed-from; }; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.installed-from
  fi
fi

if want fuzz; then
  # cargo-fuzz runs the targets in fuzz/ on the nightly toolchain (libFuzzer, sanitizers).
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION" \
      || cargo install --force cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
fi

if want browser; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
