#!/usr/bin/env bash
# Release build: the wasm app with trunk (wasm-opt -Oz), precompressed copies for the proxy, and the
# proxy binary. Incremental: a warm run only relinks what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# The app is rebuilt only when one of its inputs is newer than the last successful build.
STAMP=dist/.build-stamp
INPUTS=(src crates/core/src index.html style Cargo.toml Cargo.lock Trunk.toml crates/core/Cargo.toml scripts/env.sh)
if [ -f "$STAMP" ] && [ -z "$(find "${INPUTS[@]}" -newer "$STAMP" -print -quit)" ]; then
  echo "[build] app: dist/ is up to date"
else
  echo "[build] app: trunk build --release (wasm32; the first run also builds std: ~10 min on 2 cores)"
  mkdir -p target
  # The stamp records when the build *started*, so an edit made while it runs triggers the next build.
  touch target/.build-start
  # --public-url ./: asset URLs relative to <base href> (the TOML key is not honoured by trunk 0.21).
  # wasm_release_env: the size options of scripts/env.sh (panic = immediate-abort, erased components, ...).
  wasm_release_env trunk build --release --public-url ./ >target/trunk-build.log 2>&1 || { tail -n 40 target/trunk-build.log; exit 1; }
  echo "[build] precompressing dist/ (zopfli or gzip -9, brotli -q 11)"
  for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
    [ -e "$f" ] || continue
    precompress "$f"
  done
  mv target/.build-start "$STAMP"
fi

# --- CSP post-processing (reliability/security suite) ---------------------------------------------
# trunk inlines its bootstrap <script type="module"> into index.html; move it into a hashed file so the
# page runs without inline script (scripts/csp_bootstrap.mjs; idempotent), and precompress what changed.
changed=$(node scripts/csp_bootstrap.mjs dist)
for f in $changed; do
  gzip -9 -k -f -n "$f"
  brotli -f -q 11 -k "$f"
done
[ -z "$changed" ] || echo "[build] CSP: bootstrap moved out of index.html ($(basename "$(echo "$changed" | head -n 1)"))"
# --- end CSP post-processing -------------------------------------------------------------------------

echo "[build] proxy: cargo build --release -p console-proxy"
cargo build --release -q -p console-proxy
echo "[build] done: dist/ and target/release/console-proxy"
