// Content-Security-Policy (reliability/security suite): the proxy and deploy/nginx.conf serve the app
// with a policy that has no inline script, no 'unsafe-eval' ('wasm-unsafe-eval' only), object-src 'none',
// base-uri 'self', style-src 'self' and a configurable frame-ancestors; the app runs under it without a
// single violation (every page, a sandbox operation), and what the policy is for actually happens:
// injected inline script, eval, inline handlers and style attributes are refused, and only listed
// portals may frame the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, freePort, startProxy, launchBrowser } from './harness.mjs';
import { OpPage } from './pages/op_page.mjs';

let proxy; let browser; let portalOk; let portalOther;

/** A page on another loopback origin that frames `src`. */
async function portal(src) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>portal</title><iframe id="console" src="${src}" width="900" height="600"></iframe>`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

before(async () => {
  browser = await launchBrowser();
  // Two portals: one listed in --frame-ancestors, one not.
  portalOk = await portal('about:blank');
  portalOther = await portal('about:blank');
  proxy = await startProxy(['--frame-ancestors', `'self' ${portalOk.url}`]);
  for (const p of [portalOk, portalOther]) {
    p.server.removeAllListeners('request');
    p.server.on('request', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>portal</title><iframe id="console" src="${proxy.url}/settings" width="900" height="600"></iframe>`);
    });
  }
});
after(async () => {
  await browser?.close();
  await proxy?.stop();
  for (const p of [portalOk, portalOther]) p?.server.close();
});

/** `name value` pairs of a policy. */
function directives(policy) {
  return Object.fromEntries(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...rest] = d.split(/\s+/);
    return [name, rest.join(' ')];
  }));
}

/** Checks the parts of the policy every deployment must have. */
function assertStrict(policy, where) {
  const d = directives(policy);
  assert.equal(d['default-src'], "'none'", where);
  assert.equal(d['script-src'], "'self' 'wasm-unsafe-eval'", where);
  assert.equal(d['style-src'], "'self'", where);
  assert.equal(d['object-src'], "'none'", where);
  assert.equal(d['base-uri'], "'self'", where);
  assert.ok(d['connect-src']?.startsWith("'self'"), where);
  assert.ok(d['frame-ancestors'], where);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|'unsafe-hashes'|\bdata:|\*/, where);
  return d;
}

/**
 * Records CSP violations (the DOM event, from before the first script runs) and console lines that
 * mention the policy. Playwright's init scripts and evaluate() run outside the page's CSP.
 */
async function watchCsp(page) {
  const consoleLines = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) consoleLines.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
    });
  });
  return {
    consoleLines,
    events: () => page.evaluate(() => window.__csp.slice()),
  };
}

test('the proxy sends the policy with the app, its assets and deep links; the page has no inline script', async () => {
  const assets = readdirSync(DIST).filter((f) => /\.(js|css|wasm)$/.test(f));
  for (const p of ['/', '/settings', '/op/redis-major-upgrade?InstanceId=r-1', ...assets.map((a) => `/${a}`)]) {
    const res = await fetch(`${proxy.url}${p}`);
    assert.equal(res.status, 200, p);
    const d = assertStrict(res.headers.get('content-security-policy') ?? '', p);
    assert.equal(d['frame-ancestors'], `'self' ${portalOk.url}`, p);
    assert.equal(d['connect-src'], "'self'", `${p}: the page only calls the proxy that served it`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
    await res.arrayBuffer();
  }
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1, 'the bootstrap is still there');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc="\.\/boot-[0-9a-f]{16}\.js"/, 'bootstrap is an external, hashed file');
    assert.match(attrs, /\bintegrity="sha384-/);
    assert.equal(body.trim(), '', 'no inline code');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=|\sstyle\s*=|javascript:/i, 'no inline handlers or styles');
});

test('every page and a sandbox operation run without a single CSP violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${proxy.url}/`);
  await page.getByTestId('nav').waitFor();
  const links = await page.getByTestId('nav').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')));
  assert.ok(links.length >= 6, `nav links: ${links}`);
  for (const id of links) {
    // In-app navigation, then a direct load of the same URL.
    await page.getByTestId(id).click();
    await page.waitForFunction(() => document.querySelector('[data-testid^="pane-"]'));
    const url = page.url();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('[data-testid^="pane-"]'));
  }
  // A sandbox operation: demo credentials, live pre-flight, an Elasticsearch dry run.
  const op = new OpPage(page, proxy.url, 'es-version-upgrade');
  await op.goto();
  await op.useDemo();
  await op.fill('InstanceId', 'es-cn-sandbox0001');
  await op.fill('version', '7.10');
  await op.waitFact('health', /^green$/);
  await op.preview();
  await op.id('send').click();
  const r = await op.result();
  assert.equal(r.kind, 'ok', r.text);
  await op.id('dryrun-checklist').waitFor();
  // The settings page too, with its WebCrypto vault.
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('vault-passphrase').fill('a passphrase for the CSP test');
  await page.getByTestId('vault-passphrase-again').fill('a passphrase for the CSP test');
  await page.getByTestId('vault-save').click();
  await page.getByTestId('vault-status').filter({ hasText: 'Saved' }).waitFor();
  assert.deepEqual(await csp.events(), [], 'securitypolicyviolation events');
  assert.deepEqual(csp.consoleLines, [], 'CSP console errors');
  assert.deepEqual(errors, []);
  await context.close();
});

