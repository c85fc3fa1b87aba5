# shellcheck shell=bash
# Environment for building and testing the wasm app with Debian's rustc-web (it ships the std sources,
# which rustup's toolchain here cannot download). Source it; it changes nothing outside this shell.
# Host builds (proxy, core, native tests) keep the normal toolchain: only wasm commands use wasm_env.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180}

# Runs a command with the wasm toolchain: Debian's rustc 1.96 + build-std.
wasm_env() {
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_DIR="$ROOT/target/wasm" "$@"
}
