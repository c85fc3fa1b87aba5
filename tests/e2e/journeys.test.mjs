// End-to-end journeys of the five upgrade operations against the real proxy and its embedded sandbox:
// demo credentials, form, live pre-flight, preview of the signed request, confirmation, the cloud's
// answer, and the sandbox's state moving through the upgrade (seen by the page's pre-flight and by the
// sandbox's own audit list). Also: Elasticsearch dry runs, and a wrong secret explained with a diff.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, DEMO_AK, DEMO_HUAWEI_AK, sandboxOrigin, audit, sandboxState, watch } from './pages/op_page.mjs';

// Upgrades take 3–5 steps of this many (compressed) seconds; the page re-reads pre-flight every 2 s.
const STEP_SECONDS = 2;
const UPGRADE_TIMEOUT = 40_000;

let proxy; let browser; let origin;
before(async () => {
  proxy = await startProxy(['--sandbox-step-seconds', String(STEP_SECONDS)]);
  browser = await launchBrowser();
  origin = await sandboxOrigin(proxy.url);
});
after(async () => { await browser?.close(); await proxy?.stop(); });

/** A fresh context per test, closed whatever happens. */
async function withOp(opId, fn, query = '') {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, opId, query);
    await fn(op, context);
  } finally {
    await context.close();
  }
}

/** Audit entries of one instance. */
async function auditOf(instanceId) {
  return (await audit(origin)).filter((e) => e.instance_id === instanceId);
}

/**
 * Everything after the form is filled and pre-flight has answered: preview, Send, confirmation, result,
 * then the instance going through `upgrading` to `finalStatus` at `finalVersion`, and exactly one audit
 * entry. Returns the RequestId shown.
 */
async function previewSendConfirmFollow(op, c) {
  const p = await op.preview();
  assert.ok(p.url.startsWith(`${c.method} `), `preview starts with the method: ${p.url}`);
  for (const part of c.urlParts) assert.ok(p.url.includes(part), `preview URL has ${part}: ${p.url}`);
  assert.ok(p.http.startsWith(`${c.method} ${c.path}`), `HTTP request line: ${p.http}`);
  assert.ok(p.canonical.startsWith(`${c.method}\n${c.path.split('?')[0]}`), `canonical request: ${p.canonical}`);
  for (const part of c.canonicalParts ?? []) assert.ok(p.canonical.includes(part), `canonical has ${part}`);
  assert.match(p.sts, c.stringToSign);
  assert.match(p.curl, new RegExp(`^curl -X ${c.method} '?https?://`));
  assert.ok(p.curl.includes(c.path.split('?')[0]), `curl names the path: ${p.curl}`);
  assert.match(p.cli, c.cli);
  assert.ok(!p.http.includes('sandboxDemoSecret') && !p.http.includes('SandboxDemoSecretKey'), 'secret masked');
  assert.ok(!p.curl.includes('sandboxDemoSecret') && !p.curl.includes('SandboxDemoSecretKey'), 'secret masked');

  assert.equal(await op.sendBlocked(), false, `Send enabled: ${await op.summary()}`);
  await op.id('send').click();
  await op.id('confirm').waitFor();
  const summary = await op.text('confirm-summary');
  assert.ok(summary.includes(c.instanceId), `dialog names the instance: ${summary}`);
  assert.ok(summary.includes(c.title), `dialog names the operation: ${summary}`);
  assert.equal(await op.text('confirm-change'), c.change);
  assert.equal(await auditOf(c.instanceId).then((a) => a.length), 0, 'nothing sent before confirming');
  await op.confirm(c.instanceId);

  const r = await op.result();
  assert.equal(r.kind, 'ok', r.text);
  const requestId = await op.text('result-request-id');
  assert.match(requestId, /^[0-9A-Za-z-]{16,}$/);

  await op.waitFact('status', c.upgrading, UPGRADE_TIMEOUT);
  await op.id('preflight-blockers').waitFor();
  await op.waitFact('status', new RegExp(`^${c.finalStatus}$`), UPGRADE_TIMEOUT);
  await op.waitFact(c.finalFact ?? 'currentversion', new RegExp(`^${c.finalVersion.replace(/\./g, '\\.')}$`), UPGRADE_TIMEOUT);

  const entries = await auditOf(c.instanceId);
  assert.equal(entries.length, 1, JSON.stringify(entries));
  assert.equal(entries[0].action, c.api);
  if (c.requestIdInAudit !== false) assert.equal(entries[0].request_id, requestId);
  assert.deepEqual(op.watch.errors, []);
  assert.deepEqual(op.watch.dialogs, []);
  return requestId;
}

