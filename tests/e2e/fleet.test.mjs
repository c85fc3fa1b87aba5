// Fleet upgrades end to end: 50 sandbox instances across the four products, listed, filtered, selected,
// planned with pre-flight, confirmed with the count, then run with injected throttling, server errors
// and lost replies (applied by the sandbox, answered with a gateway timeout). The page is reloaded in
// the middle of the batch. The sandbox's own audit must show every instance upgraded exactly once, and
// the page must end showing each one's outcome. Also: pausing, and credentials cleared mid-run, which must
// hold every waiting call; pasted ids; history export without secrets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { startProxy, launchBrowser } from './harness.mjs';
import { sandboxOrigin, watch } from './pages/op_page.mjs';

const PER_PRODUCT = 13; // 52 fleet instances; the batch takes 50 of them.
const FAULTS = { throttle_rate: 0.12, error_rate: 0.05, lost_reply_rate: 0.08 };

let proxy; let browser; let origin;
before(async () => {
  proxy = await startProxy(['--sandbox-step-seconds', '1', '--sandbox-fleet', String(PER_PRODUCT)]);
  browser = await launchBrowser();
  origin = await sandboxOrigin(proxy.url);
});
after(async () => { await browser?.close(); await proxy?.stop(); });

async function control(path, body) {
  const res = await fetch(`${origin}${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

const tid = (page, id) => page.getByTestId(id);

async function useDemo(page) {
  await tid(page, 'use-demo').click();
  await tid(page, 'demo-in-use').waitFor();
}

async function summary(page) {
  const s = tid(page, 'run-summary');
  const n = async (k) => Number(await s.getAttribute(`data-${k}`));
  return { total: await n('total'), done: await n('done'), failed: await n('failed'), upgrading: await n('upgrading'), pending: await n('pending'), unknown: await n('unknown') };
}

async function waitFor(page, pred, ms, what) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await summary(page).catch(() => undefined);
    if (last && pred(last)) return last;
    await page.waitForTimeout(250);
  }
  assert.fail(`${what}: timed out, last summary ${JSON.stringify(last)}, status: ${await tid(page, 'fleet-status').textContent().catch(() => '')}`);
}

// Opens the fleet page with the demo credentials, lists every instance and filters the list: its rows.
async function listFleet(page, filter) {
  await page.goto(`${proxy.url}/fleet`);
  await useDemo(page);
  await tid(page, 'fleet-list').click();
  await page.getByTestId('fleet-status').filter({ hasText: 'instances listed' }).waitFor({ timeout: 60_000 });
  await tid(page, 'fleet-filter').fill(filter);
  return page.locator('[data-testid^="fleet-row-"]');
}

const rowIds = (rows) => rows.evaluateAll((rs) => rs.map((r) => r.dataset.testid.slice('fleet-row-'.length)));

async function setRate(page, perSecond) {
  await tid(page, 'plan-rate').fill(String(perSecond));
  await tid(page, 'plan-rate').dispatchEvent('change');
}

// Plans the selected instances and runs their pre-flight at 40 requests/s.
async function planWithPreflight(page) {
  await tid(page, 'fleet-to-plan').click();
  await setRate(page, 40);
  await tid(page, 'plan-preflight').click();
}

// The sandbox's own count of accepted upgrade writes, per instance id.
async function upgradesById() {
  return new Map((await control('/_sandbox/upgrades')).map((u) => [u.instance_id, u]));
}

// When each phase ended (seconds since the test started), added to a failure's message: a CI log then
// says where the batch stood, not only which assertion gave up.
function timeline() {
  const t0 = Date.now();
  const marks = [];
  return {
    mark: (what) => marks.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)}s`),
    text: () => marks.join(', '),
  };
}

test('a 50-instance batch with throttling, failures, lost replies and a reload upgrades each instance exactly once', { timeout: 300_000 }, async () => {
  const tl = timeline();
  try {
    await batchJourney(tl);
    console.log(`batch timeline: ${tl.text()}`);
  } catch (e) {
    e.message = `${e.message}\n  timeline: ${tl.text()}`;
    throw e;
  }
});