test('injected inline script, eval, inline handlers and style attributes are refused', async () => {
  const page = await browser.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${proxy.url}/settings`);
  await page.getByTestId('pane-settings').waitFor();
  const outcome = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = "inline script ran"';
    document.head.appendChild(s);
    const h = document.createElement('button');
    h.setAttribute('onclick', 'window.__injected = "handler ran"');
    document.body.appendChild(h);
    h.click();
    const styled = document.createElement('div');
    styled.setAttribute('style', 'width: 123px');
    document.body.appendChild(styled);
    const st = document.createElement('style');
    st.textContent = '#pane-settings-marker { color: red }';
    document.head.appendChild(st);
    // String-to-code from the page's own timers (code evaluated by the test harness itself is exempt
    // from CSP, so eval() is exercised the way an injected string would reach it).
    setTimeout('window.__injected = "string timer ran"', 0);
    setInterval('window.__injected = "string interval ran"', 10);
    await new Promise((r) => setTimeout(r, 200));
    return {
      injected: window.__injected ?? null,
      width: getComputedStyle(styled).width,
      styleRules: st.sheet ? st.sheet.cssRules.length : null,
    };
  });
  assert.equal(outcome.injected, null, 'no injected code ran');
  assert.notEqual(outcome.width, '123px', 'style attribute ignored');
  const events = await csp.events();
  const directivesHit = new Set(events.map((e) => e.directive));
  for (const d of ['script-src-elem', 'script-src-attr', 'style-src-attr', 'style-src-elem', 'script-src']) {
    assert.ok(directivesHit.has(d), `${d} violation reported: ${JSON.stringify(events)}`);
  }
  assert.ok(events.some((e) => e.blocked === 'inline' && e.directive === 'script-src-elem'));
  assert.ok(events.some((e) => e.blocked === 'eval'), 'string timers are refused as eval');
  await page.close();
});

test('only the portals listed with --frame-ancestors can frame the console', async () => {
  const page = await browser.newPage();
  const frameOf = async (portalUrl) => {
    await page.goto(portalUrl);
    const handle = await page.locator('#console').elementHandle();
    const frame = await handle.contentFrame();
    await frame.waitForLoadState('load').catch(() => {});
    return frame;
  };
  const ok = await frameOf(portalOk.url);
  await ok.getByTestId('pane-settings').waitFor();
  const blocked = await frameOf(portalOther.url);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await blocked.getByTestId('pane-settings').count(), 0, 'an unlisted portal gets no console');
  assert.notEqual(blocked.url(), `${proxy.url}/settings`, `blocked frame URL: ${blocked.url()}`);
  await page.close();
});

test('forwarded replies opened as a page are inert', async () => {
  // A cloud reply (here the sandbox's) navigated to directly must not run as the console's origin.
  const info = await (await fetch(`${proxy.url}/api/runtime`)).json();
  const target = `${proxy.url}/proxy/${info.sandbox.origin.replace('://', '/')}/_sandbox/state`;
  const res = await fetch(target);
  assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; sandbox; frame-ancestors 'none'");
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const page = await browser.newPage();
  await page.goto(target);
  const origin = await page.evaluate(() => window.origin);
  assert.equal(origin, 'null', 'sandboxed into an opaque origin');
  await page.close();
});

test('deploy/nginx.conf sends the same policy, and the app runs under it', async () => {
  const prefix = mkdtempSync(path.join(tmpdir(), 'uc-csp-nginx-'));
  mkdirSync(path.join(prefix, 'logs'));
  const port = await freePort();
  const site = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('root /var/www/upgrade-console;', `root ${DIST};`);
  writeFileSync(path.join(prefix, 'nginx.conf'), `
daemon off; master_process off; worker_processes 1; user root;
error_log ${prefix}/logs/error.log; pid ${prefix}/nginx.pid;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${site}
}`);
  const nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100; i++) {
      try { await fetch(`${base}/`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
    }
    const fromProxy = directives((await fetch(`${proxy.url}/`)).headers.get('content-security-policy'));
    const wasm = readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
    for (const p of ['/', '/op/redis-major-upgrade', `/${wasm}`]) {
      const res = await fetch(`${base}${p}`);
      const d = assertStrict(res.headers.get('content-security-policy') ?? '', `nginx ${p}`);
      for (const k of Object.keys(fromProxy)) {
        if (k === 'connect-src' || k === 'frame-ancestors') continue;
        assert.equal(d[k], fromProxy[k], `nginx ${p}: ${k} as the proxy sends it`);
      }
      assert.equal(d['connect-src'], "'self' https://dbproxy.example.com", 'the example proxy origin to replace');
      assert.equal(d['frame-ancestors'], "'self'");
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.arrayBuffer();
    }
    const page = await browser.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}/op/dds-kernel-upgrade`);
    await page.getByTestId('pane-op-dds-kernel-upgrade').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('pane-settings').waitFor();
    assert.deepEqual(await csp.events(), []);
    assert.deepEqual(csp.consoleLines, []);
    await page.close();
  } finally {
    if (nginx.exitCode === null) { nginx.kill('SIGQUIT'); await once(nginx, 'exit'); }
    rmSync(prefix, { recursive: true, force: true });
  }
});
