// Small screens and the tab title, two defects from exploratory testing:
// - at 375 px the pages were 480–1050 px wide (a region <select> and grid items kept their content's
//   width, fleet tables widened the page) and the 中文 button sat outside the viewport. At 375x800 and
//   320x700 no page may scroll sideways (a table may scroll inside itself) and the button stays on screen;
// - document.title stayed "upgrade-console" on every page. It names the page, in the UI's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { watch } from './pages/op_page.mjs';

const SIZES = [{ width: 375, height: 800 }, { width: 320, height: 700 }];
const OPS = {
  'dds-engine-upgrade': ['MongoDB engine upgrade', 'MongoDB 大版本升级'],
  'dds-kernel-upgrade': ['MongoDB kernel upgrade', 'MongoDB 内核版本升级'],
  'es-version-upgrade': ['Elasticsearch version upgrade', 'Elasticsearch 版本升级'],
  'redis-major-upgrade': ['Redis major version upgrade', 'Redis 大版本升级'],
  'taurusdb-minor-upgrade': ['TaurusDB batch minor upgrade', 'TaurusDB 批量升级内核小版本'],
};

let proxy; let browser;
before(async () => { proxy = await startProxy(['--sandbox-fleet', '2']); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

const tid = (page, id) => page.getByTestId(id);

/** Asserts that the page does not scroll sideways and that the 中文 button is fully on screen. */
async function fits(page, where) {
  const m = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const b = document.querySelector('[data-testid=lang-zh]').getBoundingClientRect();
    return { sw: document.documentElement.scrollWidth, vw: window.innerWidth, vh: window.innerHeight, b };
  });
  const at = `${where} at ${m.vw} px`;
  assert.ok(m.sw <= m.vw, `${at}: the page is ${m.sw} px wide`);
  const { left, right, top, bottom } = m.b;
  assert.ok(left >= 0 && right <= m.vw && top >= 0 && bottom <= m.vh,
    `${at}: the 中文 button spans x=${left}–${right}, y=${top}–${bottom}`);
}

/** Waits (briefly) for the tab title, then asserts it, so a failure names the title actually shown. */
async function hasTitle(page, want) {
  await page.waitForFunction((t) => document.title === t, want, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.title(), want);
}