async function batchJourney(tl) {
  await control('/_sandbox/fleet', { per_product: PER_PRODUCT });
  await control('/_sandbox/faults', FAULTS);
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    let page = await context.newPage();
    const w = watch(page);
    const rows = await listFleet(page, 'fleet');
    tl.mark('listed');
    assert.equal(await rows.count(), PER_PRODUCT * 4, 'every fleet instance listed through the list APIs');
    await tid(page, 'fleet-select-all').click();
    const ids = (await rowIds(rows)).sort();
    const dropped = [ids.find((i) => i.startsWith('es-')), ids.find((i) => i.endsWith('in07'))];
    for (const id of dropped) await tid(page, `fleet-select-${id}`).click();
    const batch = ids.filter((i) => !dropped.includes(i));
    assert.equal(batch.length, 50);
    assert.equal(await tid(page, 'fleet-selected-count').textContent(), '50 selected');

    tl.mark('selected');
    await planWithPreflight(page);
    await page.locator('[data-testid^="plan-row-"]').nth(49).waitFor({ timeout: 90_000 });
    await page.getByTestId('fleet-status').filter({ hasText: 'can be upgraded' }).waitFor({ timeout: 90_000 });
    tl.mark('planned');
    const blocked = await page.locator('[data-testid^="plan-row-"][data-ready="false"]').allTextContents();
    assert.deepEqual(blocked, [], 'every fleet instance passes pre-flight');
    // Slow the run down (5 requests/s) so the reload lands while calls are still being sent.
    await setRate(page, 5);
    await tid(page, 'plan-confirm-open').click();
    assert.equal(await tid(page, 'plan-start').isDisabled(), true, 'start needs the typed count');
    await tid(page, 'plan-confirm-count').fill('49');
    assert.equal(await tid(page, 'plan-start').isDisabled(), true, 'a wrong count does not start');
    await tid(page, 'plan-confirm-count').fill('50');
    await tid(page, 'plan-start').click();

    // Reload in the middle: some accepted, some still to send.
    const mid = await waitFor(page, (s) => s.total === 50 && s.done + s.upgrading + s.unknown >= 8 && s.pending > 0, 90_000, 'mid-batch');
    tl.mark('mid-batch');
    await page.reload();
    await useDemo(page);
    await tid(page, 'run-summary').waitFor({ timeout: 20_000 });
    const afterReload = await summary(page);
    assert.equal(afterReload.total, 50, 'the batch is restored from the journal');
    // The reload adds as unknown only the calls on the wire: at concurrency 4, at most 15 instances (the 13
    // TaurusDB ones go in two group calls, plus two single upgrades). A call waiting for its turn stays
    // unsent. (Lost replies already unknown before the reload stay so.)
    assert.ok(afterReload.unknown <= mid.unknown + 15,
      `unknown after the reload: ${JSON.stringify(afterReload)}, before: ${JSON.stringify(mid)}`);
    assert.ok(afterReload.pending > 0, `unsent calls are offered again: ${JSON.stringify(afterReload)}`);
    tl.mark('restored');
    await tid(page, 'run-resume').click({ timeout: 20_000 });

    const end = await waitFor(page, (s) => s.done + s.failed === 50 && s.unknown === 0, 240_000, 'batch end');
    tl.mark('ended');
    const notDone = await page.locator('[data-testid^="run-item-"]:not([data-state="done"])')
      .evaluateAll((rs) => rs.map((r) => `${r.dataset.testid} ${r.dataset.state}: ${r.textContent}`));
    assert.deepEqual(notDone, [], `no instance failed (${end.failed} failed)`);
    for (const id of batch) {
      assert.equal(await tid(page, `run-item-${id}`).getAttribute('data-state'), 'done', `${id} shown done`);
    }
    await tid(page, 'run-chart').waitFor();

    const byId = await upgradesById();
    for (const id of batch) {
      assert.equal(byId.get(id)?.accepted_calls, 1, `${id} upgraded exactly once: ${JSON.stringify(byId.get(id))}`);
    }
    for (const id of dropped) assert.equal(byId.has(id), false, `${id} was not in the batch`);
    tl.mark('upgrades checked');
    const audit = await control('/_sandbox/audit');
    for (const id of batch) {
      assert.equal(audit.filter((e) => e.instance_id === id).length, 1, `${id}: one audit entry`);
    }

    await tid(page, 'fleet-tab-history').click();
    await page.locator('[data-testid="history-row"]').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'history-export-csv').click()]);
    const csv = await fs.readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('time,cloud,operation,instance,parameters,request_id,outcome'), csv.slice(0, 80));
    for (const id of batch.slice(0, 5)) assert.ok(csv.includes(id), `history has ${id}`);
    assert.ok(/throttled|unknown/.test(csv), 'injected faults are in the history');
    assert.ok(!/sandboxDemoSecret|SandboxDemoSecretKey|Sandbox@2024/i.test(csv), 'no secret in the history');
    assert.deepEqual(w.errors, []);
  } finally {
    await control('/_sandbox/faults', {});
    await context.close();
  }
}

// The 13 MongoDB instances, planned with pre-flight and started at one call a second, so that every call
// after the first burst waits for its turn, unjournalled. Returns once that burst (the rate limiter lets
// `concurrency` calls go at once) is past, with the instance ids and how many of them the sandbox saw.
async function startSlowBatch(page) {
  const rows = await listFleet(page, 'dds-bp1fleet');
  assert.equal(await rows.count(), PER_PRODUCT);
  const ids = await rowIds(rows);
  await tid(page, 'fleet-select-all').click();
  await planWithPreflight(page);
  await page.getByTestId('fleet-status').filter({ hasText: 'can be upgraded' }).waitFor({ timeout: 60_000 });
  await setRate(page, 1);
  await tid(page, 'plan-confirm-open').click();
  await tid(page, 'plan-confirm-count').fill(String(PER_PRODUCT));
  await tid(page, 'plan-start').click();
  await waitFor(page, (s) => s.upgrading + s.done >= 5, 60_000, 'first upgrades');
  const sent = async () => { const byId = await upgradesById(); return ids.filter((id) => byId.has(id)).length; };
  return { ids, sent };
}

