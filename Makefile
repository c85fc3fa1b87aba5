# upgrade-console. Quick start on a fresh Debian machine: `make run`, `make test`.
# Every target bootstraps first (installs only what is missing; a few seconds when all is there).
.PHONY: run test bench build bootstrap fmt clippy clean fuzz

PORT ?= 8080
export PORT

run: build
	@target/release/console-proxy --dist dist --port $(PORT) --sandbox --sandbox-state target/sandbox-state.json --sandbox-fleet 25

test:
	@scripts/test.sh

bench: build
	@scripts/bench.sh

# Long fuzz run (proptest; cargo-fuzz would need a nightly compiler): every fuzz target for FUZZ_SECONDS
# seconds each (default 60), in rounds of FUZZ_CASES cases, optimised. `make test` runs 256 cases each.
FUZZ_SECONDS ?= 60
FUZZ_CASES ?= 5000
fuzz: bootstrap
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_CASES=$(FUZZ_CASES) cargo test --release -q -p console-core \
		--test fuzz_sign --test fuzz_validate -- --ignored --nocapture --test-threads 1
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_CASES=$(FUZZ_CASES) cargo test --release -q -p console-proxy \
		--test fuzz_target -- --ignored --nocapture --test-threads 1

build: bootstrap
	@scripts/build.sh

bootstrap:
	@scripts/bootstrap.sh

fmt:
	cargo fmt --all

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	rm -rf dist target
