// Swagger UI next to the console for `make bench`: a bench-only static site in target/bench/swagger/
// (swagger-ui-dist from package-lock.json, its stock index.html and StandaloneLayout, our OpenAPI document
// from `cargo run -p console-core --example openapi`), precompressed like dist/ (gzip -9, brotli -q 11) and
// served by the same console-proxy static file server. Nothing here is shipped in dist/.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, waitForLine } from '../tests/e2e/harness.mjs';

export const SWAGGER_DIR = path.join(ROOT, 'target/bench/swagger');
const DIST_PKG = path.join(ROOT, 'node_modules/swagger-ui-dist');

/** The operation both sides open: its form is "interactive" once this parameter's input is present. */
export const OPERATION = { id: 'dds-engine-upgrade', param: 'DBInstanceId' };

/** The OpenAPI document the app's "Download OpenAPI" button produces, printed by the core's example. */
export function openapiText() {
  return execFileSync('cargo', ['run', '-q', '-p', 'console-core', '--example', 'openapi'], { cwd: ROOT, encoding: 'utf8' });
}

/** Writes `dir` (target/bench/swagger/): the stock swagger-ui-dist page, pointed at our openapi.json. */
export function prepareSwagger(openapi = openapiText(), dir = SWAGGER_DIR) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = ['index.html', 'index.css', 'swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js',
    'favicon-16x16.png', 'favicon-32x32.png'];
  for (const f of files) copyFileSync(path.join(DIST_PKG, f), path.join(dir, f));
  // The stock initializer with two changes: our document, and "Try it out" open by default, so an opened
  // operation shows its parameter inputs at once (the fairest reading of "form interactive").
  const init = readFileSync(path.join(DIST_PKG, 'swagger-initializer.js'), 'utf8')
    .replace(/url: "[^"]*",/, 'url: "openapi.json",\n    tryItOutEnabled: true,');
  if (!init.includes('openapi.json')) throw new Error('swagger-initializer.js changed shape; update bench_swagger.mjs');
  writeFileSync(path.join(dir, 'swagger-initializer.js'), init);
  writeFileSync(path.join(dir, 'openapi.json'), openapi);
  for (const f of ['index.html', 'index.css', 'swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js',
    'swagger-initializer.js', 'openapi.json']) {
    const p = path.join(dir, f);
    execFileSync('gzip', ['-9', '-k', '-f', '-n', p]);
    execFileSync('brotli', ['-f', '-q', '11', '-k', p]);
  }
  return dir;
}

/** The deep link that opens the operation in Swagger UI (deepLinking: #/{tag}/{operationId}). */
export function swaggerOperationHash(openapi) {
  const doc = JSON.parse(openapi);
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (op && op.operationId === OPERATION.id) return `#/${encodeURIComponent(op.tags[0])}/${OPERATION.id}`;
    }
  }
  throw new Error(`no operation ${OPERATION.id} in openapi.json`);
}

/** Serves `dir` with console-proxy (static files only, no sandbox); returns { url, stop }. */
export async function serveStatic(dir) {
  const proc = spawn(path.join(ROOT, 'target/release/console-proxy'), ['--dist', dir, '--port', '0'],
    { env: { ...process.env, RUST_LOG: 'warn' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const m = await waitForLine(proc.stdout, /running at (http:\/\/[\d.:]+)\//);
  return { url: m[1], stop: async () => { if (proc.exitCode === null) { proc.kill('SIGTERM'); await once(proc, 'exit'); } } };
}

/** Bytes on the wire for `url` when the client accepts only `encoding` (the body as sent, not decoded). */
export function transferSize(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => resolve({ bytes: n, status: res.statusCode, encoding: res.headers['content-encoding'] ?? 'identity', type: res.headers['content-type'] ?? '' }));
    }).on('error', reject);
  });
}

/** The kind of a first-load resource, for the size rows. */
export function kindOf(url, type) {
  const p = new URL(url).pathname;
  if (p.endsWith('.wasm') || type.includes('wasm')) return 'wasm';
  if (p.endsWith('.js') || type.includes('javascript')) return 'js';
  if (p.endsWith('.css') || type.includes('css')) return 'css';
  if (p.endsWith('.json') || type.includes('json')) return 'json';
  if (p.endsWith('.html') || p.endsWith('/') || type.includes('html')) return 'html';
  return 'other';
}
