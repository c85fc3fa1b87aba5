// Clock skew (issue 3): with the browser clock 20 minutes behind, the first signed call is refused as
// expired; its reply's Date header (exposed by the proxy) reveals the skew, the page warns, and the next
// call is signed with the corrected time and accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser, watchErrors } from './harness.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('a skewed browser clock is detected, shown, and corrected when signing', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() - 20 * 60 * 1000;
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/op/dds-kernel-upgrade`);
  await page.getByTestId('use-demo').click();
  await page.getByTestId('input-DBInstanceId').fill('dds-bp1sandbox0001');
  // First round: signed 20 minutes in the past, so the sandbox refuses it as the cloud would.
  await page.getByTestId('preflight-error').waitFor();
  const warning = await page.getByTestId('clock-skew').textContent();
  const seconds = Number(warning.match(/-?\d+/)[0]);
  assert.ok(Math.abs(seconds - 1200) <= 5, `skew ≈ 1200 s, got ${seconds}`);
  // Next round is signed with the server's time and goes through.
  await page.getByTestId('preflight-refresh').click();
  await page.getByTestId('preflight-facts').waitFor();
  // The refused first call is logged by Chromium as a failed load; no script error may occur.
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
  await context.close();
});
