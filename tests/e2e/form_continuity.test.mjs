// Found in a fourth exploratory round, against the real proxy and its sandbox: a project look-up that
// finds nothing crashed the page (a wasm panic) instead of saying so; a region change kept the previous
// region's project id; Escape in the confirmation left focus at the page's start; and a form left and
// opened again during an upgrade stopped following the instance's state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser;
before(async () => { proxy = await startProxy(['--sandbox-step-seconds', '1']); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

async function withOp(opId, fn) {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, opId);
    await fn(op);
    assert.deepEqual(op.watch.errors, [], 'no page error');
  } finally {
    await context.close();
  }
}

const PROJECT = '4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a';
const projectIs = (op, want) => op.page.waitForFunction((p) => document.querySelector('[data-testid="input-project_id"]')?.value === p, want);

test('the project id follows the region when the console filled it in; a look-up that finds none says so', async () => {
  await withOp('taurusdb-minor-upgrade', async (op) => {
    await op.useDemo();
    await projectIs(op, PROJECT);
    await op.selectRegion('cn-north-2');
    await projectIs(op, '');
    await op.id('project-lookup').click();
    assert.match(await op.text('project-lookup-error'), /project/i);
    await op.selectRegion('cn-north-4');
    await projectIs(op, PROJECT);
    // One the DBA typed stays as typed.
    await op.input('project_id').fill('0123456789abcdef0123456789abcdef');
    await op.selectRegion('cn-north-2');
    await op.page.waitForTimeout(300);
    assert.equal(await op.input('project_id').inputValue(), '0123456789abcdef0123456789abcdef');
  });
});

test('Escape in the confirmation returns keyboard focus to Send', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    await op.fill('InstanceId', 'r-bp1sandbox0001');
    await op.fill('MajorVersion', '7.0');
    await op.waitFact('status', /^Normal$/);
    await op.id('send').focus();
    await op.page.keyboard.press('Enter');
    await op.id('confirm').waitFor();
    await op.page.keyboard.press('Escape');
    await op.id('confirm').waitFor({ state: 'detached' });
    await op.page.waitForFunction(() => document.activeElement?.dataset.testid === 'send', null, { timeout: 3000 });
  });
});

test('a form opened again during an upgrade keeps following the instance until it is done', { timeout: 90_000 }, async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    const id = 'r-bp1sandbox0001'; // the Escape test above sends nothing
    await op.fill('InstanceId', id);
    await op.fill('MajorVersion', '7.0');
    await op.waitFact('status', /^Normal$/);
    await op.id('send').click();
    await op.confirm(id);
    assert.equal((await op.result()).kind, 'ok');
    await op.id('nav-settings').click();
    await op.id('pane-settings').waitFor();
    await op.page.waitForTimeout(1500);
    await op.id('nav-op-redis-major-upgrade').click();
    await op.pane.waitFor();
    // No Refresh pressed: the re-opened form reads on by itself until the upgrade ends.
    await op.waitFact('currentversion', /^7\.0$/, 60_000);
    await op.waitFact('status', /^Normal$/, 10_000);
  });
});

test('typing an instance id reads the instance once, not once per keystroke that makes it well-formed', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    let reads = 0;
    op.page.on('request', (r) => {
      // ACS3 signing names the action in a header.
      if (r.url().includes('/proxy/') && r.headers()['x-acs-action'] === 'DescribeInstanceAttribute') reads++;
    });
    await op.input('InstanceId').pressSequentially('r-bp1sandbox0003', { delay: 40 });
    await op.waitFact('status', /^Normal$/);
    await op.page.waitForTimeout(500);
    assert.equal(reads, 1, `${reads} reads of the instance`);
  });
});
