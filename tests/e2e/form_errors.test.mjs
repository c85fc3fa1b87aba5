// Inline validation of every field of every operation, in a real browser: a bad value shows its message
// (with aria-invalid and aria-describedby), fixing it removes the message, an undocumented but
// well-formed value is only a warning, and Send lists what blocks it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

const TAURUS_ID = '5a4db0c5000000000000000000000001in07';
const TAURUS_ID2 = '5a4db0c5000000000000000000000004in07';
/** 101 distinct well-formed TaurusDB lines. */
const HUNDRED_AND_ONE = Array.from({ length: 101 }, (_, i) => `${i.toString(16).padStart(32, '0')}in07,2.0.28.1`).join('\n');

const DDS_ID = {
  field: 'DBInstanceId', label: 'Instance ID', good: 'dds-bp1a2b3c4d5e6f7g',
  bad: [
    { value: 'bad id!', code: 'bad-format', message: /^Expected “dds-” followed by 6–40 lower-case letters or digits, for example dds-bp1a2b3c4d5e6f7g\.$/ },
    { value: '', code: 'required', message: /^This field is required\.$/ },
    { value: `dds-${'a'.repeat(50)}`, code: 'too-long', message: /^Too long: 54 characters, at most 44 allowed\.$/ },
    { value: 'dds-实例实例实例', code: 'not-ascii', message: /^Only ASCII letters, digits and punctuation are allowed here\.$/ },
    { value: 'r-bp1a2b3c4d5e6f7g', code: 'bad-format', message: /“dds-”/ },
  ],
};
const SWITCH_MODE = {
  field: 'SwitchMode', label: 'Switch mode', good: '1',
  bad: [{ value: 'now', code: 'bad-format', message: /^Expected a number of up to 3 digits, for example 0\.$/ }],
  warn: { value: '2', message: /^“2” is not in the documented list \(0, 1\), which may be stale; it will be sent as typed\.$/ },
};
const REGION_ID = {
  field: 'RegionId', label: 'Region ID', good: 'cn-hangzhou',
  bad: [{ value: 'Hangzhou!', code: 'bad-format', message: /^Expected a region id of lower-case letters, digits and “-”, for example cn-hangzhou\.$/ }],
};

