// Two details a keyboard user and a DBA planning a scheduled upgrade rely on, against the real proxy and
// its sandbox: "Use demo credentials" leaves focus on the line that replaces it (not at the page's start),
// and pre-flight shows the instance's maintenance window, as the cloud reports it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('"Use demo credentials" pressed from the keyboard leaves focus on "Demo credentials in use"', async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
    await op.id('use-demo').focus();
    await op.page.keyboard.press('Enter');
    await op.id('demo-in-use').waitFor();
    await op.page.waitForFunction(() => document.activeElement?.dataset.testid === 'demo-in-use');
    // Tab goes on from there, not from the page's top: the next element focused follows the banner's line.
    await op.page.keyboard.press('Tab');
    const after = await op.page.evaluate(() => {
      const line = document.querySelector('[data-testid="demo-in-use"]');
      const now = document.activeElement;
      return now !== document.body && !!(line.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(after, 'focus moved on past the banner');
  } finally {
    await context.close();
  }
});

test('pre-flight shows the maintenance window a scheduled upgrade would run in', async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
    await op.useDemo();
    await op.fill('InstanceId', 'r-bp1sandbox0001');
    await op.waitFact('status', /^Normal$/);
    assert.match(await op.text('fact-window'), /^\d\d:\d\dZ[-–]\d\d:\d\dZ$/);
    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
});
