// Script injection: hostile strings typed into every field, carried by deep links, sent inside valid
// requests, echoed back by the sandbox, and planted in cloud replies must only ever be shown as text.
// After every step: window.__xss is unset, no dialog opened, no page error, no element grew an inline
// event handler, and no script, frame, image or javascript: link appeared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, watch } from './pages/op_page.mjs';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><img src=x onerror='window.__xss=1'>",
  'javascript:window.__xss=1',
  '<svg onload=window.__xss=1>',
  '<svg/onload=window.__xss=1>',
  "';window.__xss=1;//",
  '";window.__xss=1;//',
  '${window.__xss=1}',
  '`;window.__xss=1;`',
  '`${window.__xss=1}`',
  "{{constructor.constructor('window.__xss=1')()}}",
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&#60;img src=x onerror=window.__xss=1&#62;',
  '&#x3C;svg onload=window.__xss=1&#x3E;',
  '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '<details open ontoggle=window.__xss=1>',
  '<body onload=window.__xss=1>',
  '</textarea><script>window.__xss=1</script>',
  '</code></pre><img src=x onerror=window.__xss=1>',
  '" autofocus onfocus="window.__xss=1',
  '<input autofocus onfocus=window.__xss=1>',
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.domain)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<style>@import "javascript:window.__xss=1";</style>',
];

/** Payloads usable where whitespace and commas are not (a Huawei AK, one TaurusDB line column). */
const COMPACT = [
  ...PAYLOADS.filter((p) => !/[\s,;]/.test(p)),
  '<img/src=x/onerror=window.__xss=1>',
  '"><script>window.__xss=1</script>',
  '<iframe/src=javascript:window.__xss=1>',
  '</code><img/src=x/onerror=alert(1)>',
];

const TEXT_FIELDS = {
  'dds-engine-upgrade': ['DBInstanceId', 'EngineVersion', 'SwitchMode', 'RegionId'],
  'dds-kernel-upgrade': ['DBInstanceId', 'SwitchMode', 'RegionId'],
  'es-version-upgrade': ['InstanceId', 'clientToken', 'updateStrategy', 'type', 'version', 'plugins'],
  'redis-major-upgrade': ['InstanceId', 'MajorVersion', 'EffectiveTime', 'RegionId'],
  'taurusdb-minor-upgrade': ['project_id', 'X-Language', 'databases_instance_infos', 'delay_type'],
};
const BOOL_FIELDS = { 'es-version-upgrade': ['dryRun'], 'taurusdb-minor-upgrade': ['delay'] };
const TAURUS_ID = '5a4db0c5000000000000000000000001in07';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** What an injection would leave behind in the document, compared with a clean baseline. */
function injectionSigns(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      xss: window.__xss === undefined ? 'unset' : String(window.__xss),
      inlineHandlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.outerHTML.slice(0, 120)),
      scripts: document.scripts.length,
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      images: document.querySelectorAll('img, image').length,
      math: document.querySelectorAll('math').length,
      jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .filter((e) => ['href', 'src', 'action', 'formaction'].some((n) => /^\s*javascript:/i.test(e.getAttribute(n) ?? ''))).length,
      styles: document.querySelectorAll('body style').length,
    };
  });
}

/** A page with the watchers installed and a baseline taken once the app has rendered. */
async function openClean(context, opId, query = '') {
  const op = await OpPage.open(context, proxy.url, opId, query);
  op.baseline = await injectionSigns(op.page);
  assert.equal(op.baseline.xss, 'unset');
  assert.deepEqual(op.baseline.inlineHandlers, []);
  return op;
}

