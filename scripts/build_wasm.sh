#!/usr/bin/env bash
# The app's wasm, split into lazily loaded chunks, into target/pkg/ (scripts/link_app.mjs then puts it in
# dist/). trunk 0.21 runs cargo, wasm-bindgen and wasm-opt itself with no step between the first two, and
# the split has to happen there, so this script runs the chain:
#   1. cargo rustc --features split, linked with --emit-relocs (wasm-split-cli needs the relocations; the
#      flag goes to the final link only, so the dependencies and std keep their cache);
#   2. wasm-split-cli: each split point of src/lazy.rs, with the code only it reaches, becomes a chunk
#      (split_<name>.wasm, chunk_<n>.wasm for code several share) plus the loader __wasm_split.js;
#   3. wasm-bindgen on the main module (--keep-lld-exports: the chunks import the main module's functions);
#   4. wasm-opt -Oz on every module, with the features rustc emits; --low-memory-unused is safe because
#      rustc puts the stack first (data starts at 1 MiB), so addresses below 1 KiB are never used;
#   5. esbuild --minify on the JS glue (wasm-bindgen's and the split loader's): 22% less gzip on the wire.
#      It keeps import-object keys and module specifiers as written, which link_app.mjs then renames;
#   6. scripts/short_imports.mjs: wasm-bindgen's ~200 import names (`__wbg_<name>_<16 hex>`, in the wasm and
#      in the glue) become one or two letters: about 3 KB less gzip on the first load.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

OUT="$ROOT/target/wasm/wasm32-unknown-unknown/wasm-release/console.wasm"
SPLIT="$ROOT/target/split"
PKG="$ROOT/target/pkg"
OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue --low-memory-unused)

echo "[build] app: cargo rustc --features split (wasm32, wasm-release; the first run also builds std: ~10 min on 2 cores)"
wasm_release_env cargo rustc -q --profile wasm-release --target wasm32-unknown-unknown --bin console --features split \
  -- -Clink-args=--emit-relocs
rm -rf "$SPLIT" "$PKG"
mkdir -p "$SPLIT" "$PKG"
echo "[build] app: wasm-split-cli (split points of src/lazy.rs)"
wasm-split-cli "$OUT" "$SPLIT" --out-name console --target web
echo "[build] app: wasm-bindgen"
# (It warns about each name subsection it does not know, which wasm-split-cli writes; the log keeps them.)
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$PKG" --out-name console "$SPLIT/console.wasm" \
  2>"$ROOT/target/wasm-bindgen.log" || { grep -v 'unknown name subsection' "$ROOT/target/wasm-bindgen.log"; exit 1; }
for f in "$SPLIT"/*; do
  case "$(basename "$f")" in console.wasm) ;; *) cp "$f" "$PKG/" ;; esac
done
echo "[build] app: wasm-opt -Oz ($(ls "$PKG"/*.wasm | wc -l) modules)"
for w in "$PKG"/*.wasm; do
  wasm-opt "${OPT_FLAGS[@]}" "$w" -o "$w"
done
echo "[build] app: esbuild --minify (JS glue)"
for j in "$PKG"/*.js; do
  # (The glue lists the split loader once per chunk under the same import key: esbuild warns, harmlessly.)
  esbuild "$j" --minify --log-level=error --outfile="$j" --allow-overwrite
done
node "$ROOT/scripts/short_imports.mjs" "$PKG/console_bg.wasm" "$PKG/console.js"