// Waits 4 s from a hold that began with `before` instances sent: at most the one call that had its turn as
// the hold began goes out. Returns how many were sent.
async function assertHeld(page, sent, before, what) {
  await page.waitForTimeout(4000);
  const held = await sent();
  assert.ok(held <= before + 1, `sent ${what}: ${before} -> ${held}`);
  return held;
}

// On the fleet page: every call that waited is still unsent, and none failed.
async function assertWaitingUnsent(page, held) {
  const s = await summary(page);
  assert.ok(s.pending >= PER_PRODUCT - held - 1, `waiting calls stay unsent: ${JSON.stringify(s)}`);
  assert.equal(s.failed, 0, `no call failed: ${JSON.stringify(s)}`);
}

// Resumes the run and checks that it ends with each instance upgraded exactly once (the sandbox's count).
async function resumeToTheEnd(page, ids) {
  await tid(page, 'run-resume').click();
  await waitFor(page, (s) => s.done === PER_PRODUCT, 120_000, 'resumed batch end');
  const byId = await upgradesById();
  for (const id of ids) assert.equal(byId.get(id)?.accepted_calls, 1, `${id} upgraded exactly once`);
}

// `body(page)` on a fresh fleet of the sandbox, without faults, in a context of its own.
async function onFreshFleet(body) {
  await control('/_sandbox/fleet', { per_product: PER_PRODUCT });
  await control('/_sandbox/faults', {});
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const w = watch(page);
    await body(page);
    assert.deepEqual(w.errors, []);
  } finally {
    await context.close();
  }
}

test('pausing holds every call still waiting for its turn, and resuming sends each of them once', { timeout: 180_000 }, () => onFreshFleet(async (page) => {
  const { ids, sent } = await startSlowBatch(page);
  assert.equal(await tid(page, 'run-state').innerText(), 'running');
  await tid(page, 'run-pause').click();
  // Paused, not "running": nothing new goes out, while calls already sent are still followed.
  assert.match(await tid(page, 'run-state').innerText(), /^paused/);
  await assertWaitingUnsent(page, await assertHeld(page, sent, await sent(), 'after the pause'));
  await resumeToTheEnd(page, ids);
}));

test('credentials cleared while calls wait for their turn pause the run with the reason; with them back, each call goes once', { timeout: 180_000 }, () => onFreshFleet(async (page) => {
  const { ids, sent } = await startSlowBatch(page);
  // The run goes on while the DBA is in Settings; there the Alibaba Cloud AccessKey is cleared.
  await tid(page, 'nav-settings').click();
  await tid(page, 'creds-alibaba-clear').click();
  const held = await assertHeld(page, sent, await sent(), 'without credentials');
  await tid(page, 'nav-fleet').click();
  await page.getByTestId('fleet-status').filter({ hasText: 'No ApsaraDB for MongoDB credentials' }).waitFor({ timeout: 10_000 })
    .catch(async () => assert.fail(`status: ${await tid(page, 'fleet-status').textContent()}`));
  await assertWaitingUnsent(page, held);
  await useDemo(page);
  await resumeToTheEnd(page, ids);
}));

test('pacing numbers out of range are brought into range and shown as the values in force', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const w = watch(page);
    const rows = await listFleet(page, 'dds-bp1fleet');
    await rows.first().waitFor();
    await tid(page, 'fleet-select-all').click();
    await tid(page, 'fleet-to-plan').click();
    for (const [field, typed, shown] of [['plan-concurrency', '1000000', '64'], ['plan-concurrency', '0', '1'],
      ['plan-rate', '-5', '0.1'], ['plan-rate', '0', '0.1'], ['plan-attempts', '-1', '1'], ['plan-attempts', '99', '20'],
      ['plan-concurrency', '6', '6']]) {
      await tid(page, field).fill(typed);
      await tid(page, field).dispatchEvent('change');
      await page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`).value === v, [field, shown], { timeout: 5000 })
        .catch(async () => assert.fail(`${field} ${typed}: shows ${await tid(page, field).inputValue()}, expected ${shown}`));
    }
    assert.deepEqual(w.errors, []);
  } finally {
    await context.close();
  }
});

test('pasted ids are recognised per product and bad ones are named', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${proxy.url}/fleet`);
    await page.getByText('Paste ids or import a CSV').click();
    await tid(page, 'fleet-paste').fill('dds-bp1sandbox0001, r-bp1sandbox0001\nnot-an-id <img src=x onerror=alert(1)>');
    await tid(page, 'fleet-add-ids').click();
    const status = await tid(page, 'fleet-status').textContent();
    assert.match(status, /2 ids selected/);
    assert.match(status, /line 2/);
    assert.equal(await page.locator('img').count(), 0, 'pasted markup stays text');
  } finally {
    await context.close();
  }
});