test('MongoDB engine upgrade: dds-bp1sandbox0001 4.4 → 5.0', async () => {
  await withOp('dds-engine-upgrade', async (op) => {
    await op.useDemo();
    const id = 'dds-bp1sandbox0001';
    await op.fill('DBInstanceId', id);
    await op.fill('EngineVersion', '5.0');
    await op.waitFact('currentversion', /^4\.4$/);
    await op.waitFact('status', /^Running$/);
    await op.waitFact('targets', /5\.0, 6\.0, 7\.0, 8\.0/);
    assert.match(await op.text('destination'), /mongodb\.aliyuncs\.com/);
    assert.match(new URL(op.page.url()).search, /DBInstanceId=dds-bp1sandbox0001/, 'form mirrored into the URL');
    await previewSendConfirmFollow(op, {
      method: 'POST', path: '/?DBInstanceId=dds-bp1sandbox0001&EngineVersion=5.0',
      urlParts: [`?DBInstanceId=${id}`, 'EngineVersion=5.0'],
      canonicalParts: ['x-acs-action:UpgradeDBInstanceEngineVersion', 'x-acs-version:2015-12-01'],
      stringToSign: /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/,
      cli: /^aliyun dds UpgradeDBInstanceEngineVersion[\s\S]*--DBInstanceId dds-bp1sandbox0001[\s\S]*--EngineVersion 5\.0/,
      instanceId: id, title: 'MongoDB engine upgrade', change: '4.4 → 5.0',
      upgrading: /^EngineVersionUpgrading$/, finalStatus: 'Running', finalVersion: '5.0',
      api: 'UpgradeDBInstanceEngineVersion',
    });
    const d = (await sandboxState(origin)).dds.find((x) => x.id === id);
    assert.equal(d.engine_version, '5.0');
  });
});

test('MongoDB kernel upgrade in another region: dds-uf6sandbox0004 to the latest 5.0 kernel', async () => {
  await withOp('dds-kernel-upgrade', async (op) => {
    await op.useDemo();
    await op.selectRegion('cn-shanghai');
    assert.equal(await op.id('region').inputValue(), 'cn-shanghai');
    const id = 'dds-uf6sandbox0004';
    await op.fill('DBInstanceId', id);
    await op.waitFact('currentversion', /^5\.0$/);
    await op.waitFact('kernel', /^mongodb_20220612_5\.0\.27$/);
    await op.waitFact('status', /^Running$/);
    await previewSendConfirmFollow(op, {
      method: 'POST', path: '/?DBInstanceId=dds-uf6sandbox0004',
      urlParts: [`?DBInstanceId=${id}`],
      canonicalParts: ['x-acs-action:UpgradeDBInstanceKernelVersion'],
      stringToSign: /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/,
      cli: /^aliyun dds UpgradeDBInstanceKernelVersion[\s\S]*--region cn-shanghai[\s\S]*--DBInstanceId dds-uf6sandbox0004/,
      instanceId: id, title: 'MongoDB kernel upgrade', change: 'mongodb_20220612_5.0.27 → latest',
      upgrading: /^MinorVersionUpgrading$/, finalStatus: 'Running',
      finalFact: 'kernel', finalVersion: 'mongodb_20240612_5.0.27',
      api: 'UpgradeDBInstanceKernelVersion',
    });
  });
});

