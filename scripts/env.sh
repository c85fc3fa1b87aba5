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

# The release build of the app (scripts/build_wasm.sh, `make build`): wasm_env plus size options, measured
# one by one in README ("Figures"). They apply to the `wasm-release` profile only; tests keep wasm_env.
#  - panic = "immediate-abort" (a profile value behind cargo's -Zpanic-immediate-abort; std 1.96 replaced
#    the old build-std feature panic_immediate_abort with it): a panic traps at once, so no panic
#    formatting or location strings are linked (main.rs installs console_error_panic_hook only in debug);
#  - std built with optimize_for_size (smaller, slower algorithms where std has both);
#  - --cfg erase_components: Leptos type-erases every component's view (fewer monomorphised copies);
#  - -Zlocation-detail=none: no file/line/column for #[track_caller] locations.
wasm_release_env() {
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true CARGO_PROFILE_WASM_RELEASE_PANIC=immediate-abort \
    RUSTFLAGS="--cfg erase_components -Zlocation-detail=none" \
    CARGO_TARGET_DIR="$ROOT/target/wasm" "$@"
}

# Writes FILE.gz and FILE.br beside FILE: zopfli when installed (gzip-compatible, about 4% smaller than
# gzip -9 on the wasm), else gzip -9; brotli -q 11.
precompress() {
  if command -v zopfli >/dev/null; then zopfli -c "$1" >"$1.gz"; else gzip -9 -k -f -n "$1"; fi
  brotli -f -q 11 -k "$1"
}

# Points TMPDIR at target/NAME (emptied now, removed when the calling script exits), so that a run's
# temporary files (Chromium's and Playwright's profiles, nginx prefixes) never pile up in /tmp.
private_tmpdir() {
  export TMPDIR="$ROOT/target/$1"
  rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
  trap 'rm -rf "$TMPDIR"' EXIT
}
