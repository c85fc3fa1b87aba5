#!/usr/bin/env node
// Content-Security-Policy post-processing of a trunk build (run by scripts/build.sh).
//
// trunk 0.21 writes its bootstrap (`import init from './console-….js'; await init(…)`) as an inline
// `<script type="module">` into dist/index.html, and has no option to emit it as a file (trunk-rs/trunk
// issue #288 is still open). An inline script would force `script-src 'unsafe-inline'` (or a hash that
// every deployment must copy), so this moves it into `boot-<hash>.js` beside the other hashed assets and
// references it with `<script type="module" src=… integrity=…>`. The page then runs under
// `script-src 'self' 'wasm-unsafe-eval'`.
//
// Idempotent: a page without an inline script is left alone. Prints the files it wrote (one per line),
// so build.sh can precompress them. Usage: node scripts/csp_bootstrap.mjs [dist]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const dist = process.argv[2] ?? 'dist';
const indexPath = path.join(dist, 'index.html');
const html = readFileSync(indexPath, 'utf8');

// Any <script> without a src attribute is inline. trunk emits exactly one (the module bootstrap).
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc\s*=/i.test(m[1]));
if (inline.length === 0) process.exit(0);
if (inline.length > 1 || !/type\s*=\s*["']?module/i.test(inline[0][1])) {
  console.error(`csp_bootstrap: expected one inline <script type="module"> in ${indexPath}, found ${inline.length}`);
  process.exit(1);
}

const code = `${inline[0][2].trim()}\n`;
const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
// Stale bootstraps of earlier builds (and their compressed copies) go.
for (const f of readdirSync(dist)) {
  if (/^boot-[0-9a-f]{16}\.js(\.gz|\.br)?$/.test(f) && !f.startsWith(name)) rmSync(path.join(dist, f));
}
writeFileSync(path.join(dist, name), code);
const tag = `<script type="module" src="./${name}" integrity="${integrity}"></script>`;
writeFileSync(indexPath, html.replace(inline[0][0], tag));
console.log(path.join(dist, name));
console.log(indexPath);
