// The confirmation's last check of a TaurusDB batch, against the real proxy and its sandbox: every line is
// read before the batch can be confirmed, each line the cloud would refuse is named (a current_version that
// is not the instance's, an instance with no newer kernel), confirming is refused meanwhile and nothing is
// sent; a corrected batch is checked clean and goes out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, sandboxOrigin, audit } from './pages/op_page.mjs';

let proxy; let browser; let origin;
before(async () => {
  proxy = await startProxy();
  browser = await launchBrowser();
  origin = await sandboxOrigin(proxy.url);
});
after(async () => { await browser?.close(); await proxy?.stop(); });

const PROJECT = '4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a';
const id = (n) => `5a4db0c5${String(n).padStart(24, '0')}in07`;
const batches = async () => (await audit(origin)).filter((e) => e.action === 'BatchUpgradeDatabases');

test('a TaurusDB batch is read line by line before it can be confirmed', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'taurusdb-minor-upgrade');
    await op.useDemo();
    await op.page.waitForFunction((p) => document.querySelector('[data-testid="input-project_id"]')?.value === p, PROJECT);
    // Line 1 is fine (pre-flight reads only it); 2 runs another version; 3 already has the latest kernel.
    await op.fill('databases_instance_infos', `${id(1)},2.0.28.1\n${id(2)},2.0.28.1\n${id(3)},2.0.28.1`);
    await op.waitFact('status', /^normal$/i);
    assert.equal(await op.sendBlocked(), false, 'pre-flight of the first line lets Send through');

    await op.id('send').click();
    await op.id('confirm').waitFor();
    await op.id('confirm-input').fill(id(1));
    const check = op.id('batch-check');
    await op.page.waitForFunction(() => /refuse|ready|not checked/.test(document.querySelector('[data-testid="batch-check"]')?.textContent ?? ''), null, { timeout: 15_000 });
    const lines = (await check.innerText()).split('\n').filter(Boolean);
    assert.match(lines[0], /^The cloud would refuse this batch/);
    assert.equal(lines.length, 3, `two lines named: ${lines}`);
    assert.ok(!lines.some((l) => l.startsWith(id(1))), 'the ready line is not named');
    assert.match(lines.find((l) => l.startsWith(id(2))) ?? '', /current_version 2\.0\.28\.1, but the instance runs 2\.0\.45\.230950/);
    assert.match(lines.find((l) => l.startsWith(id(3))) ?? '', /no upgrade available/);
    assert.equal(await op.id('confirm-send').isDisabled(), true, 'a wrong line refuses confirming');
    await op.id('confirm-input').press('Enter');
    await op.page.waitForTimeout(300);
    assert.equal(await op.id('confirm').count(), 1, 'Enter does not confirm either');
    assert.equal((await batches()).length, 0, 'nothing was sent');
    await op.id('confirm-cancel').click();
    await op.id('confirm').waitFor({ state: 'detached' });

    // Corrected: line 2 with its own version in a batch of its own kind is not allowed (one source version
    // per batch), so the batch keeps line 1 only.
    await op.fill('databases_instance_infos', `${id(1)},2.0.28.1`);
    await op.id('send').click();
    await op.id('confirm').waitFor();
    await op.page.waitForFunction(() => /^Every instance of the batch was read/.test(document.querySelector('[data-testid="batch-check"]')?.textContent ?? ''), null, { timeout: 15_000 });
    await op.confirm(id(1));
    const r = await op.result();
    assert.equal(r.kind, 'ok', r.text);
    assert.equal((await batches()).length, 1, 'the corrected batch went out once');
    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
});

// Found in a third exploratory round: leaving the batch field for Send showed the field's warning, which
// moved the button down between press and release, and the first click was lost.
test('one click on Send straight from a field whose warning appears on leaving it opens the dialog', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'taurusdb-minor-upgrade');
    await op.useDemo();
    await op.page.waitForFunction((p) => document.querySelector('[data-testid="input-project_id"]')?.value === p, PROJECT);
    await op.input('databases_instance_infos').fill(`${id(2)},2.0.45.230950\n${id(3)},2.0.57.240900`);
    await op.waitFact('status', /^normal$/i);
    assert.equal(await op.warning('databases_instance_infos').count(), 0, 'no warning before leaving the field');
    await op.id('send').click();
    await op.id('confirm').waitFor({ timeout: 3000 });
    await op.id('confirm-cancel').click();
    await op.id('confirm').waitFor({ state: 'detached' });
    assert.match(await op.warning('databases_instance_infos').innerText(), /different current versions/);
  } finally {
    await context.close();
  }
});
