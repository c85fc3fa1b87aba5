// Error messages in the Chinese UI (real proxy, embedded sandbox): a call without credentials, a proxy
// nobody listens on, a proxy that refuses the target, a wrong vault passphrase, refused keys and a refused
// IAM login each read in Chinese, with their variable parts (cloud, URL, code, status) kept and the
// English sentence absent. Switching back to English shows the English text again without a new attempt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser, freePort } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

const INSTANCE = 'r-bp1sandbox0001';
/** Any CJK ideograph: the text is (at least partly) Chinese. */
const HAN = /[\u4e00-\u9fff]/;

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

/** A fresh context per test, closed whatever happens; the page starts on `path` in Chinese. */
async function inChinese(path, fn) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${proxy.url}${path}`);
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('lang-zh').and(page.locator('[aria-pressed="true"]')).waitFor();
    await fn(page, context);
  } finally {
    await context.close();
  }
}

/** The Redis form filled with a valid request (region and endpoint as the settings say). */
async function fillRedis(op) {
  await op.fill('InstanceId', INSTANCE);
  await op.fill('MajorVersion', '7.0');
  await op.fill('EffectiveTime', 'MaintainTime');
}

/** The text of `testId` once it shows, asserted Chinese and free of `english`. */
async function chinese(page, testId, english) {
  const el = page.getByTestId(testId);
  await el.waitFor();
  const text = (await el.textContent()) ?? '';
  assert.match(text, HAN, `${testId} is Chinese: ${text}`);
  assert.doesNotMatch(text, english, `${testId} has no English sentence: ${text}`);
  return text;
}

test('a call without credentials is refused in Chinese, naming the cloud (look-up and preview)', async () => {
  await inChinese('/op/taurusdb-minor-upgrade', async (page) => {
    await page.getByTestId('project-lookup').click();
    const text = await chinese(page, 'project-lookup-error', /credentials yet|Settings/);
    assert.match(text, /^尚未设置华为云凭证：请在“设置”中添加/);
  });
  await inChinese('/op/redis-major-upgrade', async (page) => {
    const op = new OpPage(page, proxy.url, 'redis-major-upgrade');
    await fillRedis(op);
    await op.id('toggle-preview').click();
    await page.getByTestId('preview').locator('.field__message--error').waitFor();
    const text = await op.text('preview');
    assert.match(text, /尚未设置阿里云凭证/);
    assert.doesNotMatch(text, /No Alibaba Cloud credentials|credentials yet/);
  });
});

test('a proxy address nobody listens on: pre-flight and Send say so in Chinese, with the URL', async () => {
  const closed = await freePort();
  await inChinese('/settings', async (page) => {
    const field = page.getByTestId('proxy-base');
    await field.fill(`http://127.0.0.1:${closed}`);
    await field.press('Tab');
    await page.getByTestId('nav-op-redis-major-upgrade').click();
    const op = new OpPage(page, proxy.url, 'redis-major-upgrade');
    await op.pane.waitFor();
    await op.useDemo();
    await fillRedis(op);
    const url = new RegExp(`^未能通过代理 http://127\\.0\\.0\\.1:${closed}/proxy/\\S+ 收到完整响应：.+。如果代理不可达，请在“设置”中检查代理地址，并确认代理正在运行。$`);
    const english = /No complete answer|If the proxy is unreachable/;
    assert.match(await chinese(page, 'preflight-error', english), url);
    assert.equal(await op.sendBlocked(), false, await op.summary());
    await op.id('send').click();
    await op.id('confirm').waitFor();
    await op.confirm(INSTANCE);
    const r = await op.result();
    assert.equal(r.kind, 'network', r.text);
    assert.match(await chinese(page, 'result-message', english), url);
    // The language is read when the message is shown: English again after switching back.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('result-message').filter({ hasText: /^No complete answer through the proxy at / }).waitFor();
  });
});

test('a target the proxy refuses: the code and status stay, the reason is Chinese', async () => {
  await inChinese('/op/redis-major-upgrade', async (page) => {
    const op = new OpPage(page, proxy.url, 'redis-major-upgrade');
    await op.useDemo();
    // Real clouds, and an endpoint outside the proxy's allowlist: the proxy answers target_not_allowed.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('target-cloud').check();
    await page.getByTestId('nav-op-redis-major-upgrade').click();
    await op.pane.waitFor();
    await op.id('endpoint-override').fill('example.com');
    await op.id('endpoint-override').press('Tab');
    await fillRedis(op);
    const english = /allowlist|The proxy refused/;
    const text = await chinese(page, 'preflight-error', english);
    assert.equal(text, '代理拒绝或未能完成调用（target_not_allowed，HTTP 403）：目标地址不在代理的允许列表中，代理拒绝转发。');
    // Sent anyway: the result panel shows the code and status as they are, and the reason in Chinese.
    assert.equal(await op.sendBlocked(), false, await op.summary());
    await op.id('send').click();
    await op.id('confirm').waitFor();
    await op.confirm(INSTANCE);
    const r = await op.result();
    assert.equal(r.kind, 'proxy', r.text);
    assert.equal(await op.text('result-code'), 'target_not_allowed');
    assert.equal(await chinese(page, 'result-message', english), '目标地址不在代理的允许列表中，代理拒绝转发。');
  });
});

test('a wrong or short vault passphrase, refused keys and a refused IAM login read in Chinese', async () => {
  await inChinese('/settings', async (page) => {
    await page.getByTestId('use-demo').click();
    const status = page.getByTestId('vault-status');
    await page.getByTestId('vault-passphrase').fill('short');
    await page.getByTestId('vault-passphrase-again').fill('short');
    await page.getByTestId('vault-save').click();
    await status.filter({ hasText: '口令至少需要 8 个字符。' }).waitFor();
    await page.getByTestId('vault-passphrase').fill('correct horse battery');
    await page.getByTestId('vault-passphrase-again').fill('correct horse battery');
    await page.getByTestId('vault-save').click();
    await status.filter({ hasText: '已加密保存。' }).waitFor();
    await page.getByTestId('vault-passphrase').fill('wrong passphrase');
    await page.getByTestId('vault-unlock').click();
    await status.filter({ hasText: '口令错误，或已保存的数据已损坏。' }).waitFor();
    assert.doesNotMatch(await chinese(page, 'vault-status', /Wrong passphrase/), /damaged/);

    await page.getByTestId('creds-alibaba-key-id').fill('密钥😀');
    await page.getByTestId('creds-alibaba-secret').fill('sk');
    await page.getByTestId('creds-alibaba-apply').click();
    assert.equal(await chinese(page, 'creds-alibaba-note', /contains characters other than ASCII/),
      'AccessKey ID 中含有 ASCII 字母、数字和标点以外的字符；云厂商签发的访问密钥不含此类字符。');

    await page.getByTestId('iam-domain').fill('sandbox-account');
    await page.getByTestId('iam-user').fill('sandbox-dba');
    await page.getByTestId('iam-password').fill('not-the-password');
    await page.getByTestId('iam-get-token').click();
    assert.match(await chinese(page, 'iam-error', /IAM refused the token request/), /^IAM 拒绝了 Token 请求（HTTP 401/);

    // Shown messages follow the language switch.
    await page.getByTestId('lang-en').click();
    await status.filter({ hasText: 'Wrong passphrase, or the stored data is damaged.' }).waitFor();
    await page.getByTestId('iam-error').filter({ hasText: /^IAM refused the token request \(HTTP 401/ }).waitFor();
  });
});
