// Secret leakage (reliability/security suite): one full session with known secrets, then every place a
// secret could end up is searched for them.
//
// Secrets: the sandbox's demo AccessKey secret and Huawei SK (from /api/runtime), the IAM password, the
// IAM token it buys, and the vault passphrase. Session: both clouds' keys typed into Settings, IAM
// password login, the encrypted "remember" store saved, reloaded and unlocked, a Redis major upgrade
// through the sandbox (confirmed, followed to the end), a TaurusDB pre-flight with the IAM token.
// Searched: localStorage, sessionStorage, every IndexedDB database and store, cookies, Cache Storage,
// every URL and header the page requested and every body except the IAM login's own, every URL the tab
// showed, the proxy's stdout/stderr, its audit log file, the sandbox's state file and /_sandbox/audit.
// Each secret is looked for as typed, percent-encoded, JSON-escaped and base64. The vault entry must
// exist and must not hold a secret in any of those forms either. Controls: a planted string is found in
// each place (so an empty or unread place cannot pass), and the IAM password is found in the one body
// that must carry it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, sandboxOrigin, audit } from './pages/op_page.mjs';

const PASSPHRASE = 'Passphrase for the leak test: 7 blue herons';
const CANARY = 'canary-4f1e2d3c-planted';
const VAULT_KEY = 'upgrade-console.vault.v1';

let proxy; let browser; let origin; let dir; let creds;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'uc-secrets-'));
  proxy = await startProxy([
    '--audit-log', path.join(dir, 'audit.jsonl'),
    '--sandbox-state', path.join(dir, 'sandbox-state.json'),
    '--sandbox-step-seconds', '1',
  ]);
  browser = await launchBrowser();
  origin = await sandboxOrigin(proxy.url);
  creds = (await (await fetch(`${proxy.url}/api/runtime`)).json()).sandbox.credentials;
});
after(async () => {
  await browser?.close(); await proxy?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The spellings a secret could take on its way somewhere. */
function spellings(secret) {
  return [...new Set([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ])];
}

/** Places (name → text) that contain any spelling of `secret`. */
function findIn(places, secret) {
  const forms = spellings(secret);
  return Object.entries(places).filter(([, text]) => forms.some((f) => text.includes(f))).map(([name]) => name);
}

/** Everything the page stored: Web Storage, every IndexedDB database/store/record, cookies, caches. */
function dumpStorage(page) {
  return page.evaluate(async () => {
    const enc = (v) => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer ?? v, v.byteOffset ?? 0, v.byteLength);
        return { bytes: btoa(String.fromCharCode(...bytes)), text: new TextDecoder().decode(bytes) };
      }
      if (v instanceof Blob) return { blob: v.size };
      if (Array.isArray(v)) return v.map(enc);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
      return v;
    };
    const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const idb = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      idb[name] = {};
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([
          request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll()),
        ]);
        idb[name][store] = keys.map((k, i) => [enc(k), enc(values[i])]);
      }
      db.close();
    }
    const caches_ = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      caches_[name] = await Promise.all((await c.keys()).map(async (r) => [r.url, await (await c.match(r)).text()]));
    }
    return {
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      indexedDB: JSON.stringify(idb),
      cookies: document.cookie,
      caches: JSON.stringify(caches_),
      vault: localStorage.getItem('upgrade-console.vault.v1'),
    };
  });
}

