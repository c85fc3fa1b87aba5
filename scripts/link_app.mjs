#!/usr/bin/env node
// Puts the split wasm app (scripts/build_wasm.sh wrote it to target/pkg) into trunk's dist/ and links it
// from dist/index.html. Run by scripts/build.sh after `trunk build`.
//
// - Every file gets the build's content hash in its name (`console-<hash>.js`, `console-<hash>_bg.wasm`,
//   `split_fleet-<hash>.wasm`, `__wasm_split-<hash>.js`), the pattern the proxy and deploy/nginx.conf cache
//   for a year. One hash for the whole set: the JS files import each other (wasm-bindgen's module imports
//   the chunk loader, which imports it back), so per-file hashes would depend on each other.
// - The bootstrap is a file (`boot-<hash>.js`, loaded with an SRI `integrity`), never an inline script, so
//   the page runs under `script-src 'self' 'wasm-unsafe-eval'`.
// - The main module and its wasm are preloaded from the <head>; the chunks are fetched only when the page
//   first needs them (src/lazy.rs).
//
// Prints the files it wrote (one per line) so build.sh can precompress them.
// Usage: node scripts/link_app.mjs [pkg] [dist]  (after `trunk build`, which writes a fresh dist/)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const pkg = process.argv[2] ?? 'target/pkg';
const dist = process.argv[3] ?? 'dist';
const die = (msg) => { console.error(`link_app: ${msg}`); process.exit(1); };

const files = readdirSync(pkg).filter((f) => /\.(js|wasm)$/.test(f)).sort();
for (const need of ['console.js', 'console_bg.wasm']) if (!files.includes(need)) die(`${pkg}/${need} is missing`);

const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(pkg, f)));
const h = hash.digest('hex').slice(0, 16);

// console_bg.wasm -> console-<h>_bg.wasm, split_fleet.wasm -> split_fleet-<h>.wasm, __wasm_split.js -> __wasm_split-<h>.js
const renamed = (f) => f.replace(/^(.*?)(_bg)?\.(js|wasm)$/, (_, stem, bg, ext) => `${stem}-${h}${bg ?? ''}.${ext}`);
const names = new Map(files.map((f) => [f, renamed(f)]));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A reference is a module specifier (`from "./x.js"`) or a fetched URL (`new URL('x_bg.wasm', …)`). Not
// every string: wasm-bindgen also keys the import object by the wasm's import module name
// ("./__wasm_split.js"), which must stay as the wasm spells it.
const refs = new RegExp(`(from\\s*|new URL\\(\\s*)(["'])(\\./)?(${[...names.keys()].map(escape).join('|')})\\2`, 'g');

const written = [];
for (const [from, to] of names) {
  let data = readFileSync(path.join(pkg, from));
  if (from.endsWith('.js')) {
    data = Buffer.from(data.toString('utf8').replace(refs, (_, lead, q, dot, name) => `${lead}${q}${dot ?? ''}${names.get(name)}${q}`));
  }
  writeFileSync(path.join(dist, to), data);
  written.push(path.join(dist, to));
}

const main = names.get('console.js');
const wasm = names.get('console_bg.wasm');
const boot = `import init from './${main}';\nawait init({ module_or_path: new URL('./${wasm}', import.meta.url) });\n`;
const bootName = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(path.join(dist, bootName), boot);
written.push(path.join(dist, bootName));

const indexPath = path.join(dist, 'index.html');
// trunk leaves the skipped rust asset's <link> in place (index.html: data-trunk-skip); it has no use here.
const html = readFileSync(indexPath, 'utf8').replace(/\s*<link data-trunk rel="rust"[^>]*>/, '');
if (/<script\b/i.test(html.replace(/<!--[\s\S]*?-->/g, ''))) die(`${indexPath} already has a <script>: run trunk build first (it rewrites dist/)`);
if (!html.includes('</head>')) die(`${indexPath} has no </head>`);
const integrity = `sha384-${createHash('sha384').update(boot).digest('base64')}`;
const loader = names.get('__wasm_split.js');
const tags = [
  `<link rel="modulepreload" href="./${main}">`,
  ...(loader ? [`<link rel="modulepreload" href="./${loader}">`] : []),
  `<link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  `<script type="module" src="./${bootName}" integrity="${integrity}"></script>`,
].join('\n    ');
writeFileSync(indexPath, html.replace(/\s*<\/head>/, `\n    ${tags}\n  </head>`));
written.push(indexPath);
console.log(written.join('\n'));
