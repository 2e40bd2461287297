# workspace-requests. `make test` installs what it needs (idempotent) and runs every test.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CORPUS := $(CURDIR)/target/corpus.jsonl

.PHONY: test tools pkg demo mock test-rust test-wasm test-mock test-js test-e2e test-fuzz fuzz bench bench-quick lint fmt clean

test: tools test-rust lint pkg test-wasm test-mock test-js test-e2e test-fuzz bench-quick

# Everything the tests need that a fresh machine may lack; skips what is there.
tools:
	scripts/tools.sh

# The npm package in pkg/ (build output only), from js/ and the crate: one wasm with its web glue
# per entry (the main one, and the validator alone for `workspace-requests/validate`), loaded by
# the browser, Node ESM and CommonJS entries alike; data and types generated from the schemas;
# smoke test.
pkg:
	scripts/build-pkg.sh

# The demo page on http://127.0.0.1:$${PORT:-8080} with the mock API on $${MOCK_PORT:-8787}: builds
# what is missing or out of date first. Ctrl-C stops both.
demo:
	scripts/demo.sh

# A local mock of both APIs on 127.0.0.1:$${PORT:-8787} (token: $${MOCK_TOKEN:-mock-service-token}).
mock:
	[ -f pkg/web/workspace_requests_bg.wasm ] || scripts/build-pkg.sh
	node mock/server.mjs

# The mock's own behaviour, against its documented rules (it judges bodies with the package).
test-mock:
	[ -f pkg/web/workspace_requests_bg.wasm ] || scripts/build-pkg.sh
	node --test tests/mock/

# The pure Rust core: plain `cargo test` (unit, integration and doc tests; it also builds the
# examples, which tests/cli.rs runs). Also records every body the rule tests validate, for the JS
# differential check against ajv.
test-rust:
	rm -f $(CORPUS)
	WR_CORPUS_OUT=$(CORPUS) cargo test --locked

# The binding layer in wasm, with wasm-bindgen-test: in Node, then in headless Chrome.
test-wasm:
	scripts/tools.sh wasm browser
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120 \
		cargo test --locked --target wasm32-unknown-unknown --test wasm_node
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120 \
		CHROMEDRIVER=$$(command -v chromedriver) \
		cargo test --locked --target wasm32-unknown-unknown --test wasm_browser

# `tsc -p js` over the package's JS modules, then the built package, installed from its tarball into
# a scratch folder: import, require, types, Vite builds (the main entry, and the validator entry
# alone: its size goes to target/vite-validate-size.json), a plain <script type="module"> page,
# and the ajv differential check.
test-js:
	scripts/test-js.sh

# The demo page end to end in headless Chromium (Playwright), against the mock: screenshots of
# each state go to target/e2e/.
test-e2e:
	scripts/tools.sh npm browser
	scripts/demo.sh --build
	node --test --test-reporter=spec tests/e2e/

# cargo-fuzz (nightly): validation from arbitrary bytes and request building, each target for
# FUZZ_SECONDS. `make test` runs 60 s each from the corpus kept in fuzz/corpus/, writing what it
# finds to target/fuzz-corpus/ (the tracked corpus stays as it is); `make fuzz FUZZ_SECONDS=1800`
# runs longer and adds what it finds to fuzz/corpus/ (minimise with `cargo fuzz cmin` before
# committing).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := validate_json request
FUZZ_RUN = cd fuzz && for t in $(FUZZ_TARGETS); do \
		mkdir -p $(1)/$$t; \
		cargo +nightly fuzz run -O $$t $(1)/$$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 2>&1 | grep -a -E "^(Done|stat::number_of_executed_units|==|thread)|panicked" ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done
test-fuzz:
	scripts/tools.sh fuzz
	cd fuzz && cargo +nightly fuzz build -O
	$(call FUZZ_RUN,../target/fuzz-corpus)
fuzz:
	scripts/tools.sh fuzz
	cd fuzz && cargo +nightly fuzz build -O
	$(call FUZZ_RUN,corpus)

# Ours against zod 4, valibot and ajv in one Node process, then the same throughput comparison in
# headless Chromium: bench/RESULTS.md and bench/results.json.
bench: pkg
	scripts/tools.sh npm browser
	node bench/run.mjs

# The same code path with a few iterations (inside `make test`): it fails only on errors or on a
# peer disagreeing with validate(), never on speed.
bench-quick:
	scripts/tools.sh npm browser
	[ -f pkg/web/workspace_requests_bg.wasm ] || scripts/build-pkg.sh
	node bench/run.mjs --quick

lint:
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --no-default-features --lib -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --tests -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --features client --lib -- -D warnings
	cargo fmt --check

fmt:
	cargo fmt

clean:
	cargo clean
	rm -rf node_modules www/node_modules pkg