test('Elasticsearch: dry run on a healthy cluster passes every check, then the real upgrade 6.7 → 7.10', async () => {
  await withOp('es-version-upgrade', async (op) => {
    await op.useDemo();
    const id = 'es-cn-sandbox0001';
    assert.equal(await op.input('dryRun').isChecked(), true, 'dryRun starts ticked');
    await op.fill('InstanceId', id);
    await op.fill('version', '7.10');
    await op.waitFact('currentversion', /^6\.7_with_X-Pack$/);
    await op.waitFact('status', /^active$/);
    await op.waitFact('health', /^green$/);
    assert.match(await op.text('send'), /dry run/i);

    // The dry run: no confirmation, a checklist, nothing changed.
    await op.id('send').click();
    assert.equal(await op.id('confirm').count(), 0, 'a dry run needs no confirmation');
    const dry = await op.result();
    assert.equal(dry.kind, 'ok', dry.text);
    await op.id('dryrun-checklist').waitFor();
    const checks = op.id('dryrun-checklist').locator('[data-testid^="check-"]');
    assert.equal(await checks.count(), 4);
    for (const kind of ['checkClusterHealth', 'checkConfigCompatible', 'checkClusterResource', 'checkClusterSnapshot']) {
      assert.equal(await op.id(`check-${kind}`).getAttribute('data-passed'), 'true', kind);
    }
    const dryRequestId = await op.text('result-request-id');
    assert.equal((await auditOf(id)).length, 0, 'a dry run changes nothing');

    // The upgrade.
    await op.setChecked('dryRun', false);
    assert.equal(await op.text('send'), 'Review and send');
    await op.waitFact('targets', /7\.10/);
    const requestId = await previewSendConfirmFollow(op, {
      method: 'POST', path: `/openapi/instances/${id}/actions/upgrade-version?dryRun=false`,
      urlParts: [`/openapi/instances/${id}/actions/upgrade-version`, 'dryRun=false'],
      canonicalParts: ['x-acs-action:UpgradeEngineVersion', 'x-acs-version:2017-06-13', 'content-type:application/json'],
      stringToSign: /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/,
      cli: /^aliyun elasticsearch UpgradeEngineVersion/,
      instanceId: id, title: 'Elasticsearch version upgrade', change: '6.7_with_X-Pack → 7.10',
      upgrading: /^activating$/, finalStatus: 'active', finalVersion: '7.10_with_X-Pack',
      api: 'UpgradeEngineVersion',
    });
    assert.notEqual(requestId, dryRequestId);
    assert.equal(await op.id('dryrun-checklist').count(), 1, 'the real upgrade also reports its checks');
  });
});

test('Redis major upgrade: r-bp1sandbox0001 5.0 → 7.0', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    const id = 'r-bp1sandbox0001';
    await op.fill('InstanceId', id);
    await op.fill('MajorVersion', '7.0');
    await op.waitFact('currentversion', /^5\.0$/);
    await op.waitFact('status', /^Normal$/);
    await previewSendConfirmFollow(op, {
      method: 'POST', path: `/?InstanceId=${id}&MajorVersion=7.0`,
      urlParts: [`?InstanceId=${id}`, 'MajorVersion=7.0'],
      canonicalParts: ['x-acs-action:ModifyInstanceMajorVersion', 'x-acs-version:2015-01-01'],
      stringToSign: /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/,
      cli: /^aliyun r-kvstore ModifyInstanceMajorVersion[\s\S]*--InstanceId r-bp1sandbox0001[\s\S]*--MajorVersion 7\.0/,
      instanceId: id, title: 'Redis major version upgrade', change: '5.0 → 7.0',
      upgrading: /^MajorVersionUpgrading$/, finalStatus: 'Normal', finalVersion: '7.0',
      api: 'ModifyInstanceMajorVersion',
    });
  });
});

test('the confirmation is a modal: the form behind cannot change (a change drops it), Escape cancels, Enter confirms, and exactly the confirmed call is sent', async () => {
  await withOp('redis-major-upgrade', async (op) => {
    await op.useDemo();
    const id = 'r-bp1sandbox0002'; const other = 'r-bp1sandbox0003';
    await op.fill('InstanceId', id);
    await op.fill('MajorVersion', '5.0');
    await op.waitFact('currentversion', /^4\.0$/);
    const upgrades = [];
    op.page.on('request', (r) => { if (r.headers()['x-acs-action'] === 'ModifyInstanceMajorVersion') upgrades.push(r.url()); });
    // What a script (or a stray event) could still do to the form while the dialog is open.
    const setBehind = (v) => op.page.evaluate(([sel, value]) => {
      const el = document.querySelector(sel);
      el.value = value; el.dispatchEvent(new Event('input', { bubbles: true }));
    }, ['[data-testid="input-InstanceId"]', v]);

    await op.pressSend();
    await op.id('confirm').waitFor();
    assert.equal(await op.page.evaluate(() => document.activeElement?.dataset.testid), 'confirm-input', 'focus starts in the dialog');
    assert.equal(await op.id('confirm').evaluate((d) => d.matches(':modal')), true, 'a modal dialog');
    await assert.rejects(op.input('InstanceId').click({ timeout: 1000 }), 'the form behind the dialog takes no clicks');
    for (let i = 0; i < 6; i++) await op.page.keyboard.press('Tab');
    assert.equal(await op.page.evaluate(() => !!document.activeElement?.closest('[data-testid="confirm"]')), true, 'Tab stays in the dialog');
    await op.page.keyboard.press('Escape');
    await op.id('confirm').waitFor({ state: 'detached' });
    assert.equal(await op.input('InstanceId').inputValue(), id, 'cancelling keeps the form');

    // A change of the form behind the open dialog (a script, say) drops the confirmation: nothing is sent.
    await op.pressSend();
    await op.id('confirm').waitFor();
    await setBehind(other);
    await op.id('confirm').waitFor({ state: 'detached' });
    assert.deepEqual(upgrades, [], 'a dropped confirmation sends nothing');
    await op.fill('InstanceId', id);
    await op.pressSend();
    await op.id('confirm').waitFor();
    await op.id('confirm-input').fill(id);
    await op.id('confirm-input').press('Enter');
    await op.id('confirm').waitFor({ state: 'detached' });
    const r = await op.result();
    assert.equal(r.kind, 'ok', r.text);
    assert.equal(upgrades.length, 1, `one upgrade call: ${upgrades.join(' ')}`);
    assert.match(upgrades[0], new RegExp(`InstanceId=${id}&MajorVersion=5\\.0`), 'the call the dialog showed');
    assert.equal((await auditOf(other)).length, 0, 'the instance typed in behind the dialog is untouched');
    assert.equal((await auditOf(id)).filter((e) => e.action === 'ModifyInstanceMajorVersion').length, 1);
  });
});

