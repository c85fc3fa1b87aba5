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
  await page.getByTestId('vault-passphrase-again').fill('correct horse battery');
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

const VAULT_KEY = 'upgrade-console.vault.v1';
const PASSPHRASE = 'correct horse battery';
const DEMO_HW_AK = 'HPUASANDBOXDEMO00001';

/** Types an AccessKey pair into a cloud's form and applies it. */
async function typeKeys(page, cloud, id, secret) {
  await page.getByTestId(`creds-${cloud}-key-id`).fill(id);
  await page.getByTestId(`creds-${cloud}-secret`).fill(secret);
  await page.getByTestId(`creds-${cloud}-apply`).click();
  await page.getByTestId(`creds-${cloud}-status`).filter({ hasText: id }).waitFor();
}

/** Types the passphrase, presses a vault button (save, unlock) and waits for a status matching `re`;
 * fails naming the status actually shown. Returns the status locator. */
async function vault(page, button, passphrase, re) {
  await page.getByTestId('vault-passphrase').fill(passphrase);
  // A first save takes it twice (the second field is only there while nothing is stored).
  const again = page.getByTestId('vault-passphrase-again');
  if (button === 'save' && await again.count()) await again.fill(passphrase);
  await page.getByTestId(`vault-${button}`).click();
  const status = page.getByTestId('vault-status');
  try {
    await status.filter({ hasText: re }).waitFor({ timeout: 10_000 });
  } catch {
    assert.fail(`after ${button}: status ${JSON.stringify(await status.textContent({ timeout: 1000 }).catch(() => null))}, expected ${re}`);
  }
  return status;
}

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), VAULT_KEY);

// Regression: "Save encrypted" pressed instead of "Unlock" after a reload (nothing in memory) replaced the
// store with an empty bundle and reported "Saved, encrypted."; the saved AccessKey was gone.
test('Save while the store is locked and memory is empty is refused; the store still unlocks to the saved key', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  await typeKeys(page, 'alibaba', DEMO_AK, DEMO_SECRET);
  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\.$/);
  const blob = await stored(page);
  assert.ok(blob);

  await page.reload();
  await page.getByTestId('creds-alibaba-status').filter({ hasText: 'Not set' }).waitFor();
  const status = await vault(page, 'save', PASSPHRASE, /holds no credentials to save/);
  assert.match(await status.textContent(), /nothing was changed.*"Unlock saved credentials"/);
  assert.equal(await status.getAttribute('role'), 'alert');
  assert.equal(await stored(page), blob, 'the store is untouched');
  assert.equal(await page.getByTestId('vault-passphrase').inputValue(), PASSPHRASE, 'kept for Unlock');
  await page.getByTestId('language').selectOption('zh');
  await status.filter({ hasText: /^本页面中没有可保存的凭证.*“解锁已保存的凭证”。$/ }).waitFor();
  await page.getByTestId('language').selectOption('en');

  await page.reload();
  await vault(page, 'unlock', PASSPHRASE, /^Unlocked\.$/);
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(`^${DEMO_AK} `));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Unlock says "Unlocked." only when it restored credentials; a store that holds none says so', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${proxy.url}/settings`);
  await typeKeys(page, 'alibaba', DEMO_AK, DEMO_SECRET);
  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\.$/);
  await page.reload();
  const status = await vault(page, 'unlock', PASSPHRASE, /^Unlocked\.$/);
  assert.equal(await status.getAttribute('role'), 'status');
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(`^${DEMO_AK} `));

  // A store holding no credentials (what the old Save-while-locked left; saving with an empty memory on
  // a device without a store still writes one).
  await page.getByTestId('vault-forget').click();
  await page.reload();
  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\.$/);
  await page.reload();
  await vault(page, 'unlock', PASSPHRASE, /holds no credentials, so nothing was restored/);
  assert.doesNotMatch(await status.textContent(), /Unlocked/);
  assert.match(await status.getAttribute('class'), /field__message--warn/);
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), /Not set/);
  await context.close();
});

// Decision: Save over an existing store needs that store's passphrase and keeps its credentials for each
// cloud not set in memory (memory wins for the clouds it has), and the status names what it kept.
test('Save with some credentials in memory keeps the stored ones of the other cloud and needs the store passphrase', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('use-demo').click();
  await page.getByTestId('creds-huawei-status').filter({ hasText: DEMO_HW_AK }).waitFor();
  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\.$/);
  const blob = await stored(page);

  // After a reload only a rotated Alibaba key is typed in; Huawei stays locked in the store.
  await page.reload();
  const ROTATED = 'LTAI5tRotatedKey00000002';
  await typeKeys(page, 'alibaba', ROTATED, 'rotatedSecretNotReal000002');
  const status = await vault(page, 'save', 'not the store passphrase', /does not open the credentials already saved/);
  assert.equal(await stored(page), blob, 'a different passphrase changes nothing');
  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\. Credentials kept from the earlier save: Huawei Cloud\.$/);
  await page.getByTestId('language').selectOption('zh');
  await status.filter({ hasText: /^已加密保存。已保留之前保存的凭证：华为云。$/ }).waitFor();
  await page.getByTestId('language').selectOption('en');

  await page.reload();
  await vault(page, 'unlock', PASSPHRASE, /^Unlocked\.$/);
  assert.match(await page.getByTestId('creds-alibaba-status').textContent(), new RegExp(`^${ROTATED} `));
  assert.match(await page.getByTestId('creds-huawei-status').textContent(), new RegExp(`^${DEMO_HW_AK} `));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first save takes the passphrase twice; two different ones save nothing and keep both fields', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/settings`);
  await typeKeys(page, 'alibaba', DEMO_AK, DEMO_SECRET);
  await page.getByTestId('vault-passphrase').fill(PASSPHRASE);
  await page.getByTestId('vault-passphrase-again').fill(`${PASSPHRASE}!`);
  await page.getByTestId('vault-save').click();
  const status = page.getByTestId('vault-status');
  await status.filter({ hasText: /^The two passphrases differ, so nothing was saved\./ }).waitFor();
  assert.equal(await status.getAttribute('role'), 'alert');
  assert.equal(await stored(page), null, 'nothing stored');
  assert.equal(await page.getByTestId('vault-passphrase-again').inputValue(), `${PASSPHRASE}!`, 'kept for fixing');
  await page.getByTestId('language').selectOption('zh');
  await status.filter({ hasText: /^两次输入的口令不一致/ }).waitFor();
  await page.getByTestId('language').selectOption('en');

  await vault(page, 'save', PASSPHRASE, /^Saved, encrypted\.$/);
  assert.ok(await stored(page));
  // With a store, the passphrase must open it (checked there): no second field.
  assert.equal(await page.getByTestId('vault-passphrase-again').count(), 0);
  await page.reload();
  await vault(page, 'unlock', PASSPHRASE, /^Unlocked\.$/);
  assert.deepEqual(errors, []);
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
