#!/usr/bin/env bash
# Builds examples/leptos_floor.rs (a router, one input, one memo) like the console (wasm-release profile,
# the size options of scripts/env.sh, wasm-bindgen, wasm-opt -Oz, zopfli) and prints its first-load gzip
# size as `floor wasm+js <bytes>`, which scripts/bench.mjs reads; target/floor/ is then a site (index.html,
# bootstrap file) that scripts/bench.mjs also loads, for the framework's navigation -> input time on this
# machine. A minute or two on 2 cores the first time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
OUT="$ROOT/target/floor"
rm -rf "$OUT" && mkdir -p "$OUT"
wasm_release_env cargo build -q --profile wasm-release --target wasm32-unknown-unknown --example leptos_floor
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name floor \
  "$ROOT/target/wasm/wasm32-unknown-unknown/wasm-release/examples/leptos_floor.wasm" 2>/dev/null
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue --low-memory-unused "$OUT/floor_bg.wasm" -o "$OUT/floor_bg.wasm"
cat >"$OUT/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Leptos floor</title>
    <link rel="modulepreload" href="./floor.js">
    <link rel="preload" href="./floor_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">
    <script type="module" src="./boot.js"></script>
  </head>
  <body></body>
</html>
HTML
printf "import init from './floor.js';\nawait init({ module_or_path: new URL('./floor_bg.wasm', import.meta.url) });\n" >"$OUT/boot.js"
precompress "$OUT/index.html"
precompress "$OUT/boot.js"
total=0
for f in "$OUT/floor_bg.wasm" "$OUT/floor.js"; do
  precompress "$f"
  total=$((total + $(stat -c %s "$f.gz")))
done
echo "floor wasm+js $total"