test('TaurusDB batch minor upgrade: one instance 2.0.28.1 → latest kernel, project id prefilled', async () => {
  await withOp('taurusdb-minor-upgrade', async (op) => {
    await op.useDemo();
    const project = '4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a';
    await op.page.waitForFunction((p) => document.querySelector('[data-testid="input-project_id"]')?.value === p, project);
    const id = '5a4db0c5000000000000000000000001in07';
    await op.fill('databases_instance_infos', `${id},2.0.28.1`);
    assert.equal(await op.input('delay').isChecked(), false);
    await op.waitFact('currentversion', /^2\.0\.28\.1$/);
    await op.waitFact('status', /^normal$/i);
    await previewSendConfirmFollow(op, {
      method: 'POST', path: `/v3/${project}/instances/database-version/upgrade`,
      urlParts: [`/v3/${project}/instances/database-version/upgrade`],
      canonicalParts: [`x-project-id:${project}`],
      stringToSign: /^SDK-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}$/,
      cli: /^hcloud GaussDBforMySQL BatchUpgradeDatabases[\s\S]*project_id/,
      instanceId: id, title: 'TaurusDB batch minor upgrade', change: '2.0.28.1 → latest',
      upgrading: /^upgrading$/i, finalStatus: 'normal', finalVersion: '2.0.57.240900',
      api: 'BatchUpgradeDatabases',
    });
  });
});

test('Elasticsearch dry run on the red cluster: health check fails with its code and a fix; no upgrade', async () => {
  await withOp('es-version-upgrade', async (op) => {
    await op.useDemo();
    const id = 'es-cn-sandbox0002';
    await op.fill('InstanceId', id);
    await op.fill('version', '7.16');
    await op.waitFact('health', /^red$/);
    assert.match(await op.text('preflight-blockers'), /Cluster health is red/);
    assert.equal(await op.sendBlocked(), false, 'pre-flight blockers do not stop a dry run');
    await op.id('send').click();
    const r = await op.result();
    // The HTTP status is 200, but the verdict heads the answer: a failed check is never "accepted".
    assert.equal(r.kind, 'dry-run-failed', r.text);
    assert.match(await op.text('result-heading'), /^Pre-upgrade checks: 1 of 4 failed/);
    const health = op.id('check-checkClusterHealth');
    assert.equal(await health.getAttribute('data-passed'), 'false');
    const text = await health.innerText();
    assert.match(text, /ClusterStatusNotHealth/);
    assert.match(text, /cluster health is red/i, 'the cloud message');
    assert.match(await health.locator('em').innerText(), /not green\. Fix unassigned shards/, 'a fix');
    for (const kind of ['checkConfigCompatible', 'checkClusterResource', 'checkClusterSnapshot']) {
      assert.equal(await op.id(`check-${kind}`).getAttribute('data-passed'), 'true', kind);
    }
    // The real upgrade stays blocked by the same finding.
    await op.setChecked('dryRun', false);
    await op.page.locator('[data-testid="send"][aria-disabled="true"]').waitFor();
    assert.match(await op.text('send-summary'), /Cluster health is red/);
    await op.pressSend();
    assert.equal(await op.id('confirm').count(), 0, 'a blocked Send opens no confirmation');
    assert.equal((await auditOf(id)).length, 0);
    assert.deepEqual(op.watch.errors, []);
  });
});

