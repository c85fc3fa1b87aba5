// Lazily loaded chunks (src/lazy.rs, scripts/build_wasm.sh): opening an operation's form fetches the main
// module only; the fleet page, Settings, the OpenAPI generator and the signer (first pre-flight or Send)
// fetch their chunk on first use; a chunk that fails to load says so, keeps what the user typed, sends
// nothing, and loads on "Try again".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, startProxy, launchBrowser, watchErrors } from './harness.mjs';
import { OpPage, sandboxOrigin, audit } from './pages/op_page.mjs';

const CHUNK = /\/(split|chunk)_[a-z0-9_]+-[0-9a-f]{16}\.wasm$/;
let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** A fresh page that records every wasm URL it fetches. */
async function open(url) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const wasm = [];
  page.on('request', (req) => { if (req.url().endsWith('.wasm')) wasm.push(new URL(req.url()).pathname); });
  const errors = watchErrors(page);
  await page.goto(url);
  return { ctx, page, wasm, errors };
}

test('dist holds a chunk for each split point', () => {
  const names = readdirSync(DIST).filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/-[0-9a-f]{16}/, ''));
  for (const split of ['split_fleet.wasm', 'split_settings.wasm', 'split_openapi.wasm', 'split_net.wasm', 'split_confirm.wasm']) {
    assert.ok(names.includes(split), `${split} in ${names.join(', ')}`);
  }
  assert.ok(names.includes('console_bg.wasm'));
});

test('the main module imports its JS by short names, and the glue offers exactly those (scripts/short_imports.mjs)', async () => {
  const file = (re) => readdirSync(DIST).find((f) => re.test(f));
  const wasm = await WebAssembly.compile(readFileSync(path.join(DIST, file(/^console-[0-9a-f]{16}_bg\.wasm$/))));
  const glue = readFileSync(path.join(DIST, file(/^console-[0-9a-f]{16}\.js$/)), 'utf8');
  const fromGlue = WebAssembly.Module.imports(wasm).filter((i) => i.module === './console_bg.js');
  assert.ok(fromGlue.length > 100, `${fromGlue.length} imports from the glue`);
  const long = fromGlue.filter((i) => /^__wbg_.*_[0-9a-f]{16}$/.test(i.name));
  assert.deepEqual(long.map((i) => i.name), [], 'no hashed import name is left');
  assert.doesNotMatch(glue, /__wbg_\w*_[0-9a-f]{16}/, 'nor in the glue');
  for (const { name } of fromGlue.filter((i) => i.name.length <= 2)) {
    assert.match(glue, new RegExp(`[{,]${name}:function\\(`), `the glue defines ${name}`);
  }
});

