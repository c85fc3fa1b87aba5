// The console's own router (src/router.rs) in a real browser: in-page navigation without reloads, Back and
// Forward, the form's values in the URL, links the router must leave to the browser, and unknown paths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser, watchErrors } from './harness.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** A marker on `window` that a full page load would wipe. */
const mark = (page) => page.evaluate(() => { window.__routerMark = 42; });
const marked = (page) => page.evaluate(() => window.__routerMark === 42);

test('nav links, the brand link, Back and Forward change the pane without reloading the page', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/op/dds-engine-upgrade`);
  await page.getByTestId('pane-op-dds-engine-upgrade').waitFor();
  await mark(page);
  await page.getByTestId('input-DBInstanceId').fill('dds-bp1router0001');
  await page.waitForFunction(() => location.search.includes('DBInstanceId=dds-bp1router0001'));

  // The link to the form being filled in keeps the form's query and adds no history entry.
  const entries = await page.evaluate(() => history.length);
  await page.getByTestId('nav-op-dds-engine-upgrade').click();
  assert.match(page.url(), /DBInstanceId=dds-bp1router0001/);
  assert.equal(await page.evaluate(() => history.length), entries);

  await page.getByTestId('nav-op-redis-major-upgrade').click();
  await page.getByTestId('pane-op-redis-major-upgrade').waitFor();
  assert.equal(new URL(page.url()).pathname, '/op/redis-major-upgrade');
  assert.equal(await page.getByTestId('nav-op-redis-major-upgrade').getAttribute('aria-current'), 'page');
  assert.equal(await page.getByTestId('nav-op-dds-engine-upgrade').getAttribute('aria-current'), null);

  await page.goBack();
  await page.getByTestId('pane-op-dds-engine-upgrade').waitFor();
  assert.equal(await page.getByTestId('input-DBInstanceId').inputValue(), 'dds-bp1router0001',
    'Back restores the form from the URL it left');
  await page.goForward();
  await page.getByTestId('pane-op-redis-major-upgrade').waitFor();

  await page.locator('.app-header__brand').click();
  await page.getByTestId('pane-home').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.ok(await marked(page), 'no navigation reloaded the page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a click with a modifier key is left to the browser', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${proxy.url}/`);
  await page.getByTestId('pane-home').waitFor();
  await mark(page);
  const opened = context.waitForEvent('page', { timeout: 10000 });
  await page.getByTestId('nav-settings').click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, '/settings', 'the link opened in a new tab');
  assert.equal(new URL(page.url()).pathname, '/', 'this page did not navigate');
  assert.ok(await marked(page));
  await context.close();
});

test('a trailing slash is the same route; deeper or unknown paths say "not found"', async () => {
  const page = await browser.newPage();
  await page.goto(`${proxy.url}/settings/`);
  await page.getByTestId('pane-settings').waitFor();
  await page.goto(`${proxy.url}/op/dds-engine-upgrade/extra`);
  await page.getByTestId('pane-not-found').waitFor();
  await page.goto(`${proxy.url}/op/`);
  await page.getByTestId('pane-not-found').waitFor();
  await page.close();
});

test('a percent-encoded operation id opens its form, with the values of its query', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/op/dds%2Dengine%2dupgrade?DBInstanceId=dds-bp1encoded001`);
  await page.getByTestId('pane-op-dds-engine-upgrade').waitFor();
  assert.equal(await page.getByTestId('input-DBInstanceId').inputValue(), 'dds-bp1encoded001');
  assert.equal(await page.getByTestId('nav-op-dds-engine-upgrade').getAttribute('aria-current'), 'page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link sets a checkbox only to true or false, in any case; anything else keeps the default', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  for (const [query, checked] of [['dryRun=TRUE', true], ['dryRun=True', true], ['dryRun=', true], ['dryRun=maybe', true], ['dryRun=FALSE', false]]) {
    await page.goto(`${proxy.url}/op/es-version-upgrade?InstanceId=es-cn-sandbox0004&${query}`);
    const box = page.getByTestId('input-dryRun');
    await box.waitFor();
    assert.equal(await box.isChecked(), checked, query);
    // The button says what Send would do: a check, or the upgrade.
    assert.match(await page.getByTestId('send').textContent(), checked ? /dry run/ : /^(?!.*dry run)/, query);
    assert.equal(await page.getByTestId('error-dryRun').count(), 0, `${query}: no message on a checkbox`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('pre-flight reads again when the instance changes, not on every keystroke in other fields', async () => {
  const { OpPage } = await import('./pages/op_page.mjs');
  const context = await browser.newContext();
  const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
  await op.useDemo();
  const reads = [];
  // V3 signing names the action in a header.
  const isRead = (r) => r.url().includes('/proxy/') && r.headers()['x-acs-action'] === 'DescribeInstanceAttribute';
  op.page.on('request', (r) => { if (isRead(r)) reads.push(r.url()); });
  await op.fill('InstanceId', 'r-bp1sandbox0001');
  await op.waitFact('currentversion', /5\.0/);
  const after = reads.length;
  assert.ok(after >= 1, 'the instance was read');
  await op.fill('MajorVersion', '6.0');
  await op.fill('MajorVersion', '7.0');
  await op.page.waitForTimeout(500);
  assert.equal(reads.length, after, 'typing the target version starts no new read');
  await op.fill('InstanceId', 'r-bp1sandbox0002');
  for (let i = 0; i < 50 && reads.length === after; i++) await op.page.waitForTimeout(100);
  assert.ok(reads.length > after, 'a new instance id is read');
  await context.close();
});
