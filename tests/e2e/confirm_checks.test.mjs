// The confirmation of an Elasticsearch upgrade recalls the form's last dry run of the same instance and
// target (against the real proxy and its sandbox): none, all passed, or which failed.
// It advises; it does not stop the upgrade.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** Presses Send for the real upgrade and returns what the dialog says about earlier checks; cancels. */
async function dialogChecks(op) {
  await op.setChecked('dryRun', false);
  await op.id('send').click();
  await op.id('confirm').waitFor();
  const p = op.id('confirm-checks');
  const seen = { kind: await p.getAttribute('data-kind'), text: await p.innerText() };
  await op.id('confirm-cancel').click();
  await op.id('confirm').waitFor({ state: 'detached' });
  return seen;
}

/** Runs the dry run the form holds and returns the answer's kind. */
async function dryRun(op) {
  await op.setChecked('dryRun', true);
  await op.id('send').click();
  return (await op.result()).kind;
}

test('failed checks of the same instance and target are recalled in the confirmation', async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'es-version-upgrade');
    await op.useDemo();
    await op.selectRegion('cn-beijing');
    await op.fill('InstanceId', 'es-cn-sandbox0004');
    await op.fill('version', '8.5');
    await op.waitFact('health', /^green$/);
    const before = await dialogChecks(op);
    assert.equal(before.kind, 'none');
    assert.match(before.text, /^No dry run of this instance and target is at hand/);

    assert.equal(await dryRun(op), 'dry-run-failed');
    const after = await dialogChecks(op);
    assert.equal(after.kind, 'failed', after.text);
    assert.match(after.text, /^The form's last pre-upgrade check of this instance and target failed/);
    assert.match(after.text, /Configuration \(YML and plugins\) compatible/);
    assert.match(after.text, /Cluster resources/);
    assert.doesNotMatch(after.text, /Cluster health/, 'only the failed checks are named');
    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
});

test('passed checks are recalled (which instance and target count: core dryrun::earlier_checks)', async () => {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, 'es-version-upgrade');
    await op.useDemo();
    await op.fill('InstanceId', 'es-cn-sandbox0001');
    await op.fill('version', '7.10');
    await op.waitFact('health', /^green$/);
    assert.equal(await dryRun(op), 'ok');
    const seen = await dialogChecks(op);
    assert.equal(seen.kind, 'passed', seen.text);
    assert.match(seen.text, /^The form's last pre-upgrade check of this instance and target passed: .*Cluster health/);

    assert.deepEqual(op.watch.errors, []);
  } finally {
    await context.close();
  }
});