/** Every field of every operation, with values that break it, fix it, and (for lists) merely warn. */
const OPS = {
  'dds-engine-upgrade': [
    DDS_ID,
    {
      field: 'EngineVersion', label: 'Target version', good: '5.0',
      bad: [
        { value: 'x', code: 'bad-format', message: /^Expected a version, for example 5\.0\.$/ },
        { value: '', code: 'required', message: /^This field is required\.$/ },
      ],
      warn: { value: '9.9', message: /^“9\.9” is not in the documented list \(4\.0, 4\.2, 4\.4, 5\.0, 6\.0, 7\.0, 8\.0\)/ },
    },
    SWITCH_MODE,
    REGION_ID,
  ],
  'dds-kernel-upgrade': [DDS_ID, SWITCH_MODE, REGION_ID],
  'es-version-upgrade': [
    {
      field: 'InstanceId', label: 'Instance ID', good: 'es-cn-abc123def456',
      bad: [
        { value: 'bad id!', code: 'bad-format', message: /^Expected “es-”, a 2–4 letter site code, “-”, then 6–40 lower-case letters or digits, for example es-cn-abc123def456\.$/ },
        { value: '', code: 'required', message: /required/ },
      ],
    },
    {
      field: 'clientToken', label: 'Client token', good: '5A2CFF0E-5718-45B5-9D4D-70B3FF389811',
      bad: [
        { value: 'x'.repeat(70), code: 'too-long', message: /^Too long: 70 characters, at most 64 allowed\.$/ },
        { value: 'tökén', code: 'not-ascii', message: /ASCII/ },
      ],
    },
    {
      field: 'updateStrategy', label: 'Update strategy', good: 'blue_green',
      bad: [{ value: 'blue green', code: 'bad-format', message: /^Expected a keyword of letters, digits and “_”, for example normal\.$/ }],
      warn: { value: 'rolling', message: /^“rolling” is not in the documented list \(blue_green, normal, intelligent\)/ },
    },
    {
      field: 'type', label: 'Upgrade type', good: 'engineVersion',
      bad: [{ value: 'engine-version', code: 'bad-format', message: /keyword of letters/ }],
      warn: { value: 'majorVersion', message: /^“majorVersion” is not in the documented list \(engineVersion, aliVersion\)/ },
    },
    {
      field: 'version', label: 'Target version', good: '7.10',
      bad: [
        { value: '7.x', code: 'bad-format', message: /^Expected an engine version \(two or three dot-separated numbers, optionally followed by “_with_” and an edition\) or a kernel version \(“ali” followed by three dot-separated numbers\), for example 7\.10\.$/ },
        { value: 'ali1.2.0', code: 'version-type-mismatch', message: /^“ali1\.2\.0” goes with type=aliVersion/ },
      ],
    },
    {
      field: 'plugins', label: 'Plugin changes (JSON)', good: '[{"name":"analysis-ik","enable":"true"}]',
      bad: [
        { value: '{not json', code: 'invalid-json', message: /^Not valid JSON: / },
        { value: '{"name":"analysis-ik"}', code: 'plugins-not-array', message: /^Expected a JSON array of plugin objects/ },
        { value: '[{"enable":"true"}]', code: 'plugin-field', message: /^Plugin 1: “name” is missing or not a string\.$/ },
        { value: '[{"name":"a","enable":"true"},{"name":"b","enable":"yes"}]', code: 'plugin-enable', message: /^Plugin 2: “enable” must be "true" or "false"\.$/ },
      ],
    },
  ],
  'redis-major-upgrade': [
    {
      field: 'InstanceId', label: 'Instance ID', good: 'r-bp1a2b3c4d5e6f7g',
      bad: [
        { value: 'bad id!', code: 'bad-format', message: /^Expected “r-” followed by 6–40 lower-case letters or digits, for example r-bp1a2b3c4d5e6f7g\.$/ },
        { value: 'dds-bp1a2b3c4d5e6f7g', code: 'bad-format', message: /“r-”/ },
      ],
    },
    {
      field: 'MajorVersion', label: 'Target major version', good: '7.0',
      bad: [{ value: 'latest', code: 'bad-format', message: /^Expected a version, for example 7\.0\.$/ }],
      warn: { value: '8.0', message: /^“8\.0” is not in the documented list \(4\.0, 5\.0, 6\.0, 7\.0\)/ },
    },
    {
      field: 'EffectiveTime', label: 'When', good: 'MaintainTime',
      bad: [{ value: 'at night', code: 'bad-format', message: /keyword of letters/ }],
      warn: { value: 'Tonight', message: /^“Tonight” is not in the documented list \(Immediately, MaintainTime\)/ },
    },
    REGION_ID,
  ],
  'taurusdb-minor-upgrade': [
    {
      field: 'project_id', label: 'Project ID', good: '0123456789abcdef0123456789abcdef',
      bad: [
        { value: 'abc', code: 'bad-format', message: /^Expected 32 letters or digits/ },
        { value: '0123456789abcdef0123456789abcde-', code: 'bad-format', message: /32 letters or digits/ },
        { value: '', code: 'required', message: /required/ },
      ],
    },
    {
      field: 'X-Language', label: 'Reply language', good: 'zh-cn',
      bad: [{ value: 'english', code: 'bad-format', message: /^Expected a language tag: two lower-case letters, “-”, two lower-case letters, for example en-us\.$/ }],
      warn: { value: 'fr-fr', message: /^“fr-fr” is not in the documented list \(en-us, zh-cn\)/ },
    },
    {
      field: 'databases_instance_infos', label: 'Instances (instance_id,current_version per line)', good: `${TAURUS_ID},2.0.28.1`,
      bad: [
        { value: 'just-one-column', code: 'bad-line', message: /^Line 1: write instance_id,current_version\.$/ },
        { value: `# comment\n${TAURUS_ID},2.0.28.1,extra`, code: 'bad-line', message: /^Line 2: write instance_id,current_version\.$/ },
        { value: 'bad id!,2.0.28.1', code: 'bad-line', message: /^Line 1: write/ },
        { value: 'not-an-id,2.0.28.1', code: 'line-instance-id', message: /^Line 1: “not-an-id” is not a TaurusDB instance id \(32 lower-case letters or digits followed by in07\)\.$/ },
        { value: `${TAURUS_ID},two`, code: 'line-version', message: /^Line 1: “two” is not a kernel version such as 2\.0\.28\.1\.$/ },
        { value: `${TAURUS_ID},2.0.28.1\n\n${TAURUS_ID};2.0.28.1`, code: 'duplicate-instance', message: /^Line 3: this instance is already listed on line 1\.$/ },
        { value: HUNDRED_AND_ONE, code: 'too-many-instances', message: /^101 instances listed; one call takes at most 100\.$/ },
        { value: '  \n# only a comment\n', code: 'required', message: /required/ },
      ],
      warn: { value: `${TAURUS_ID},2.0.28.1\n${TAURUS_ID2}\t2.0.29.1`, message: /^The instances have different current versions \(2\.0\.28\.1, 2\.0\.29\.1\)/ },
    },
    {
      field: 'delay_type', label: 'Send delay as', good: 'boolean',
      bad: [{ value: 'json', code: 'not-one-of', message: /^Choose one of: string, boolean\.$/ }],
    },
  ],
};

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

