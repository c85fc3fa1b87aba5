#!/usr/bin/env bash
# Installs what upgrade-console needs to build, run and test, and only what is missing.
# Idempotent: a second run with everything present does nothing but check (a few seconds).
# Needs root (or sudo) for the Debian packages, and access to the package registries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
APT_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 chromium chromium-driver nginx brotli zopfli wrk)

step() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
fail() {
  printf '\033[31m[bootstrap] %s\033[0m\n' "$1" >&2
  printf '[bootstrap] To fix by hand: %s\n' "$2" >&2
  exit 1
}

# 1. Debian packages: Rust 1.96 with std sources (for wasm32 via build-std), lld, Chromium + driver, nginx.
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  step "Debian packages: all present"
else
  step "Debian packages: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "not root and no sudo" "apt-get install ${missing[*]}"
    SUDO="sudo"
  fi
  $SUDO apt-get update -q || fail "apt-get update failed (network?)" "apt-get update && apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || fail "apt-get install failed" "apt-get install --no-install-recommends ${missing[*]}"
fi

# 2. rustup components for the host checks.
if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
  step "rustfmt and clippy: present"
else
  step "rustfmt and clippy: installing"
  rustup component add rustfmt clippy || fail "rustup could not add rustfmt/clippy" "rustup component add rustfmt clippy"
fi

# 3. trunk, pinned (0.22 needs rustc >= 1.96.1).
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION: present"
else
  step "trunk $TRUNK_VERSION: installing with cargo (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked || fail "cargo install trunk failed" \
    "cargo install trunk --version $TRUNK_VERSION --locked"
fi

# 4. wasm-bindgen-cli, exactly the locked wasm-bindgen version (trunk and the test runner insist).
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || fail "cannot read the wasm-bindgen version from Cargo.lock" "cargo generate-lockfile"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ] \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  step "wasm-bindgen-cli $WB_VERSION: present"
else
  step "wasm-bindgen-cli $WB_VERSION: installing with cargo (a few minutes, once)"
  # Not --locked: with it, 0.2.130 resolves a dependency that is missing from the registry.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force || fail "cargo install wasm-bindgen-cli failed" \
    "cargo install wasm-bindgen-cli --version =$WB_VERSION"
fi

# 5. wasm-split-cli, pinned: cuts the app's split points into lazily loaded chunks (scripts/build_wasm.sh).
WASM_SPLIT_VERSION=0.2.4
if [ -x "$HOME/.cargo/bin/wasm-split-cli" ] && [ -f "$HOME/.cargo/.crates.toml" ] \
   && grep -q "^\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$HOME/.cargo/.crates.toml"; then
  step "wasm-split-cli $WASM_SPLIT_VERSION: present"
else
  step "wasm-split-cli $WASM_SPLIT_VERSION: installing with cargo (a minute or two, once)"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked \
    || fail "cargo install wasm_split_cli_support failed" \
      "cargo install wasm_split_cli_support --version =$WASM_SPLIT_VERSION --features build-binary --locked"
fi

# 6. npm dev tools from the committed lockfile: binaryen (wasm-opt >= 117), esbuild (minifies the
# wasm-bindgen glue) and playwright-core.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
   && [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ]; then
  step "npm dev tools (binaryen, esbuild, playwright-core, swagger-ui-dist): present"
else
  command -v npm >/dev/null || fail "npm is missing" "apt-get install nodejs npm"
  step "npm dev tools: npm ci"
  npm ci --no-audit --no-fund || fail "npm ci failed (network?)" "npm ci"
fi

step "ready"
