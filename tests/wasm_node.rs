//! wasm-bindgen-test in Node: `make test-wasm` (the tests are in `wasm/boundary.rs`).
#![cfg(target_arch = "wasm32")]

include!("wasm/boundary.rs");