for (const size of SIZES) {
  test(`at ${size.width}x${size.height} home, every operation and Settings fit the width`, async () => {
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    const { errors } = watch(page);
    await page.goto(`${proxy.url}/`);
    await tid(page, 'pane-home').waitFor();
    await fits(page, 'home');
    for (const op of Object.keys(OPS)) {
      await page.goto(`${proxy.url}/op/${op}`);
      await tid(page, `pane-op-${op}`).waitFor();
      // The advanced parameters too: es-version-upgrade's help holds a long JSON example.
      await page.locator('.op-form__advanced summary').click();
      await fits(page, op);
    }
    // A filled-in form with its pre-flight and the request preview open, in both languages.
    await page.goto(`${proxy.url}/op/dds-engine-upgrade?DBInstanceId=dds-bp1sandbox0001&EngineVersion=5.0`);
    await tid(page, 'use-demo').click();
    await tid(page, 'demo-in-use').waitFor();
    await tid(page, 'toggle-preview').click();
    await tid(page, 'preview-url').waitFor();
    await fits(page, 'dds-engine-upgrade with the preview');
    await tid(page, 'lang-zh').click();
    await fits(page, 'dds-engine-upgrade in Chinese');
    await tid(page, 'lang-en').click();
    await tid(page, 'nav-settings').click();
    await tid(page, 'pane-settings').waitFor();
    await fits(page, 'settings');
    // With credentials saved, three vault buttons share one row (found in a third exploratory round:
    // Forget was cut off at 375 px).
    await tid(page, 'vault-passphrase').fill('a layout passphrase');
    await tid(page, 'vault-passphrase-again').fill('a layout passphrase');
    await tid(page, 'vault-save').click();
    await tid(page, 'vault-forget').waitFor();
    await fits(page, 'settings with saved credentials');
    await tid(page, 'lang-zh').click();
    await fits(page, 'settings with saved credentials, in Chinese');
    await tid(page, 'lang-en').click();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Found while fixing the above: between the breakpoints the pre-flight panel is narrow, and a kernel
// version (mongodb_20220605_4.4.29) kept its width, 80–160 px past the right edge at 920–1100 px.
test('at 920 px a form with its pre-flight loaded fits the width', async () => {
  const context = await browser.newContext({ viewport: { width: 920, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${proxy.url}/op/dds-engine-upgrade?DBInstanceId=dds-bp1sandbox0002`);
  await tid(page, 'use-demo').click();
  await tid(page, 'preflight-facts').waitFor();
  await fits(page, 'dds-engine-upgrade with its pre-flight');
  await context.close();
});

test('the fleet page fits the width with its inventory, plan, run and history tables filled', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: SIZES[0] });
  const page = await context.newPage();
  const { errors } = watch(page);
  const everySize = async (where) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await fits(page, where);
    }
  };
  await page.goto(`${proxy.url}/fleet`);
  await tid(page, 'pane-fleet').waitFor();
  await everySize('fleet, empty');
  await tid(page, 'use-demo').click();
  await tid(page, 'fleet-list').click();
  await tid(page, 'fleet-status').filter({ hasText: 'instances listed' }).waitFor({ timeout: 60_000 });
  await everySize('fleet inventory');

  await tid(page, 'fleet-select-all').click();
  await tid(page, 'fleet-to-plan').click();
  await tid(page, 'plan-preflight').click();
  await tid(page, 'fleet-status').filter({ hasText: 'can be upgraded' }).waitFor({ timeout: 60_000 });
  await everySize('fleet plan after pre-flight');

  const open = tid(page, 'plan-confirm-open');
  const count = (await open.textContent()).match(/\d+/)[0];
  await open.click();
  await tid(page, 'plan-confirm-count').fill(count);
  await tid(page, 'plan-start').click();
  await page.locator('[data-testid^="run-item-"]').first().click();
  await tid(page, 'run-timeline').waitFor();
  await everySize('fleet run');

  await tid(page, 'fleet-tab-history').click();
  await tid(page, 'history-row').first().waitFor({ timeout: 30_000 });
  await everySize('fleet history');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tab title names the page, in the language of the interface', async () => {
  const page = await browser.newPage();
  const { errors } = watch(page);
  await page.goto(`${proxy.url}/`);
  await tid(page, 'pane-home').waitFor();
  await hasTitle(page, 'Upgrade managed database engines · upgrade-console');
  // In-page navigation (the router), not only full loads.
  for (const [op, [en]] of Object.entries(OPS)) {
    await tid(page, `nav-op-${op}`).click();
    await tid(page, `pane-op-${op}`).waitFor();
    await hasTitle(page, `${en} · upgrade-console`);
  }
  await tid(page, 'nav-settings').click();
  await hasTitle(page, 'Settings · upgrade-console');
  await tid(page, 'nav-fleet').click();
  await hasTitle(page, 'Fleet upgrades · upgrade-console');

  // Switching the language retitles the page shown, and the pages visited next.
  await tid(page, 'lang-zh').click();
  await hasTitle(page, '批量升级 · upgrade-console');
  await tid(page, 'nav-settings').click();
  await hasTitle(page, '设置 · upgrade-console');
  for (const [op, [, zh]] of Object.entries(OPS)) {
    await tid(page, `nav-op-${op}`).click();
    await hasTitle(page, `${zh} · upgrade-console`);
  }
  await page.locator('.app-header__brand').click();
  await hasTitle(page, '升级托管数据库引擎 · upgrade-console');
  await tid(page, 'lang-en').click();
  await hasTitle(page, 'Upgrade managed database engines · upgrade-console');

  // Full loads of an unknown path and an unknown operation.
  await page.goto(`${proxy.url}/nope`);
  await tid(page, 'pane-not-found').waitFor();
  await hasTitle(page, 'Page not found · upgrade-console');
  await page.goto(`${proxy.url}/op/nope`);
  await tid(page, 'pane-op-unknown').waitFor();
  await hasTitle(page, 'Unknown operation · upgrade-console');
  await page.goto(`${proxy.url}/op/redis-major-upgrade`);
  await hasTitle(page, 'Redis major version upgrade · upgrade-console');
  assert.deepEqual(errors, []);
  await page.close();
});
