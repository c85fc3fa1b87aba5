// Settings journeys against the real proxy with its embedded sandbox: mode banner, demo credentials,
// language, pasted-whitespace warning, the encrypted "remember" store, and IAM token login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy, launchBrowser, watchErrors } from './harness.mjs';

const DEMO_AK = 'LTAI5tSandboxDemo0000001';
const DEMO_SECRET = 'sandboxDemoSecretNotReal000001';

let proxy; let browser;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('runtime endpoint describes the sandbox and its demo credentials', async () => {
  const info = await (await fetch(`${proxy.url}/api/runtime`)).json();
  assert.match(info.sandbox.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(info.sandbox.credentials.alibaba_access_key_id, DEMO_AK);
});

test('sandbox banner offers demo credentials; target switch shows the real-cloud banner', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('sandbox-banner').waitFor();
  await page.getByTestId('use-demo').click();
  await page.getByTestId('demo-in-use').waitFor();
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(DEMO_AK));
  assert.match(await page.getByTestId('creds-huawei-status').textContent(), /HPUASANDBOXDEMO00001/);
  await page.getByTestId('target-cloud').check();
  await page.getByTestId('cloud-banner').waitFor();
  await page.getByTestId('target-sandbox').check();
  await page.getByTestId('sandbox-banner').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('language switches to Simplified Chinese and persists across reloads', async () => {
  const page = await browser.newPage();
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('lang-zh').click();
  await page.getByRole('heading', { name: '设置' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '设置' }).waitFor();
  await page.getByTestId('lang-en').click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.close();
});

test('pasted whitespace is trimmed with a visible warning', async () => {
  const page = await browser.newPage();
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('creds-alibaba-key-id').fill(`  ${DEMO_AK}\n`);
  await page.getByTestId('creds-alibaba-secret').fill(`${DEMO_SECRET} `);
  await page.getByTestId('creds-alibaba-apply').click();
  const note = await page.getByTestId('creds-alibaba-note').textContent();
  assert.match(note, /AccessKey ID/);
  assert.match(note, /AccessKey secret/);
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(`^${DEMO_AK} `));
  assert.equal(await page.getByTestId('creds-alibaba-secret').inputValue(), '', 'secret field cleared');
  await page.close();
});

test('keys no cloud issues (non-ASCII, thousands of characters) are refused where they are typed, and kept for fixing', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  for (const [keyId, message] of [['密钥😀', /ASCII letters, digits and punctuation/], ['L'.repeat(10_004), /10004 characters long; at most 128/]]) {
    await page.getByTestId('creds-alibaba-key-id').fill(keyId);
    await page.getByTestId('creds-alibaba-secret').fill('秘密');
    await page.getByTestId('creds-alibaba-apply').click();
    assert.match(await page.getByTestId('creds-alibaba-note').textContent(), message);
    assert.match(await page.getByTestId('creds-alibaba-status').textContent(), /not set/i, 'nothing applied');
    assert.equal(await page.getByTestId('creds-alibaba-key-id').inputValue(), keyId, 'the typed key stays to be fixed');
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a proxy address that is no http(s) origin is named at once and not used; a good one is', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  const field = page.getByTestId('proxy-base');
  for (const [typed, message] of [['not a url', /spaces or non-ASCII/], ['ftp://x', /starts with https:\/\//], ['javascript:alert(1)', /starts with https:\/\//], ['https://u:p@proxy.example.com', /user name and password/]]) {
    await field.fill(typed);
    await field.press('Tab');
    assert.match(await page.getByTestId('proxy-base-error').textContent(), message, typed);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await field.inputValue(), typed, 'the typed text stays to be fixed');
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('upgrade-console.settings.v1') ?? '{}').proxy_base ?? ''), '', `${typed} not stored`);
  }
  await field.fill(proxy.url);
  await field.press('Tab');
  assert.equal(await page.getByTestId('proxy-base-error').count(), 0);
  await page.waitForFunction((u) => JSON.parse(localStorage.getItem('upgrade-console.settings.v1') ?? '{}').proxy_base === u, proxy.url);
  // A refused address stays in the field, with its message, when another setting changes.
  await field.fill('ftp://x');
  await field.press('Tab');
  await page.getByTestId('language').selectOption('zh');
  assert.equal(await field.inputValue(), 'ftp://x');
  assert.match(await page.getByTestId('proxy-base-error').textContent(), /https:\/\//);
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('proxy-base').fill('');
  await field.press('Tab');
  assert.deepEqual(errors, []);
  await page.close();
});

test('remembered credentials are stored encrypted and come back only with the passphrase', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('use-demo').click();
  await page.getByTestId('vault-passphrase').fill('correct horse battery');
  await page.getByTestId('vault-save').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Saved' }).waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(DEMO_SECRET), 'the secret is not stored in plain text');
  assert.ok(stored.includes('upgrade-console.vault.v1'));

  await page.reload();
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), /Not set/, 'memory only after reload');
  await page.getByTestId('vault-passphrase').fill('wrong passphrase');
  await page.getByTestId('vault-unlock').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Wrong passphrase' }).waitFor();
  await page.getByTestId('vault-passphrase').fill('correct horse battery');
  await page.getByTestId('vault-unlock').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Unlocked' }).waitFor();
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(DEMO_AK));
  await page.getByTestId('vault-forget').click();
  assert.equal(await page.evaluate(() => localStorage.getItem('upgrade-console.vault.v1')), null);
  await context.close();
});

test('IAM password login through the proxy yields a token with its expiry', async () => {
  const page = await browser.newPage();
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('sandbox-banner').waitFor();
  await page.getByTestId('iam-domain').fill('sandbox-account');
  await page.getByTestId('iam-user').fill('sandbox-dba');
  await page.getByTestId('iam-password').fill('not-the-password');
  await page.getByTestId('iam-get-token').click();
  await page.getByTestId('iam-error').waitFor();
  await page.getByTestId('iam-password').fill('Sandbox@2024');
  await page.getByTestId('iam-get-token').click();
  const expiry = await page.getByTestId('iam-token-expiry').textContent();
  assert.match(expiry, /\d{4}-\d{2}-\d{2}T/);
  assert.equal(await page.getByTestId('iam-password').inputValue(), '', 'password not kept in the form');
  await page.close();
});