async function withOp(opId, fn, query = '') {
  const context = await browser.newContext();
  try {
    const op = await OpPage.open(context, proxy.url, opId, query);
    await fn(op);
    assert.deepEqual(op.watch.errors, []);
    assert.deepEqual(op.watch.dialogs, []);
  } finally {
    await context.close();
  }
}

/** The field's message is shown, tied to the input for assistive technology, and listed by Send. */
async function assertError(op, field, label, { code, message }) {
  const err = op.error(field);
  await err.waitFor();
  assert.equal(await err.getAttribute('data-code'), code, `${field}: ${await err.textContent()}`);
  const text = await err.textContent();
  assert.match(text, message, field);
  const input = op.input(field);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', field);
  const describedBy = (await input.getAttribute('aria-describedby')).split(/\s+/);
  assert.ok(describedBy.includes(`field-${field}-message`), `${field}: ${describedBy}`);
  const described = await op.page.evaluate(([ids, tid]) => {
    const el = document.querySelector(`[data-testid="${tid}"]`);
    return ids.some((id) => document.getElementById(id)?.contains(el));
  }, [describedBy, `error-${field}`]);
  assert.ok(described, `${field}: the message is inside an element named by aria-describedby`);
  assert.equal(await op.warning(field).count(), 0, `${field}: an error, not a warning`);
  assert.equal(await op.sendBlocked(), true, `${field}: Send is marked disabled`);
  const summary = await op.summary();
  assert.ok(summary.includes(`${label}: ${text}`), `${field}: Send summary lists "${label}: ${text}" in: ${summary}`);
}

async function assertClean(op, field) {
  await op.error(field).waitFor({ state: 'detached' });
  assert.equal(await op.input(field).getAttribute('aria-invalid'), 'false', field);
  assert.equal(await op.warning(field).count(), 0, field);
}

for (const [opId, fields] of Object.entries(OPS)) {
  test(`${opId}: every field shows its message for bad input and clears it when fixed`, async () => {
    await withOp(opId, async (op) => {
      for (const f of fields) {
        for (const bad of f.bad) {
          await op.fill(f.field, bad.value);
          await assertError(op, f.field, f.label, bad);
          await op.fill(f.field, f.good);
          await assertClean(op, f.field);
        }
        if (f.warn) {
          await op.fill(f.field, f.warn.value);
          const w = op.warning(f.field);
          await w.waitFor();
          assert.match(await w.textContent(), f.warn.message, f.field);
          assert.equal(await op.error(f.field).count(), 0, `${f.field}: a warning, not an error`);
          assert.equal(await op.input(f.field).getAttribute('aria-invalid'), 'false');
          assert.ok(!(await op.summary()).includes(f.label), `${f.field}: a warning does not block Send`);
          await op.fill(f.field, f.good);
          await assertClean(op, f.field);
        }
      }
      // All fields valid now; only the missing credentials block Send.
      assert.equal(await op.summary(), 'Send is disabled because:Credentials for this cloud are missing (Settings).');
    });
  });
}

test('messages wait for the field to be left; pasted spaces are trimmed with a warning', async () => {
  await withOp('dds-engine-upgrade', async (op) => {
    await op.input('DBInstanceId').fill('bad id!');
    assert.equal(await op.error('DBInstanceId').count(), 0, 'no message while typing');
    assert.equal(await op.input('DBInstanceId').getAttribute('aria-invalid'), 'false');
    await op.input('DBInstanceId').blur();
    await op.error('DBInstanceId').waitFor();
    await op.fill('DBInstanceId', '  dds-bp1a2b3c4d5e6f7g ');
    await op.error('DBInstanceId').waitFor({ state: 'detached' });
    assert.match(await op.warning('DBInstanceId').textContent(), /^Spaces or line breaks around the value were removed\.$/);
  });
});

