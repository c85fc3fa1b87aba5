// The confirmation says when an upgrade runs (now, or in the maintenance window, with the window in UTC
// and in local time), and the preview's copy buttons are named after what they copy and say what a click
// did: copied, or (without a clipboard, as on plain-http intranet hostnames) the text selected instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => {
  proxy = await startProxy();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await proxy?.stop(); });

const ID = 'r-bp1sandbox0001';

/** Opens the Redis form in a new context made with `options`, filled for `ID`, and runs `fn`. */
async function withRedis(options, fn, init) {
  const context = await browser.newContext(options);
  try {
    if (init) await context.addInitScript(init);
    const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
    await op.useDemo();
    await op.fill('InstanceId', ID);
    await op.fill('MajorVersion', '7.0');
    await op.waitFact('status', /^Normal$/);
    await fn(op);
    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
}

/** Opens the confirmation for what the form holds and returns its button text and timing line. */
async function confirmation(op) {
  await op.id('send').click();
  await op.id('confirm').waitFor();
  const out = {
    button: (await op.text('confirm-send')).trim(),
    timing: (await op.id('confirm-timing').count()) ? (await op.text('confirm-timing')).trim() : null,
  };
  await op.id('confirm-cancel').click();
  await op.id('confirm').waitFor({ state: 'detached' });
  return out;
}

test('a scheduled upgrade is confirmed as scheduled, with the window in UTC and local time', async () => {
  await withRedis({ timezoneId: 'Asia/Shanghai' }, async (op) => {
    await op.fill('EffectiveTime', 'MaintainTime');
    const scheduled = await confirmation(op);
    assert.equal(scheduled.button, 'Schedule for the maintenance window');
    assert.match(scheduled.timing ?? '', /18:00–22:00 UTC \(02:00–06:00 local\)/);

    await op.fill('EffectiveTime', 'Immediately');
    const now = await confirmation(op);
    assert.equal(now.button, 'Upgrade now');
    assert.equal(now.timing, null, 'no window for an immediate upgrade');
  });
});

test('copying the curl command says Copied and fills the clipboard', async () => {
  await withRedis({ permissions: ['clipboard-read', 'clipboard-write'] }, async (op) => {
    await op.preview();
    const buttons = await op.id('preview').getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(buttons.filter((n) => !/^Copy (HTTP request|canonical request|string to sign|curl command|CLI command)$/.test(n ?? '')), [],
      `every copy button names what it copies: ${buttons}`);
    await op.page.getByRole('button', { name: 'Copy curl command' }).click();
    const live = op.id('preview-curl-copied');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    await op.page.locator('[data-testid="preview-curl-copied"]', { hasText: /^Copied$/ }).waitFor();
    // Read after the click: the preview signs afresh when the form or pre-flight changes.
    assert.equal(await op.page.evaluate(() => navigator.clipboard.readText()), await op.text('preview-curl'));
    await op.page.waitForFunction(() => document.querySelector('[data-testid="preview-curl-copied"]')?.textContent === '', null, { timeout: 5000 });
  });
});

test('without a clipboard, copying selects the text and says so', async () => {
  await withRedis({}, async (op) => {
    await op.preview();
    await op.page.getByRole('button', { name: 'Copy curl command' }).click();
    await op.page.locator('[data-testid="preview-curl-copied"]', { hasText: /Copy not available here: the text is selected, press Ctrl\+C/ }).waitFor();
    assert.equal(await op.page.evaluate(() => window.getSelection().toString()), await op.text('preview-curl'));
  }, () => { delete Navigator.prototype.clipboard; });
});
