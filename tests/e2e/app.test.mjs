// The app shell in a real browser, served by the real proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { ROOT, startProxy, launchBrowser, watchErrors } from './harness.mjs';

const OPS = [
  ['dds-engine-upgrade', 'MongoDB engine upgrade'],
  ['dds-kernel-upgrade', 'MongoDB kernel upgrade'],
  ['es-version-upgrade', 'Elasticsearch version upgrade'],
  ['redis-major-upgrade', 'Redis major version upgrade'],
  ['taurusdb-minor-upgrade', 'TaurusDB batch minor upgrade'],
];

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('home shows the five operations grouped by cloud, and settings', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/`);
  await page.getByTestId('nav').waitFor();
  const ali = page.getByTestId('nav-cloud-alibaba');
  const hw = page.getByTestId('nav-cloud-huawei');
  assert.equal(await ali.locator('h2').textContent(), 'Alibaba Cloud');
  assert.equal(await hw.locator('h2').textContent(), 'Huawei Cloud');
  for (const [id, title] of OPS.slice(0, 4)) assert.equal(await ali.getByTestId(`nav-op-${id}`).innerText(), title);
  assert.equal(await hw.getByTestId('nav-op-taurusdb-minor-upgrade').innerText(), OPS[4][1]);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('pane-settings').waitFor();
  assert.equal(new URL(page.url()).pathname, '/settings');
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  await page.getByTestId('nav-op-redis-major-upgrade').click();
  await page.getByTestId('pane-op-redis-major-upgrade').waitFor();
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshot.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('every operation route is deep-linkable (direct load, SPA fallback)', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  for (const [id, title] of OPS) {
    const res = await page.goto(`${proxy.url}/op/${id}`);
    assert.equal(res.status(), 200);
    const pane = page.getByTestId(`pane-op-${id}`);
    await pane.waitFor();
    assert.match(await pane.innerText(), new RegExp(title));
    assert.equal(await page.getByTestId(`nav-op-${id}`).getAttribute('aria-current'), 'page');
  }
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('pane-settings').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('unknown routes and operation ids say so instead of a blank page', async () => {
  const page = await browser.newPage();
  await page.goto(`${proxy.url}/op/no-such-operation`);
  await page.getByTestId('pane-op-unknown').waitFor();
  await page.goto(`${proxy.url}/no/such/page`);
  await page.getByTestId('pane-not-found').waitFor();
  await page.close();
});
