// How the proxy serves the release build over HTTP: what `curl` and browsers get.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DIST, startProxy } from './harness.mjs';

let proxy;
before(async () => { proxy = await startProxy(); });
after(async () => { await proxy?.stop(); });

const asset = (ext) => readdirSync(DIST).find((f) => f.endsWith(ext) && !f.endsWith(`${ext}.gz`));

test('GET / returns the app shell with the hashed wasm and js referenced', async () => {
  const res = await fetch(`${proxy.url}/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const html = await res.text();
  assert.ok(html.includes(asset('_bg.wasm')), 'index references the wasm');
  assert.ok(html.includes(asset('.js')), 'index references the js');
});

test('hashed assets have correct MIME types and a one-year immutable cache', async () => {
  for (const [ext, mime] of [['_bg.wasm', 'application/wasm'], ['.js', 'text/javascript'], ['.css', 'text/css']]) {
    const name = asset(ext);
    assert.ok(name, `dist has a ${ext}`);
    const res = await fetch(`${proxy.url}/${name}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(res.status, 200, name);
    assert.ok(res.headers.get('content-type').startsWith(mime), `${name}: ${res.headers.get('content-type')}`);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await res.arrayBuffer();
  }
});

test('brotli and gzip are served to clients that accept them, identical after decoding', async () => {
  const name = asset('_bg.wasm');
  const plain = Buffer.from(await (await fetch(`${proxy.url}/${name}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
  for (const enc of ['br', 'gzip']) {
    // Node's fetch decodes transparently; the header proves which copy was sent.
    const res = await fetch(`${proxy.url}/${name}`, { headers: { 'accept-encoding': enc } });
    assert.equal(res.headers.get('content-encoding'), enc);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(plain), `${enc} decodes to the same wasm`);
  }
});

test('deep links fall back to index.html; missing assets do not', async () => {
  const index = await (await fetch(`${proxy.url}/`)).text();
  for (const p of ['/op/redis-major-upgrade', '/settings', '/op/unknown?x=1']) {
    const res = await fetch(`${proxy.url}${p}`);
    assert.equal(res.status, 200, p);
    assert.equal(await res.text(), index, p);
  }
  const res = await fetch(`${proxy.url}/../../etc/passwd`);
  assert.ok(!(await res.text()).includes('root:'), 'no path traversal');
});
