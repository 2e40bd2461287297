//! wasm-bindgen-test in headless Chrome: `make test-wasm` (the tests are in `wasm/boundary.rs`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("wasm/boundary.rs");
