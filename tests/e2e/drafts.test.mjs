// Form drafts for the life of the page, against the real proxy: a half-filled form left through the
// navigation is found as it was on coming back (also its URL), each operation keeps its own, "Clear form"
// starts afresh, and nothing is written to storage (a fresh page load opens a fresh form).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('a form left through the navigation keeps its draft; Clear form starts afresh', async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
    const { page } = op;
    await op.fill('InstanceId', 'r-bp1draft000001');
    await op.fill('MajorVersion', '7.0');
    await op.id('nav-op-dds-engine-upgrade').click();
    await op.id('pane-op-dds-engine-upgrade').waitFor();
    await op.input('DBInstanceId').fill('dds-bp1draft00001');
    await op.id('nav-settings').click();
    await op.id('nav-op-redis-major-upgrade').click();
    await op.pane.waitFor();
    assert.equal(await op.input('InstanceId').inputValue(), 'r-bp1draft000001', 'the draft came back');
    assert.equal(await op.input('MajorVersion').inputValue(), '7.0');
    assert.match(page.url(), /\/op\/redis-major-upgrade\?.*InstanceId=r-bp1draft000001/, 'and its URL with it');
    await op.id('nav-op-dds-engine-upgrade').click();
    assert.equal(await op.input('DBInstanceId').inputValue(), 'dds-bp1draft00001', 'each form has its own');

    await op.id('nav-op-redis-major-upgrade').click();
    await op.id('clear-form').click();
    assert.equal(await op.input('InstanceId').inputValue(), '');
    assert.equal(await op.input('MajorVersion').inputValue(), '');
    assert.doesNotMatch(page.url(), /InstanceId=/);
    assert.equal(await op.error('InstanceId').count(), 0, 'a cleared form shows no messages');
    await op.id('nav-settings').click();
    await op.id('nav-op-redis-major-upgrade').click();
    assert.equal(await op.input('InstanceId').inputValue(), '', 'the cleared form is the draft now');

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes('draft0000'), `drafts are not stored: ${stored.slice(0, 200)}`);
    const fresh = await OpPage.open(context, proxy.url, 'dds-engine-upgrade');
    assert.equal(await fresh.input('DBInstanceId').inputValue(), '', 'a new page load opens a fresh form');
    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
});