/** Sets Alibaba/Huawei keys on /settings, then opens the operation through the navigation (keys live in memory). */
async function withWrongSecret(opId, creds, fn) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const op = new OpPage(page, proxy.url, opId);
    op.watch = watch(page);
    await page.goto(`${proxy.url}/settings`);
    await page.getByTestId('pane-settings').waitFor();
    await page.getByTestId(`creds-${creds.cloud}-key-id`).fill(creds.id);
    await page.getByTestId(`creds-${creds.cloud}-secret`).fill(creds.secret);
    await page.getByTestId(`creds-${creds.cloud}-apply`).click();
    assert.match(await page.getByTestId(`creds-${creds.cloud}-status`).textContent(), new RegExp(creds.id));
    await page.getByTestId(`nav-op-${opId}`).click();
    await op.pane.waitFor();
    await fn(op);
  } finally {
    await context.close();
  }
}

test('wrong Alibaba secret: pre-flight explains the signature mismatch, a dry run shows the diff', async () => {
  await withWrongSecret('es-version-upgrade', { cloud: 'alibaba', id: DEMO_AK, secret: 'notTheSandboxSecret000000000001' }, async (op) => {
    await op.fill('InstanceId', 'es-cn-sandbox0001');
    const pf = op.id('preflight-error');
    await pf.waitFor();
    assert.match(await pf.textContent(), /Signature mismatch \(DescribeInstance\)/);
    assert.match(await pf.textContent(), /AccessKey secret is wrong/);
    await op.fill('version', '7.10');
    const auditBefore = (await audit(origin)).length;
    await op.id('send').click();
    const r = await op.result();
    assert.equal(r.kind, 'cloud');
    assert.equal(r.category, 'signature-mismatch');
    assert.equal(await op.text('result-code'), 'SignatureDoesNotMatch');
    assert.match(r.text, /AccessKey secret is wrong/);
    assert.match(r.text, /if they are identical, the secret is wrong/);
    const diff = op.id('signature-diff');
    await diff.waitFor();
    // Same request, wrong key: our string to sign equals the server's line for line.
    assert.equal(await diff.locator('.diff__ours, .diff__theirs').count(), 0, await diff.innerText());
    const same = await diff.locator('.diff__same').allTextContents();
    assert.match(same[0], /^ {2}ACS3-HMAC-SHA256\n$/);
    assert.match(same[1], /^ {2}[0-9a-f]{64}\n$/);
    assert.equal((await audit(origin)).length, auditBefore, 'a refused call changes nothing');
    assert.deepEqual(op.watch.errors, []);
  });
});

test('wrong Huawei secret: a TaurusDB Send is refused and the canonical requests are diffed', async () => {
  // A short kernel version: the console's format check still rejects 6-digit builds (see form_errors).
  const id = '5a4db0c5000000000000000000000007in07';
  await withWrongSecret('taurusdb-minor-upgrade', { cloud: 'huawei', id: DEMO_HUAWEI_AK, secret: 'NotTheSandboxSecretKey000000000000000001' }, async (op) => {
    // The project id is prefilled from the sandbox account whatever the keys.
    await op.page.waitForFunction(() => document.querySelector('[data-testid="input-project_id"]')?.value.length === 32);
    await op.fill('databases_instance_infos', `${id},2.0.29.1`);
    const pf = op.id('preflight-error');
    await pf.waitFor();
    assert.match(await pf.textContent(), /Signature mismatch/);
    assert.equal(await op.sendBlocked(), false, await op.summary());
    await op.id('send').click();
    await op.id('confirm').waitFor();
    assert.equal(await op.text('confirm-change'), 'latest', 'no pre-flight facts: no current version claimed');
    await op.confirm(id);
    const r = await op.result();
    assert.equal(r.kind, 'cloud');
    assert.equal(r.category, 'signature-mismatch');
    assert.equal(await op.text('result-code'), 'APIGW.0301');
    const diff = op.id('signature-diff');
    await diff.waitFor();
    assert.equal(await diff.locator('.diff__ours, .diff__theirs').count(), 0, await diff.innerText());
    const same = await diff.locator('.diff__same').allTextContents();
    assert.equal(same[0], '  POST\n');
    assert.ok(same.some((l) => l.includes('/instances/database-version/upgrade')), same.join(''));
    assert.equal((await auditOf(id)).length, 0, 'a refused call changes nothing');
    assert.deepEqual(op.watch.errors, []);
  });
});
