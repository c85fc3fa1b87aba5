// The committed deploy/nginx.conf, run with Debian's real nginx on loopback, serving dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, freePort, launchBrowser, watchErrors } from './harness.mjs';

let nginx; let base; let prefix;
before(async () => {
  prefix = mkdtempSync(path.join(tmpdir(), 'uc-nginx-'));
  mkdirSync(path.join(prefix, 'logs'));
  const port = await freePort();
  const site = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('root /var/www/upgrade-console;', `root ${DIST};`);
  writeFileSync(path.join(prefix, 'site.conf'), site);
  writeFileSync(path.join(prefix, 'nginx.conf'), `
daemon off; master_process off; worker_processes 1; user root;
error_log ${prefix}/logs/error.log; pid ${prefix}/nginx.pid;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream;
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  include ${prefix}/site.conf;
}`);
  nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  nginx.stderr.on('data', (c) => { err += c; });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${base}/`); return; } catch { await new Promise((r) => setTimeout(r, 50)); }
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${err}`);
  }
  throw new Error(`nginx did not answer: ${err}`);
});
after(async () => {
  if (nginx && nginx.exitCode === null) { nginx.kill('SIGQUIT'); await once(nginx, 'exit'); }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

test('nginx serves the app, deep links, wasm MIME, gzip and cache headers', async () => {
  const index = await (await fetch(`${base}/`)).text();
  assert.match(index, /_bg\.wasm/);
  const deep = await fetch(`${base}/op/taurusdb-minor-upgrade`);
  assert.equal(deep.status, 200);
  assert.equal(await deep.text(), index);
  assert.equal(deep.headers.get('cache-control'), 'no-cache');
  const wasm = readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
  const res = await fetch(`${base}/${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.ok((await res.arrayBuffer()).byteLength > 1000);
  for (const ext of ['.js', '.css']) {
    const name = readdirSync(DIST).find((f) => f.endsWith(ext));
    const r = await fetch(`${base}/${name}`);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', name);
    await r.arrayBuffer();
  }
});

test('the app runs in Chromium when served by nginx', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/op/dds-kernel-upgrade`);
    await page.getByTestId('pane-op-dds-kernel-upgrade').waitFor();
    assert.equal(await page.getByTestId('nav').locator('a').count(), 7, 'five operations + fleet + settings');
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});
