# upgrade-console. Quick start on a fresh Debian machine: `make run`, `make test`.
# Every target bootstraps first (installs only what is missing; a few seconds when all is there).
.PHONY: run test bench build bootstrap fmt clippy clean

PORT ?= 8080
export PORT

run: build
	@target/release/console-proxy --dist dist --port $(PORT) --sandbox --sandbox-state target/sandbox-state.json

test:
	@scripts/test.sh

bench: build
	@scripts/bench.sh

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
