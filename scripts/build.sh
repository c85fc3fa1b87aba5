#!/usr/bin/env bash
# Release build: the wasm app (split into lazily loaded chunks, scripts/build_wasm.sh) and its page
# (trunk), precompressed copies for the proxy, and the proxy binary. Incremental: a warm run only
# relinks what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# The app is rebuilt only when one of its inputs is newer than the last successful build.
STAMP=dist/.build-stamp
INPUTS=(src crates/core/src index.html style Cargo.toml Cargo.lock Trunk.toml crates/core/Cargo.toml scripts/env.sh
  scripts/build_wasm.sh scripts/link_app.mjs scripts/minify_css.mjs scripts/short_imports.mjs)
if [ -f "$STAMP" ] && [ -z "$(find "${INPUTS[@]}" -newer "$STAMP" -print -quit)" ]; then
  echo "[build] app: dist/ is up to date"
else
  mkdir -p target
  # The stamp records when the build *started*, so an edit made while it runs triggers the next build.
  touch target/.build-start
  # The wasm: built and split by scripts/build_wasm.sh into target/pkg/ (trunk 0.21 cannot split).
  scripts/build_wasm.sh
  # trunk builds the page around it (index.html, the hashed CSS) into a fresh dist/.
  # --public-url ./: asset URLs relative to <base href> (the TOML key is not honoured by trunk 0.21).
  echo "[build] app: trunk build --release (index.html, CSS)"
  trunk build --release --public-url ./ >target/trunk-build.log 2>&1 || { tail -n 40 target/trunk-build.log; exit 1; }
  echo "[build] app: esbuild --minify (CSS; scripts/minify_css.mjs)"
  node scripts/minify_css.mjs dist
  # The wasm, its loader and chunks go in with hashed names, started by a hashed bootstrap file (no inline
  # script, for the Content-Security-Policy).
  echo "[build] app: linking the wasm into dist/ (scripts/link_app.mjs)"
  node scripts/link_app.mjs target/pkg dist >/dev/null
  echo "[build] precompressing dist/ (zopfli or gzip -9, brotli -q 11)"
  for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
    [ -e "$f" ] || continue
    precompress "$f"
  done
  mv target/.build-start "$STAMP"
fi

echo "[build] proxy: cargo build --release -p console-proxy"
cargo build --release -q -p console-proxy
echo "[build] done: dist/ and target/release/console-proxy"