test('an operation form loads the main module only', async () => {
  const { ctx, page, wasm, errors } = await open(`${proxy.url}/op/redis-major-upgrade`);
  await page.getByTestId('input-InstanceId').waitFor();
  await page.waitForTimeout(300);
  assert.equal(wasm.filter((u) => CHUNK.test(u)).length, 0, `no chunk on first load: ${wasm.join(', ')}`);
  assert.equal(wasm.filter((u) => u.endsWith('_bg.wasm')).length, 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Settings and the fleet page fetch their chunk once, on first visit', async () => {
  const { ctx, page, wasm, errors } = await open(`${proxy.url}/op/redis-major-upgrade`);
  await page.getByTestId('input-InstanceId').fill('r-bp1abc');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('pane-settings').waitFor();
  assert.equal(wasm.filter((u) => /split_settings/.test(u)).length, 1);
  await page.getByTestId('nav-fleet').click();
  await page.getByTestId('pane-fleet').waitFor();
  assert.equal(wasm.filter((u) => /split_fleet/.test(u)).length, 1);
  // Back and forth: no second fetch; the form's values come back from its URL.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('pane-settings').waitFor();
  for (let i = 0; i < 3; i++) await page.goBack(); // settings -> fleet -> settings -> the form
  assert.equal(await page.getByTestId('input-InstanceId').inputValue(), 'r-bp1abc');
  assert.equal(wasm.filter((u) => /split_(settings|fleet)/.test(u)).length, 2);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a deep link to /settings loads its chunk and renders', async () => {
  const { ctx, page, wasm, errors } = await open(`${proxy.url}/settings`);
  await page.getByTestId('pane-settings').waitFor();
  assert.ok(wasm.some((u) => /split_settings/.test(u)));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a chunk that fails to load says so, and "Try again" loads it', async () => {
  const { ctx, page, errors } = await open(`${proxy.url}/op/redis-major-upgrade`);
  await page.getByTestId('input-InstanceId').fill('r-bp1keep');
  let blocked = 0;
  await page.route(/split_settings-[0-9a-f]{16}\.wasm$/, (route) => { blocked++; return route.abort('connectionreset'); });
  await page.getByTestId('nav-settings').click();
  const failed = page.getByTestId('chunk-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /could not be loaded/);
  assert.ok(blocked >= 1);
  await page.unroute(/split_settings-[0-9a-f]{16}\.wasm$/);
  await page.getByTestId('chunk-retry').click();
  await page.getByTestId('pane-settings').waitFor();
  assert.equal(await page.getByTestId('chunk-failed').count(), 0);
  await page.goBack();
  assert.equal(await page.getByTestId('input-InstanceId').inputValue(), 'r-bp1keep');
  // The browser logs the failed fetch itself; nothing else may go wrong.
  assert.deepEqual(errors.filter((e) => !/split_settings|Failed to fetch|ERR_CONNECTION_RESET|failed to load/i.test(e)), []);
  await ctx.close();
});

test('typing into a form starts fetching the signer, before any call needs it', async () => {
  // MajorVersion is not read by pre-flight and there are no credentials: only the prefetch can fetch the
  // signer's chunk. Pre-flight without credentials stays idle without loading it.
  // The instance id comes from the deep link, not from typing.
  const { ctx, page, wasm, errors } = await open(`${proxy.url}/op/redis-major-upgrade?InstanceId=r-bp1abc`);
  await page.getByTestId('preflight-idle').waitFor();
  assert.equal(await page.getByTestId('input-InstanceId').inputValue(), 'r-bp1abc');
  await page.waitForTimeout(300);
  assert.equal(wasm.filter((u) => /split_net/.test(u)).length, 0, 'no credentials: the signer is not loaded');
  await page.getByTestId('input-MajorVersion').pressSequentially('7.');
  for (let i = 0; i < 100 && !wasm.some((u) => /split_net/.test(u)); i++) await page.waitForTimeout(50);
  await page.getByTestId('input-MajorVersion').pressSequentially('0');
  await page.waitForTimeout(200);
  assert.equal(wasm.filter((u) => /split_net/.test(u)).length, 1, 'fetched once');
  assert.equal(await page.getByTestId('preflight-idle').count(), 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the signer loads with the first call; when it cannot, pre-flight and Send say so and nothing is sent', async () => {
  const ctx = await browser.newContext();
  const NET = /split_net-[0-9a-f]{16}\.wasm$/;
  let blocked = 0;
  await ctx.route(NET, (route) => { blocked++; return route.abort('connectionreset'); });
  const op = await OpPage.open(ctx, proxy.url, 'redis-major-upgrade');
  const sent = [];
  op.page.on('request', (req) => {
    if (req.url().includes('/proxy/') && req.headers()['x-acs-action'] === 'ModifyInstanceMajorVersion') sent.push(req.url());
  });
  const id = 'r-bp1sandbox0001';
  const origin = await sandboxOrigin(proxy.url);
  await op.useDemo();
  await op.fill('InstanceId', id);
  await op.fill('MajorVersion', '7.0');
  // Pre-flight needs the signer: its failure is told in the panel, in words.
  await op.id('preflight-error').waitFor();
  assert.match(await op.text('preflight-error'), /could not be loaded/);
  assert.ok(blocked >= 1);
  await op.id('send').click();
  await op.confirm(id);
  const failed = await op.result();
  assert.equal(failed.kind, 'not-sent');
  assert.match(failed.text, /could not be loaded/);
  assert.deepEqual(sent, [], 'no upgrade call left the page');
  assert.equal((await audit(origin)).filter((e) => e.instance_id === id).length, 0);
  // The network is back: pre-flight answers, and one Send sends once.
  await ctx.unroute(NET);
  await op.id('preflight-refresh').click();
  await op.waitFact('currentversion', /^5\.0$/);
  assert.equal(await op.input('InstanceId').inputValue(), id, 'the form kept its values');
  await op.id('send').click();
  await op.confirm(id);
  // The failed call's panel is still on screen until the answer replaces it.
  await op.page.locator('[data-testid="result"][data-kind="ok"]').waitFor();
  const ok = await op.result();
  assert.equal(ok.kind, 'ok', ok.text);
  assert.equal(sent.length, 1, sent.join(', '));
  assert.equal((await audit(origin)).filter((e) => e.instance_id === id).length, 1);
  await ctx.close();
});

test('the confirmation dialog is a chunk; if the form changes before it can open, that confirmation is dropped', async () => {
  const ctx = await browser.newContext();
  const CONFIRM = /split_confirm-[0-9a-f]{16}\.wasm$/;
  await ctx.route(CONFIRM, (route) => route.abort('connectionreset'));
  const op = await OpPage.open(ctx, proxy.url, 'redis-major-upgrade');
  const sent = [];
  op.page.on('request', (req) => {
    if (req.url().includes('/proxy/') && req.headers()['x-acs-action'] === 'ModifyInstanceMajorVersion') sent.push(req.url());
  });
  await op.useDemo();
  await op.fill('InstanceId', 'r-bp1sandbox0002');
  await op.fill('MajorVersion', '5.0');
  await op.waitFact('currentversion', /^4\.0$/);
  await op.pressSend();
  await op.id('chunk-failed').waitFor();
  // The page is not modal yet: a change of the form drops the confirmation that could not open.
  await op.fill('MajorVersion', '7.0');
  await op.id('chunk-failed').waitFor({ state: 'detached' });
  await ctx.unroute(CONFIRM);
  await op.fill('MajorVersion', '5.0');
  await op.pressSend();
  await op.id('confirm').waitFor();
  assert.match(await op.text('confirm-change'), /4\.0 → 5\.0/);
  await op.page.keyboard.press('Escape');
  await op.id('confirm').waitFor({ state: 'detached' });
  assert.deepEqual(sent, [], 'nothing was confirmed, nothing was sent');
  await ctx.close();
});
