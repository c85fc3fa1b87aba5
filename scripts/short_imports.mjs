#!/usr/bin/env node
// Shortens the names the main wasm module imports its JS functions by (wasm-bindgen's glue), in the
// module's import section and in the glue's import object alike. Run by scripts/build_wasm.sh after
// wasm-opt and esbuild.
//
// Why: wasm-bindgen names each of the ~200 imports `__wbg_<name>_<16 hex digits>`, and every name is
// written twice on the wire, once in the wasm and once in the JS. The hex digits are random to a
// compressor: about 3 KB of the first load's gzip went to them. binaryen's `--minify-imports` renames
// only imports from the `env` module, and renaming modules as well would break the glue, hence this.
//
// Only imports from the glue's module (`./console_bg.js`) with a name of that exact shape are renamed;
// each must occur exactly once in the glue (as its import-object key), or the build stops. The short names
// cannot meet another key of that object: its other keys are wasm-bindgen's long `__wbindgen_*` names. A
// mismatch would stop the app at instantiation (a LinkError), which every e2e test would report.
// Deterministic: the n-th such import (in the wasm's order) gets the n-th short name.
// Usage: node scripts/short_imports.mjs target/pkg/console_bg.wasm target/pkg/console.js
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const die = (msg) => { console.error(`short_imports: ${msg}`); process.exit(1); };
if (!wasmPath || !jsPath) die('usage: short_imports.mjs <module.wasm> <glue.js>');
const GLUE = './console_bg.js';
const SHAPE = /^__wbg_[\w$]*_[0-9a-f]{16}$/;

/** Reads an unsigned LEB128 at `i`: [value, next index]. */
function leb(buf, i) {
  let v = 0; let shift = 0;
  for (;;) {
    const b = buf[i++];
    if (b === undefined) die('truncated LEB128');
    v += (b & 0x7f) * 2 ** shift; shift += 7;
    if (b < 0x80) return [v, i];
  }
}
/** Encodes `n` as an unsigned LEB128. */
function uleb(n) {
  const out = [];
  do { let b = n % 128; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}
/** A length-prefixed UTF-8 string at `i`: [string, next index]. */
function str(buf, i) {
  const [n, j] = leb(buf, i);
  if (j + n > buf.length) die('a name runs past the end of the module');
  return [buf.toString('utf8', j, j + n), j + n];
}
/** The end of an import's descriptor starting at `i` (its kind byte). */
function descEnd(buf, i) {
  const kind = buf[i++];
  const limits = (j) => { const flags = buf[j]; let [, k] = leb(buf, j + 1); if (flags & 1) [, k] = leb(buf, k); return k; };
  switch (kind) {
    case 0: return leb(buf, i)[1]; // function: type index
    case 1: return limits(i + 1); // table: reference type, limits
    case 2: return limits(i); // memory: limits
    case 3: return i + 2; // global: value type, mutability
    case 4: return leb(buf, i + 1)[1]; // tag: attribute, type index
    default: return die(`unknown import kind ${kind}`);
  }
}
/** The n-th short name: a…z, A…Z, then two letters and so on (never a JS-special key like __proto__). */
function shortName(n) {
  const A = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do { s = A[n % A.length] + s; n = Math.floor(n / A.length) - 1; } while (n >= 0);
  return s;
}

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) die(`${wasmPath} is not a wasm module`);
let js = readFileSync(jsPath, 'utf8');
const parts = [wasm.subarray(0, 8)];
const renames = [];
let i = 8;
while (i < wasm.length) {
  const id = wasm[i];
  const [size, start] = leb(wasm, i + 1);
  const end = start + size;
  if (end > wasm.length) die(`section ${id} runs past the end of ${wasmPath}`);
  if (id !== 2) { parts.push(wasm.subarray(i, end)); i = end; continue; }
  let [count, j] = leb(wasm, start);
  const entries = [uleb(count)];
  for (; count > 0; count--) {
    let module; let name;
    [module, j] = str(wasm, j);
    [name, j] = str(wasm, j);
    const d = descEnd(wasm, j);
    if (module === GLUE && SHAPE.test(name)) {
      const to = shortName(renames.length);
      renames.push([name, to]);
      name = to;
    }
    for (const s of [module, name]) { const b = Buffer.from(s, 'utf8'); entries.push(uleb(b.length), b); }
    entries.push(wasm.subarray(j, d));
    j = d;
  }
  if (j !== end) die('the import section does not end where its size says');
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), uleb(body.length), body);
  i = end;
}
if (renames.length === 0) die(`no ${GLUE} import of the shape __wbg_*_<hex> in ${wasmPath}: has wasm-bindgen changed?`);
for (const [from, to] of renames) {
  const key = new RegExp(`(?<![\\w$])${from.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  const found = js.match(key)?.length ?? 0;
  if (found !== 1) die(`${from} occurs ${found} times in ${jsPath}, not once`);
  js = js.replace(key, to);
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.log(`[build] app: ${renames.length} wasm-bindgen import names shortened`);