test('Send lists every reason while the form is invalid; pressing it reveals untouched required fields', async () => {
  await withOp('dds-engine-upgrade', async (op) => {
    const summary = op.id('send-summary');
    await summary.waitFor();
    assert.equal(await summary.getAttribute('role'), 'status');
    assert.equal(await op.sendBlocked(), true);
    const reasons = await summary.locator('li').allTextContents();
    assert.deepEqual(reasons, [
      'Credentials for this cloud are missing (Settings).',
      'Instance ID: This field is required.',
      'Target version: This field is required.',
    ]);
    assert.equal(await op.error('DBInstanceId').count(), 0, 'untouched fields are quiet at first');
    await op.pressSend();
    assert.equal(await op.id('confirm').count(), 0, 'a blocked Send opens nothing');
    await op.error('DBInstanceId').waitFor();
    await op.error('EngineVersion').waitFor();
    assert.equal(await op.error('SwitchMode').count(), 0, 'optional fields stay quiet');

    await op.fill('DBInstanceId', 'bad id!');
    assert.match((await summary.locator('li').allTextContents())[1], /^Instance ID: Expected “dds-”/);
    await op.useDemo();
    await op.fill('DBInstanceId', 'dds-bp1sandbox0001');
    await op.fill('EngineVersion', '5.0');
    await summary.waitFor({ state: 'detached' });
    assert.equal(await op.sendBlocked(), false);

    // Pre-flight facts add their own errors: 4.4 is not above the current 4.4.
    await op.fact('currentversion').waitFor();
    await op.fill('EngineVersion', '4.4');
    const e = op.error('EngineVersion');
    await e.waitFor();
    assert.equal(await e.getAttribute('data-code'), 'not-above-current');
    assert.match(await e.textContent(), /^The target 4\.4 is not above the current version 4\.4; downgrades are not possible\.$/);
    assert.match(await op.summary(), /Target version: The target 4\.4 is not above/);
    // A documented-list value pre-flight did not offer is a warning (dds-bp1sandbox0001 offers 5.0–8.0).
    await op.fill('EngineVersion', '9.9');
    await op.warning('EngineVersion').first().waitFor();
    const warnings = await op.warning('EngineVersion').allTextContents();
    assert.ok(warnings.some((w) => /not in the documented list/.test(w)), warnings.join('|'));
    assert.ok(warnings.some((w) => /^Pre-flight lists 5\.0, 6\.0, 7\.0, 8\.0 as available, not 9\.9\.$/.test(w)), warnings.join('|'));
    assert.equal(await op.sendBlocked(), false, 'warnings never block');
  });
});

test('a checkbox takes only true or false from a deep link; anything else keeps its default, without an error', async () => {
  await withOp('es-version-upgrade', async (op) => {
    assert.equal(await op.input('dryRun').isChecked(), true, 'dryRun=maybe keeps the default: a dry run');
    await op.input('dryRun').focus();
    await op.input('dryRun').blur();
    await op.pressSend();
    assert.equal(await op.error('dryRun').count(), 0);
    await op.setChecked('dryRun', false);
    assert.equal(await op.input('dryRun').isChecked(), false);
  }, 'dryRun=maybe');
  await withOp('taurusdb-minor-upgrade', async (op) => {
    assert.equal(await op.input('delay').isChecked(), false, 'delay=later keeps the default: not delayed');
    await op.pressSend();
    await op.error('databases_instance_infos').waitFor();
    assert.equal(await op.error('delay').count(), 0);
  }, 'delay=later');
});

test('TaurusDB accepts the kernel versions its own API reports (e.g. 2.0.45.230950)', async () => {
  await withOp('taurusdb-minor-upgrade', async (op) => {
    await op.fill('databases_instance_infos', '5a4db0c5000000000000000000000002in07,2.0.45.230950');
    await op.page.waitForTimeout(300);
    const err = op.error('databases_instance_infos');
    assert.equal(await err.count(), 0, (await err.count()) ? await err.textContent() : '');
  });
});

test('a link reopens the form exactly as typed: %XX, +, spaces, & and # survive the URL', async () => {
  await withOp('es-version-upgrade', async (op) => {
    const token = 'a%41b+c d&e=f#g?h%';
    await op.fill('InstanceId', 'es-cn-abc123def456');
    await op.fill('clientToken', token);
    await op.page.waitForFunction(() => location.search.includes('clientToken='));
    const url = op.page.url();
    assert.equal(new URL(url).searchParams.get('clientToken'), token, 'the URL carries the value once encoded');
    await op.page.reload();
    await op.pane.waitFor();
    await op.openAdvanced();
    assert.equal(await op.input('clientToken').inputValue(), token, 'decoded once, not twice');
    assert.equal(await op.input('InstanceId').inputValue(), 'es-cn-abc123def456');
    // A hand-written link may use + for a space, as HTML forms do.
    await op.goto('clientToken=x+y%2By&InstanceId=es-cn-abc123def456');
    await op.openAdvanced();
    assert.equal(await op.input('clientToken').inputValue(), 'x y+y');
  });
});