/** Plants the control string everywhere the page can write, so the dump is proven to read those places. */
function plant(page) {
  return page.evaluate(async (canary) => {
    localStorage.setItem('leak-test-canary', canary);
    sessionStorage.setItem('leak-test-canary', canary);
    document.cookie = `leak_test=${canary}; path=/`;
    await new Promise((ok, fail) => {
      const r = indexedDB.open('leak-test-canary', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => {
        const tx = r.result.transaction('s', 'readwrite');
        tx.objectStore('s').put({ note: canary }, 'k');
        tx.oncomplete = () => { r.result.close(); ok(); };
        tx.onerror = () => fail(tx.error);
      };
      r.onerror = () => fail(r.error);
    });
    const c = await caches.open('leak-test-canary');
    await c.put(new Request(`/leak-test/${canary}`), new Response(canary));
  }, CANARY);
}

test('a full session leaves no secret in storage, URLs, requests, logs or audits', async () => {
  const secrets = {
    'AccessKey secret': creds.alibaba_access_key_secret,
    'Huawei SK': creds.huawei_secret_key,
    'IAM password': creds.iam_password,
    passphrase: PASSPHRASE,
  };
  for (const [name, s] of Object.entries(secrets)) assert.ok(typeof s === 'string' && s.length >= 8, `${name} known`);

  const context = await browser.newContext();
  const requests = [];
  const shown = new Set();
  let iamToken = null;
  context.on('request', (r) => requests.push({
    url: r.url(), headerMap: r.headers(), headers: JSON.stringify(r.headers()),
    body: r.postDataBuffer()?.toString('latin1') ?? '',
  }));
  context.on('response', async (r) => {
    const t = r.headers()['x-subject-token'];
    if (t) iamToken = t;
  });
  const page = await context.newPage();
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) shown.add(f.url()); });

  // Both clouds' credentials typed in (the sandbox's demo keys); IAM password login.
  await page.goto(`${proxy.url}/settings`);
  for (const [cloud, id, secret] of [
    ['alibaba', creds.alibaba_access_key_id, creds.alibaba_access_key_secret],
    ['huawei', creds.huawei_access_key, creds.huawei_secret_key],
  ]) {
    await page.getByTestId(`creds-${cloud}-key-id`).fill(id);
    await page.getByTestId(`creds-${cloud}-secret`).fill(secret);
    await page.getByTestId(`creds-${cloud}-apply`).click();
    await page.getByTestId(`creds-${cloud}-status`).filter({ hasText: id }).waitFor();
  }
  await page.getByTestId('demo-in-use').waitFor();
  await page.getByTestId('iam-domain').fill(creds.iam_domain);
  await page.getByTestId('iam-user').fill(creds.iam_user);
  await page.getByTestId('iam-password').fill(creds.iam_password);
  await page.getByTestId('iam-get-token').click();
  await page.getByTestId('iam-token-expiry').waitFor();
  assert.ok(iamToken && iamToken.length > 16, 'the IAM token was seen');

  // Remember: save under a passphrase, reload (memory is gone), unlock.
  await page.getByTestId('vault-passphrase').fill(PASSPHRASE);
  await page.getByTestId('vault-passphrase-again').fill(PASSPHRASE);
  await page.getByTestId('vault-save').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Saved' }).waitFor();
  await page.reload();
  await page.getByTestId('creds-alibaba-status').filter({ hasText: 'Not set' }).waitFor();
  await page.getByTestId('vault-passphrase').fill(PASSPHRASE);
  await page.getByTestId('vault-unlock').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Unlocked' }).waitFor();
  // The IAM login again (the reload dropped the token too).
  await page.getByTestId('iam-domain').fill(creds.iam_domain);
  await page.getByTestId('iam-user').fill(creds.iam_user);
  await page.getByTestId('iam-password').fill(creds.iam_password);
  await page.getByTestId('iam-get-token').click();
  await page.getByTestId('iam-token-expiry').waitFor();

  // An upgrade through the sandbox, followed to the end.
  const op = new OpPage(page, proxy.url, 'redis-major-upgrade');
  await page.getByTestId('nav-op-redis-major-upgrade').click();
  await op.pane.waitFor();
  const id = 'r-bp1sandbox0001';
  await op.fill('InstanceId', id);
  await op.fill('MajorVersion', '7.0');
  await op.waitFact('currentversion', /^5\.0$/);
  await op.preview();
  await op.id('send').click();
  await op.id('confirm').waitFor();
  await op.confirm(id);
  const r = await op.result();
  assert.equal(r.kind, 'ok', r.text);
  await op.waitFact('currentversion', /^7\.0$/, 40_000);
  // A Huawei read with the IAM token.
  await page.getByTestId('nav-op-taurusdb-minor-upgrade').click();
  const taurus = new OpPage(page, proxy.url, 'taurusdb-minor-upgrade');
  await taurus.pane.waitFor();
  await taurus.fill('databases_instance_infos', '5a4db0c5000000000000000000000001in07,2.0.28.1');
  await taurus.waitFact('currentversion', /^2\.0\.28\.1$/);

  // Controls: planted everywhere the page writes, in a URL the page requests and shows, in the proxy log.
  await plant(page);
  await page.goto(`${proxy.url}/settings?note=${CANARY}`);
  await page.getByTestId('pane-settings').waitFor();
  await fetch(`${proxy.url}/proxy/https/${CANARY}.example/x`);
  // The sandbox's audit while it still runs, then stop the proxy so its buffered log is written out.
  const sandboxAudit = JSON.stringify(await audit(origin));
  await proxy.stop();

  const stored = await dumpStorage(page);
  const places = {
    localStorage: stored.localStorage,
    sessionStorage: stored.sessionStorage,
    indexedDB: stored.indexedDB,
    cookies: stored.cookies,
    caches: stored.caches,
    'request URLs': requests.map((q) => q.url).join('\n'),
    'request headers': requests.map((q) => q.headers).join('\n'),
    'URLs shown in the tab': [...shown, page.url()].join('\n'),
    'proxy stdout': proxy.logs.out,
    'proxy stderr': proxy.logs.err,
    'proxy audit log': readFileSync(path.join(dir, 'audit.jsonl'), 'utf8'),
    'sandbox state file': existsSync(path.join(dir, 'sandbox-state.json')) ? readFileSync(path.join(dir, 'sandbox-state.json'), 'utf8') : '',
    'sandbox audit': sandboxAudit,
  };

  // Controls first: every place was read and is searchable.
  const controls = {
    localStorage: CANARY, sessionStorage: CANARY, indexedDB: CANARY, cookies: CANARY, caches: CANARY,
    'request URLs': CANARY, 'request headers': creds.alibaba_access_key_id, 'URLs shown in the tab': CANARY,
    'proxy stdout': 'running at', 'proxy stderr': CANARY, 'proxy audit log': id, 'sandbox state file': id,
    'sandbox audit': id,
  };
  for (const [place, marker] of Object.entries(controls)) {
    assert.deepEqual(findIn({ [place]: places[place] }, marker), [place], `control: ${marker} is found in ${place}`);
  }

  const all = { ...secrets, 'IAM token': iamToken };
  const leaks = [];
  for (const [name, secret] of Object.entries(all)) {
    for (const place of findIn(places, secret)) {
      // The token is a bearer credential: it must travel, but only as X-Auth-Token through the proxy.
      if (name === 'IAM token' && place === 'request headers') continue;
      leaks.push(`${name} in ${place}`);
    }
  }
  const withToken = requests.filter((q) => findIn({ h: q.headers }, iamToken).length);
  assert.ok(withToken.length > 0, 'the token was used');
  for (const q of withToken) {
    assert.ok(q.url.startsWith(`${proxy.url}/proxy/`), `token sent to ${q.url.split('?')[0]}`);
    const carrying = Object.entries(q.headerMap).filter(([, v]) => findIn({ v }, iamToken).length).map(([k]) => k);
    assert.deepEqual(carrying, ['x-auth-token'], q.url.split('?')[0]);
  }
  // Bodies: only the IAM login carries the password, and nothing else carries any secret.
  const bodies = requests.filter((q) => q.body);
  const iamLogins = bodies.filter((q) => findIn({ b: q.body }, creds.iam_password).length);
  assert.equal(iamLogins.length, 2, 'the password is sent in exactly the two IAM logins');
  assert.ok(iamLogins.every((q) => /\/v3\/auth\/tokens/.test(q.url)), iamLogins.map((q) => q.url).join(' '));
  for (const q of bodies) {
    for (const [name, secret] of Object.entries(all)) {
      if (name === 'IAM password' && iamLogins.includes(q)) continue;
      if (findIn({ b: q.body }, secret).length) leaks.push(`${name} in the body of ${q.url.split('?')[0]}`);
    }
  }
  // The vault: present, and opaque.
  assert.ok(stored.vault && stored.vault.length > 64, 'the encrypted entry exists');
  for (const [name, secret] of Object.entries(all)) {
    if (findIn({ vault: stored.vault }, secret).length) leaks.push(`${name} in the vault entry`);
  }
  assert.deepEqual(leaks, []);
  await context.close();
});
