# workspace-requests: `make test` installs what it needs (idempotent) and runs every test.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test test-rust lint tools fmt

test: tools test-rust lint

# Everything the tests need that a fresh machine may lack. Skips what is there.
tools:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust with rustup" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

test-rust:
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc

lint:
	$(CARGO) clippy --locked --all-targets -- -D warnings

fmt:
	$(CARGO) fmt
