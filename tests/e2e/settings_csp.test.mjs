// A proxy address the page's own Content-Security-Policy refuses (`connect-src 'self'` unless the proxy
// was started with `--connect-src`): Settings says so under the field, naming the origin and the flag,
// in English and Chinese; the pre-flight's network error mentions the security policy; the same-origin
// default and an origin admitted with `--connect-src` show no hint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser, freePort, watchErrors } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** A fresh context per test, closed whatever happens. */
async function inContext(fn) {
  const context = await browser.newContext();
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Types `address` into the proxy field and leaves it, as a user would. */
async function setProxy(page, address) {
  const field = page.getByTestId('proxy-base');
  await field.fill(address);
  await field.press('Tab');
}

test('the same proxy under another name: a failed pre-flight, then Settings names the origin and the flag', async () => {
  // The same proxy, another origin: `localhost` instead of `127.0.0.1`.
  const other = proxy.url.replace('127.0.0.1', 'localhost');
  await inContext(async (page) => {
    await page.goto(`${proxy.url}/settings`);
    await setProxy(page, other);
    await page.getByTestId('nav-op-redis-major-upgrade').click();
    const op = new OpPage(page, proxy.url, 'redis-major-upgrade');
    await op.pane.waitFor();
    await op.useDemo();
    await op.fill('InstanceId', 'r-bp1sandbox0001');
    await op.fill('MajorVersion', '7.0');
    await op.fill('EffectiveTime', 'MaintainTime');
    const failed = await op.text('preflight-error');
    assert.match(failed, /No complete answer through the proxy at http:\/\/localhost:/);
    assert.match(failed, /security policy/);
    await page.getByTestId('nav-settings').click();
    const hint = page.getByTestId('proxy-base-csp');
    await hint.waitFor({ timeout: 5000 });
    const text = await hint.textContent();
    assert.match(text, /security policy/);
    assert.ok(text.includes(`--connect-src ${other}`), text);
    assert.ok(text.includes('proxy_base'), text);
    // The language is read when the hint is shown.
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('proxy-base-csp').filter({ hasText: `请以 --connect-src ${other} 启动` }).waitFor();
    await page.getByTestId('lang-en').click();
    // Back to the page's own origin: the hint goes.
    await setProxy(page, '');
    await hint.waitFor({ state: 'detached' });
  });
});

test('a closed port: the hint shows on Settings itself, without another call', async () => {
  const closed = await freePort();
  await inContext(async (page) => {
    await page.goto(`${proxy.url}/settings`);
    await setProxy(page, `http://127.0.0.1:${closed}`);
    const hint = page.getByTestId('proxy-base-csp');
    await hint.waitFor({ timeout: 5000 });
    assert.ok((await hint.textContent()).includes(`--connect-src http://127.0.0.1:${closed}`));
  });
});

test('the same-origin default and the page origin typed out show no hint', async () => {
  await inContext(async (page) => {
    const errors = watchErrors(page);
    await page.goto(`${proxy.url}/settings`);
    await page.getByTestId('proxy-base').waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await page.getByTestId('proxy-base-csp').count(), 0);
    await setProxy(page, proxy.url);
    await page.waitForTimeout(1000);
    assert.equal(await page.getByTestId('proxy-base-csp').count(), 0);
    assert.deepEqual(errors, []);
  });
});

test('an origin admitted with --connect-src shows no hint', async () => {
  const port = await freePort();
  const allowed = `http://127.0.0.1:${port}`;
  const admitting = await startProxy(['--connect-src', allowed]);
  try {
    await inContext(async (page) => {
      await page.goto(`${admitting.url}/settings`);
      await setProxy(page, allowed);
      await page.waitForTimeout(1500);
      assert.equal(await page.getByTestId('proxy-base-csp').count(), 0);
    });
  } finally {
    await admitting.stop();
  }
});