async function assertNoInjection(op, where) {
  const now = await injectionSigns(op.page);
  assert.deepEqual(now, op.baseline, `${where}: the document changed like an injection would`);
  assert.deepEqual(op.watch.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(op.watch.errors, [], `${where}: page errors`);
}

/** Waits until the element's whole text is exactly `text`. */
async function waitText(op, testId, text) {
  await op.page.waitForFunction(([t, want]) => document.querySelector(`[data-testid="${t}"]`)?.textContent === want, [testId, text]);
}

async function withContext(fn) {
  const context = await browser.newContext();
  try { await fn(context); } finally { await context.close(); }
}

test(`${PAYLOADS.length} payloads (${COMPACT.length} compact) are defined`, () => {
  assert.ok(PAYLOADS.length >= 20);
  assert.equal(new Set(PAYLOADS).size, PAYLOADS.length);
});

for (const [opId, fields] of Object.entries(TEXT_FIELDS)) {
  test(`${opId}: every payload in every text field stays text (messages, Send summary, preview, URL)`, async () => {
    await withContext(async (context) => {
      const op = await openClean(context, opId);
      await op.openAdvanced();
      for (const payload of PAYLOADS) {
        for (const field of fields) {
          await op.fill(field, payload);
          assert.equal(await op.input(field).inputValue(), payload, `${field} keeps the payload as its value`);
        }
        await op.pressSend();
        await op.id('send-summary').waitFor();
        if (!(await op.id('preview').isVisible())) await op.id('toggle-preview').click();
        await op.id('preview').waitFor();
        // The form mirrors into the URL, percent-encoded.
        const url = new URL(op.page.url());
        assert.equal(url.searchParams.get(fields[0]), payload, `URL query carries ${fields[0]}`);
        await assertNoInjection(op, `${opId} ${payload}`);
      }
      if (opId === 'taurusdb-minor-upgrade') {
        // The instance list echoes the offending column in its message: it must read as typed.
        for (const payload of COMPACT) {
          await op.fill('databases_instance_infos', `${payload},2.0.28.1`);
          assert.equal(await op.error('databases_instance_infos').textContent(),
            `Line 1: “${payload}” is not a TaurusDB instance id (32 lower-case letters or digits followed by in07).`);
          await op.fill('databases_instance_infos', `${TAURUS_ID},2.0.28.1\n${TAURUS_ID}0,${payload}`);
          assert.match(await op.error('databases_instance_infos').textContent(), /^Line 2: /);
          await op.fill('databases_instance_infos', `${TAURUS_ID},${payload}`);
          assert.equal(await op.error('databases_instance_infos').textContent(),
            `Line 1: “${payload}” is not a kernel version such as 2.0.28.1.`);
          assert.ok((await op.summary()).includes(payload), 'the Send summary quotes it too');
          await assertNoInjection(op, `instance list ${payload}`);
        }
      }
    });
  });
}

test('deep links: every field of every form set to each payload from the URL', async () => {
  await withContext(async (context) => {
    // One page per operation, side by side: each loads every payload as a fresh deep link.
    await Promise.all(Object.entries(TEXT_FIELDS).map(async ([opId, fields]) => {
      const page = await context.newPage();
      const op = new OpPage(page, proxy.url, opId);
      op.watch = watch(page);
      await op.goto();
      op.baseline = await injectionSigns(page);
      for (const payload of PAYLOADS) {
        const q = new URLSearchParams();
        for (const f of [...fields, ...(BOOL_FIELDS[opId] ?? [])]) q.set(f, payload);
        await op.goto(q.toString());
        await op.openAdvanced();
        for (const f of fields) {
          assert.equal(await op.input(f).inputValue(), payload, `${opId} ${f} from the URL`);
        }
        await op.pressSend();
        await op.id('send-summary').waitFor();
        await assertNoInjection(op, `deep link ${opId} ${payload}`);
      }
      await page.close();
    }));
  });
});

test('the detector is not vacuous: a real injection is noticed', async () => {
  await withContext(async (context) => {
    const op = await openClean(context, 'dds-engine-upgrade');
    await op.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1">'));
    await assert.rejects(assertNoInjection(op, 'canary'), /document changed like an injection would/);
    // The markup alone is noticed; its handler never runs, because the Content-Security-Policy refuses
    // inline handlers (tests/e2e/csp.test.mjs).
    const signs = await injectionSigns(op.page);
    assert.equal(signs.inlineHandlers.length, 1);
    assert.equal(signs.xss, 'unset', 'the CSP blocked the injected handler');
  });
});

test('valid requests carrying payloads (clientToken, plugin names) are previewed and sent as text', async () => {
  await withContext(async (context) => {
    const op = await openClean(context, 'es-version-upgrade');
    await op.useDemo();
    await op.fill('InstanceId', 'es-cn-sandbox0003');
    await op.fill('version', '6.3');
    await op.fact('status').waitFor();
    let sent = 0;
    for (const payload of PAYLOADS) {
      const token = /^[\x20-\x7e]{1,64}$/.test(payload) ? payload : 'plain-token';
      await op.fill('clientToken', token);
      await op.fill('plugins', JSON.stringify([{ name: payload, enable: 'true', version: payload }]));
      assert.equal(await op.error('clientToken').count(), 0, payload);
      assert.equal(await op.error('plugins').count(), 0, payload);
      const p = await op.preview();
      assert.ok(p.http.includes(JSON.stringify(payload).slice(1, -1)), 'the JSON body shows the plugin name');
      assert.ok(p.curl.includes('--data-raw'), 'curl carries the body');
      await assertNoInjection(op, `preview ${payload}`);
      // The dry run is a real, harmless call: the sandbox accepts any plugin name.
      if (sent < 8) {
        const previous = (await op.id('result-request-id').count()) ? await op.text('result-request-id') : null;
        await op.id('send').click();
        await op.page.waitForFunction((b) => {
          const r = document.querySelector('[data-testid="result-request-id"]');
          return r && r.textContent !== b;
        }, previous);
        // es-cn-sandbox0003 takes no snapshots: the dry run answers, with its snapshot check failed.
        assert.equal(await op.id('result').getAttribute('data-kind'), 'dry-run-failed');
        sent += 1;
      }
      await assertNoInjection(op, `dry run ${payload}`);
    }
  });
});

test('the sandbox echoes a hostile Huawei AK in its error; the result shows it as text', async () => {
  await withContext(async (context) => {
    const page = await context.newPage();
    const op = new OpPage(page, proxy.url, 'taurusdb-minor-upgrade');
    op.watch = watch(page);
    await page.goto(`${proxy.url}/settings`);
    await page.getByTestId('pane-settings').waitFor();
    op.baseline = null;
    for (const payload of COMPACT) {
      if (!(await page.getByTestId('pane-settings').isVisible())) await page.getByTestId('nav-settings').click();
      await page.getByTestId('creds-huawei-key-id').fill(payload);
      await page.getByTestId('creds-huawei-secret').fill('SandboxDemoSecretKeyNotReal0000000000001');
      await page.getByTestId('creds-huawei-apply').click();
      assert.ok((await page.getByTestId('creds-huawei-status').textContent()).startsWith(`${payload} …`));
      await page.getByTestId('nav-op-taurusdb-minor-upgrade').click();
      await op.pane.waitFor();
      if (!op.baseline) {
        op.baseline = await injectionSigns(page);
        assert.equal(op.baseline.xss, 'unset', 'settings showed the AK without running it');
      }
      await page.waitForFunction(() => document.querySelector('[data-testid="input-project_id"]')?.value.length === 32);
      await op.fill('databases_instance_infos', `${TAURUS_ID},2.0.28.1`);
      await op.id('preflight-error').waitFor();
      await op.id('send').click();
      await op.id('confirm').waitFor();
      await op.confirm(TAURUS_ID);
      const r = await op.result();
      assert.equal(r.kind, 'cloud');
      assert.equal(await op.text('result-code'), 'APIGW.0301');
      assert.equal(await op.text('result-message'), `Incorrect IAM authentication information: ak ${payload} not exist`);
      await assertNoInjection(op, `AK ${payload}`);
    }
  });
});

test('payloads planted in cloud replies (pre-flight facts, targets, checklist, error, signature diff) stay text', async () => {
  await withContext(async (context) => {
    const op = await openClean(context, 'es-version-upgrade');
    await op.useDemo();
    op.baseline = await injectionSigns(op.page);
    let payload = PAYLOADS[0];
    let sendMode = 'ok';
    // Rewrites the sandbox's real answers on their way into the page.
    await op.page.route('**/proxy/**', async (route) => {
      const req = route.request();
      const res = await route.fetch();
      const path = new URL(req.url()).pathname;
      let body = await res.json().catch(() => null);
      let status = res.status();
      if (body && req.method() === 'GET' && /\/openapi\/instances\/[^/]+$/.test(path)) {
        Object.assign(body.Result, { status: payload, esVersion: payload, archType: payload, instanceId: payload });
      } else if (body && /\/upgradeInfo$/.test(path)) {
        Object.assign(body.Result.UpgradeInfo, { curEsVersion: '6.7.0', upgradeEsVersion: payload, curApackVersion: payload });
      } else if (body && /\/elasticsearch-health$/.test(path)) {
        body.Result = payload;
      } else if (body && req.method() === 'POST') {
        if (sendMode === 'ok') {
          body = {
            RequestId: payload,
            Result: [{ validateType: payload, status: 'failed', validateResult: [{ errorType: payload, errorCode: payload, errorMsg: payload }] }],
          };
        } else {
          status = 400;
          body = {
            RequestId: payload, HostId: payload, Code: 'SignatureDoesNotMatch', Recommend: payload,
            Message: `Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n${payload}`,
          };
        }
      }
      await route.fulfill(body ? { response: res, status, json: body } : { response: res });
    });
    await op.fill('InstanceId', 'es-cn-sandbox0001');
    await op.fill('version', '7.10');
    for (const p of PAYLOADS) {
      payload = p;
      await op.id('preflight-refresh').click();
      await waitText(op, 'fact-status', p);
      assert.equal(await op.text('fact-currentversion'), p);
      assert.equal(await op.text('fact-health'), p);
      assert.equal(await op.text('fact-kernel'), p);
      assert.ok((await op.text('fact-targets')).includes(p));
      assert.ok(await op.page.evaluate((v) => [...document.querySelectorAll('#field-version-choices option')].some((o) => o.value === v), p),
        'the suggested target is offered in the datalist as a value');
      assert.ok((await op.text('preflight-blockers')).includes(`The instance is “${p}”; upgrades need “active”.`));
      assert.equal(await op.summary(), '', 'pre-flight blockers do not stop a dry run');

      sendMode = 'ok';
      await op.setChecked('dryRun', true);
      await op.id('send').click();
      await waitText(op, 'result-request-id', p);
      const check = op.id('dryrun-checklist').locator('li').first();
      assert.equal(await check.getAttribute('data-testid'), `check-${p}`);
      assert.equal(await check.getAttribute('data-passed'), 'false');
      assert.ok((await check.textContent()).includes(p));

      sendMode = 'error';
      await op.id('send').click();
      await op.page.locator('[data-testid="result"][data-kind="cloud"]').waitFor();
      assert.equal(await op.text('result-code'), 'SignatureDoesNotMatch');
      assert.ok((await op.text('result')).includes(`RequestId ${p}`));
      assert.equal(await op.id('result').getAttribute('data-category'), 'signature-mismatch');
      const diff = await op.id('signature-diff').locator('.diff__theirs').allTextContents();
      assert.deepEqual(diff, [`+ ${p}\n`]);
      assert.ok((await op.text('result-message')).endsWith(p));
      await assertNoInjection(op, `cloud reply ${p}`);
    }
  });
});
