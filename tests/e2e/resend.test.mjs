// After an upgrade from a form, against the real proxy and its sandbox: an accepted upgrade holds Send
// for its instance (no second, identical upgrade by a quick second press), a reply that leaves the outcome
// unknown is never answered with "send again" and re-reads the instance at once, and an Elasticsearch dry
// run is headed by its verdict, not by its HTTP 200.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, sandboxOrigin, audit } from './pages/op_page.mjs';

let proxy; let browser; let origin;
before(async () => {
  proxy = await startProxy(['--sandbox-step-seconds', '2']);
  browser = await launchBrowser();
  origin = await sandboxOrigin(proxy.url);
});
after(async () => { await browser?.close(); await proxy?.stop(); });

async function withOp(opId, fn) {
  const context = await browser.newContext();
  try {
    await fn(await OpPage.open(context, proxy.url, opId));
  } finally {
    await context.close();
  }
}

async function faults(body) {
  const res = await fetch(`${origin}/_sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

const upgradesOf = async (id) => (await audit(origin)).filter((e) => e.instance_id === id);

/** Sends the Redis upgrade the form holds, confirming with `id`. */
async function sendRedis(op, id) {
  await op.id('send').click();
  await op.id('confirm').waitFor();
  await op.id('confirm-input').fill(id);
  await op.id('confirm-input').press('Enter');
  await op.id('confirm').waitFor({ state: 'detached' });
  return op.result();
}

test('an accepted upgrade holds Send for its instance until the DBA turns elsewhere or allows it again', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    const id = 'r-bp1sandbox0001'; const other = 'r-bp1sandbox0003';
    await op.fill('InstanceId', id);
    await op.fill('MajorVersion', '7.0');
    await op.waitFact('status', /^Normal$/);
    const r = await sendRedis(op, id);
    assert.equal(r.kind, 'ok', r.text);
    assert.equal(await op.page.evaluate(() => document.activeElement?.dataset.testid), 'send', 'focus returns to Send');
    assert.equal(await op.id('result-live').getAttribute('aria-live'), 'polite', 'the answer is announced');

    // At once, while pre-flight may still read "Normal": held, and a press opens no confirmation.
    assert.equal(await op.sendBlocked(), true);
    assert.match(await op.summary(), /An upgrade of this instance was just sent/);
    assert.match(await op.text('hold-reason'), new RegExp(`accepted an upgrade of ${id} .*RequestId`));
    assert.equal(await op.id('hold').getAttribute('role'), 'status', 'the hold is announced with the answer');
    await op.pressSend();
    await op.page.waitForTimeout(300);
    assert.equal(await op.id('confirm').count(), 0, 'no second confirmation');
    assert.equal((await upgradesOf(id)).length, 1, 'one upgrade reached the cloud');
    assert.equal(r.kind, (await op.result()).kind, 'the accepted answer stays on screen');

    // Other instances are free; coming back holds again.
    await op.fill('InstanceId', other);
    assert.doesNotMatch(await op.summary(), /was just sent/);
    await op.fill('InstanceId', id);
    assert.match(await op.summary(), /was just sent/);
    await op.id('allow-resend').click();
    await op.id('hold').waitFor({ state: 'detached' });
    assert.doesNotMatch(await op.summary(), /was just sent/, 'allowed again on request');
    assert.equal((await op.result()).kind, 'ok', 'the answer itself stays');
  });
});

test('an upgrade whose answer was lost is not advised to be sent again: the instance is re-read at once and Send held', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    const id = 'r-bp1sandbox0002';
    await op.fill('InstanceId', id);
    await op.fill('MajorVersion', '5.0');
    await op.waitFact('status', /^Normal$/);
    await faults({ lost_reply_rate: 1 });
    let r;
    try {
      r = await sendRedis(op, id);
    } finally {
      await faults({});
    }
    assert.equal(r.category, 'outcome-unknown', r.text);
    assert.match(r.text, /may have started/i);
    assert.doesNotMatch(r.text, /Send again in a moment/);
    assert.match(r.text, /Do not send it again yet/);
    assert.equal(await op.sendBlocked(), true);
    assert.match(await op.summary(), /was just sent/);
    assert.match(await op.text('hold-reason'), /got no clear answer/);
    // Pre-flight is read again straight away (not after the usual follow-up delay) and shows the truth.
    await op.waitFact('status', /^MajorVersionUpgrading$/, 3000);
    assert.equal((await upgradesOf(id)).length, 1, 'the lost call did reach the cloud, once');
  });
});

test('an Elasticsearch dry run is headed by its verdict; the refused real upgrade says its checks failed', async () => {
  await withOp('es-version-upgrade', async (op) => {
    await op.useDemo();
    const id = 'es-cn-sandbox0004';
    await op.selectRegion('cn-beijing');
    await op.fill('InstanceId', id);
    await op.fill('version', '8.5');
    await op.waitFact('status', /^active$/);
    await op.id('send').click();
    const dry = await op.result();
    assert.equal(dry.kind, 'dry-run-failed', dry.text);
    assert.match(await op.text('result-heading'), /^Pre-upgrade checks: 2 of 4 failed/);

    await op.setChecked('dryRun', false);
    await op.id('send').click();
    await op.id('confirm').waitFor();
    await op.id('confirm-input').fill(id);
    await op.id('confirm-input').press('Enter');
    await op.page.waitForFunction(() => document.querySelector('[data-testid="result"]')?.dataset.kind === 'cloud');
    const real = await op.result();
    assert.equal(real.category, 'upgrade-check-failed', real.text);
    assert.match(real.text, /dryRun=true/);
    assert.equal(await op.id('hold').count(), 0, 'a clear refusal holds nothing');
    assert.doesNotMatch(await op.summary(), /was just sent/);
  });
});
