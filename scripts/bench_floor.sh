#!/usr/bin/env bash
# Builds examples/leptos_floor.rs (a router, one input, one memo) like the console (wasm-release profile,
# the size options of scripts/env.sh, wasm-bindgen, wasm-opt -Oz, zopfli) and prints its first-load gzip
# size as `floor wasm+js <bytes>`, which scripts/bench.mjs reads. target/floor/site is then a site linked
# by the console's own scripts/link_app.mjs (hashed names, bootstrap file, preloads), which scripts/bench.mjs
# also loads, for the framework's navigation -> input time on this machine. A minute or two the first time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
OUT="$ROOT/target/floor"
rm -rf "$OUT" && mkdir -p "$OUT/pkg" "$OUT/site"
wasm_release_env cargo build -q --profile wasm-release --target wasm32-unknown-unknown --example leptos_floor
wasm-bindgen --target web --no-typescript --out-dir "$OUT/pkg" --out-name console \
  "$ROOT/target/wasm/wasm32-unknown-unknown/wasm-release/examples/leptos_floor.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue --low-memory-unused "$OUT/pkg/console_bg.wasm" -o "$OUT/pkg/console_bg.wasm"
printf '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <title>Leptos floor</title>\n  </head>\n  <body></body>\n</html>\n' \
  >"$OUT/site/index.html"
node scripts/link_app.mjs "$OUT/pkg" "$OUT/site" >/dev/null
total=0
for f in "$OUT"/site/*; do
  precompress "$f"
  case "$f" in */console-*) total=$((total + $(stat -c %s "$f.gz"))) ;; esac
done
echo "floor wasm+js $total"
