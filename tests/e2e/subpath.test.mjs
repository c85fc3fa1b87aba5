// A portal hosting the app under a subpath (only <base href> changed) with its own config.json, served
// by Debian's nginx: routes, deep links and presets (language, offered operations) must all work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, freePort, launchBrowser, watchErrors } from './harness.mjs';

const SUB = '/tools/upgrade/';
let nginx; let base; let browser; let prefix;

before(async () => {
  prefix = mkdtempSync(path.join(tmpdir(), 'uc-subpath-'));
  const site = path.join(prefix, 'www', SUB);
  mkdirSync(path.join(prefix, 'logs'));
  cpSync(DIST, site, { recursive: true });
  const index = readFileSync(path.join(site, 'index.html'), 'utf8').replace('<base href="/" />', `<base href="${SUB}" />`);
  writeFileSync(path.join(site, 'index.html'), index);
  writeFileSync(path.join(site, 'config.json'), JSON.stringify({
    lang: 'zh', operations: ['redis-major-upgrade', 'taurusdb-minor-upgrade'], regions: { alibaba: 'cn-shanghai' },
  }));
  const port = await freePort();
  writeFileSync(path.join(prefix, 'nginx.conf'), `
daemon off; master_process off; worker_processes 1; user root;
error_log ${prefix}/logs/error.log; pid ${prefix}/nginx.pid;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    location ${SUB} { try_files $uri ${SUB}index.html; }
  }
}`);
  nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${base}${SUB}`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) { nginx.kill('SIGQUIT'); await once(nginx, 'exit'); }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

test('deep link under a subpath loads, applies config.json presets and navigates within the subpath', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}${SUB}op/redis-major-upgrade`);
  await page.getByTestId('pane-op-redis-major-upgrade').waitFor();
  await page.getByTestId('lang-zh').and(page.locator('[aria-pressed="true"]')).waitFor();
  assert.equal(await page.getByTestId('nav').locator('a').count(), 4, 'two offered operations + fleet + settings');
  assert.equal(await page.getByTestId('region').inputValue(), 'cn-shanghai');
  await page.getByTestId('nav-op-taurusdb-minor-upgrade').click();
  await page.getByTestId('pane-op-taurusdb-minor-upgrade').waitFor();
  assert.equal(new URL(page.url()).pathname, `${SUB}op/taurusdb-minor-upgrade`);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('pane-settings').waitFor();
  assert.equal(new URL(page.url()).pathname, `${SUB}settings`);
  assert.deepEqual(errors.filter((e) => !/api\/runtime|404/.test(e)), []);
  await page.close();
});
