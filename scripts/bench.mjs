// Benchmarks for upgrade-console next to its peers: figures only, no thresholds. Run through `make bench`.
// Rows (each also written to target/bench.json, so runs can be compared between commits):
//  1. first-load transfer: every resource the page loads, fetched again with Accept-Encoding gzip (and br)
//     from the real server, for the console (dist/) and for Swagger UI (scripts/bench_swagger.mjs), and the
//     framework's own floor (scripts/bench_floor.sh); the split chunks' sizes (fetched on first use);
//  2. navigation -> form interactive, median of 20 cold runs in headless Chromium, for both (and for the
//     framework's floor), the sites taking turns run by run;
//  3. keystroke -> inline validation message in the DOM (the app's `field-input` mark to a MutationObserver
//     on the message element), median and p95 over 100 keystrokes that alternate valid and invalid;
//  4. signing throughput per scheme, native and in the browser;
//  5. proxy throughput and added latency next to nginx proxy_pass (scripts/bench_proxy.mjs);
//  6. a 1000-instance batch, only from target/bench-batch.json when its own benchmark wrote one.
import { existsSync, writeFileSync, readFileSync, readdirSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, startProxy, launchBrowser } from '../tests/e2e/harness.mjs';
import { benchProxy } from './bench_proxy.mjs';
import { median, pct } from './stats.mjs';
import {
  OPERATION, SWAGGER_DIR, openapiText, prepareSwagger, serveStatic, swaggerOperationHash, transferSize, kindOf,
} from './bench_swagger.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 100);
const BUDGET_GZIP = 200 * 1000;

const rows = [];
const row = (group, name, value, unit, extra = {}) => { rows.push({ group, name, value, unit, ...extra }); };
const r1 = (x) => Number(x.toFixed(1)); const r2 = (x) => Number(x.toFixed(2));

/** Resolves when `selector` is in the DOM: performance.now() (ms since navigation start) of that moment. */
function watchForm(page, selector) {
  return page.addInitScript((sel) => {
    const check = () => {
      if (window.__formAt === undefined && document.querySelector(sel)) { window.__formAt = performance.now(); obs.disconnect(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
  }, selector);
}

/** Loads `url` once in a fresh context (cold cache); returns { formAt, mark, resources }. */
async function coldLoad(browser, url, selector, mark) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const resources = [];
  page.on('response', (res) => { if (res.status() === 200) resources.push(res.url()); });
  await watchForm(page, selector);
  await page.goto(url);
  await page.locator(selector).first().waitFor();
  await page.waitForFunction(() => window.__formAt !== undefined);
  const out = await page.evaluate((m) => ({
    formAt: window.__formAt,
    mark: m ? performance.getEntriesByName(m)[0]?.startTime ?? NaN : NaN,
  }), mark);
  await ctx.close();
  return { ...out, resources };
}

/** Transfer rows of one site, from the resources its first load fetched. */
async function transferRows(site, urls) {
  const seen = [...new Set(urls)];
  const total = {};
  for (const enc of ['gzip', 'br']) {
    const by = {};
    for (const u of seen) {
      const t = await transferSize(u, enc);
      if (t.status !== 200) continue;
      const kind = kindOf(u, t.type);
      by[kind] = (by[kind] ?? 0) + t.bytes;
    }
    for (const [kind, n] of Object.entries(by).sort()) row('first-load transfer', `${site}: ${kind} (${enc})`, n, 'bytes');
    total[enc] = (by.wasm ?? 0) + (by.js ?? 0) + (by.css ?? 0);
    row('first-load transfer', `${site}: wasm+js+css (${enc})`, total[enc], 'bytes',
      enc === 'gzip' && site === 'upgrade-console' ? { target: `<= ${BUDGET_GZIP} bytes` } : {});
    const all = Object.values(by).reduce((a, b) => a + b, 0);
    row('first-load transfer', `${site}: everything (${enc})`, all, 'bytes');
  }
  return total;
}

// 0. Raw sizes of dist/ (what wasm-opt produced; the wire figures follow), and the split chunks (src/lazy.rs),
// which the first load does not fetch: their gzip sizes (the .gz files the server sends) say what each
// page adds on its first visit.
for (const [kind, re] of Object.entries({ 'wasm, main module': /_bg\.wasm$/, 'wasm, split chunks': /^(split|chunk)_.*\.wasm$/, js: /\.js$/, css: /\.css$/ })) {
  const raw = readdirSync(DIST).filter((n) => re.test(n)).reduce((a, f) => a + readFileSync(path.join(DIST, f)).length, 0);
  row('bundle (uncompressed)', `${kind} raw`, raw, 'bytes');
}
for (const f of readdirSync(DIST).filter((n) => /^(split|chunk)_.*\.wasm$/.test(n)).sort()) {
  const gz = path.join(DIST, `${f}.gz`);
  const name = f.replace(/-[0-9a-f]{16}\.wasm$/, '');
  row('split chunks (fetched on first use, gzip)', name, existsSync(gz) ? statSync(gz).size : NaN, 'bytes');
}

// The framework's floor: examples/leptos_floor.rs (a router, one input, one memo) with the same build options.
try {
  const out = execFileSync('bash', ['scripts/bench_floor.sh'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const bytes = Number(out.match(/^floor wasm\+js (\d+)$/m)?.[1] ?? NaN);
  row('first-load transfer', 'Leptos floor (examples/leptos_floor.rs: router, one validated input; same options): wasm+js (gzip)', bytes, 'bytes');
} catch (e) {
  console.error(`framework floor unavailable: ${e.message.split('\n')[0]}`);
}

const openapi = openapiText();
prepareSwagger(openapi);
const ours = await startProxy();
const swagger = await serveStatic(SWAGGER_DIR);
// The framework's floor as a site (scripts/bench_floor.sh wrote it), served the same way.
const FLOOR = 'Leptos floor (examples/leptos_floor.rs)';
const floorDir = path.join(ROOT, 'target/floor/site');
const floor = existsSync(path.join(floorDir, 'index.html')) ? await serveStatic(floorDir) : null;
const browser = await launchBrowser();
try {
  // 1 + 2. Cold loads of the same operation's form on both sides.
  const sites = [
    ['upgrade-console', `${ours.url}/op/${OPERATION.id}`, `[data-testid="input-${OPERATION.param}"]`, 'app-interactive'],
    ['Swagger UI 5 (stock dist, tryItOutEnabled)', `${swagger.url}/${swaggerOperationHash(openapi)}`,
      `.opblock.is-open input[placeholder="${OPERATION.param}"]`, null],
    ...(floor ? [[FLOOR, `${floor.url}/`, '#id', null]] : []),
  ];
  // The sites take turns, run by run, so a change in the machine's load (two shared cores) hits them alike.
  const load = Object.fromEntries(sites.map(([site]) => [site, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [site, url, selector, mark] of sites) load[site].push(await coldLoad(browser, url, selector, mark));
  }
  for (const [site] of sites) if (site !== FLOOR) await transferRows(site, load[site][0].resources);
  for (const [site, runs] of Object.entries(load)) {
    const t = runs.map((r) => r.formAt);
    const what = site === FLOOR ? 'its input' : `${OPERATION.id} form`;
    row('load (headless Chromium, cold)', `${site}: navigation -> ${what} interactive, median of ${RUNS}`, r1(median(t)), 'ms');
    row('load (headless Chromium, cold)', `${site}: same, p95`, r1(pct(t, 95)), 'ms');
    const marks = runs.map((r) => r.mark).filter(Number.isFinite);
    if (marks.length) row('load (headless Chromium, cold)', `${site}: navigation -> app-interactive mark, median of ${RUNS}`, r1(median(marks)), 'ms');
  }

  // 3. Keystroke -> inline message. The field is touched first (messages show once a field was left),
  // then each key flips validity: '!' makes the id invalid (message appears), Backspace valid (it goes).
  {
    const page = await browser.newPage();
    await page.goto(`${ours.url}/op/${OPERATION.id}`);
    const input = page.getByTestId(`input-${OPERATION.param}`);
    await input.fill('dds-bp1a2b3c4d5e6f');
    await input.blur();
    await input.focus();
    await page.evaluate((param) => {
      window.__ks = [];
      const target = document.getElementById(`field-${param}-message`);
      new MutationObserver(() => {
        const start = performance.getEntriesByName('field-input').at(-1)?.startTime;
        if (start !== undefined) window.__ks.push(performance.now() - start);
      }).observe(target, { childList: true, subtree: true, characterData: true });
    }, OPERATION.param);
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(i % 2 === 0 ? '!' : 'Backspace');
      await page.waitForFunction((n) => window.__ks.length >= n, i + 1);
    }
    const ks = await page.evaluate(() => window.__ks);
    const shown = await page.getByTestId(`error-${OPERATION.param}`).count();
    if (shown !== 0) throw new Error('keystroke bench: the field should end valid');
    row('keystroke -> inline message (upgrade-console)', `median of ${ks.length} keystrokes (valid/invalid alternating)`, r2(median(ks)), 'ms');
    row('keystroke -> inline message (upgrade-console)', 'p95', r2(pct(ks, 95)), 'ms', { target: '< 16.7 ms (one frame at 60 Hz; proposed)' });
    row('keystroke -> inline message (upgrade-console)', 'max', r2(Math.max(...ks)), 'ms');
    row('keystroke -> inline message (Swagger UI)', 'not applicable: Swagger UI checks parameters only on Execute', 'n/a', '');
    await page.close();
  }
} finally {
  await browser.close();
  await swagger.stop();
  await floor?.stop();
  await ours.stop();
}

// 4. Signing throughput, native (the core's example prints one line per scheme).
try {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'console-core', '--example', 'sign_bench'], { cwd: ROOT, encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const m = line.match(/^sign\s+(\S+)\s+(\S+)\s+(\d+)\s+signatures\/s/);
    if (m) row('signing', `${m[1]} (${m[2]})`, Number(m[3]), 'signatures/s');
  }
} catch (e) {
  console.error(`signing benchmark unavailable: ${e.message.split('\n')[0]}`);
}

// Signing throughput in headless Chromium (the same fixtures, release wasm, run by wasm-bindgen-test).
try {
  const out = execFileSync('bash', ['-c', 'source scripts/env.sh && wasm_env cargo test --release '
    + '--target wasm32-unknown-unknown -p console-core --test wasm_sign_bench -- --nocapture'],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  for (const line of out.split('\n')) {
    const m = line.match(/sign\s+(\S+)\s+browser\s+(\d+)\s+signatures\/s/);
    if (m) row('signing', `${m[1]} (browser)`, Number(m[2]), 'signatures/s');
  }
} catch (e) {
  console.error(`browser signing benchmark unavailable: ${e.message.split('\n')[0]}`);
}

// 5. Proxy overhead next to nginx.
await benchProxy(row);

// 6. The 1000-instance batch: its own benchmark writes target/bench-batch.json; nothing is estimated here.
{
  const file = path.join(ROOT, 'target/bench-batch.json');
  const group = 'batch (1000 instances)';
  let batch = null;
  if (existsSync(file)) {
    try { batch = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { console.error(`${file}: ${e.message}`); }
  }
  // scripts/bench_batch.mjs writes flat numbers whose name ends in their unit (`run_s`, `peak_js_heap_mb`).
  const unitOf = (k) => (k === 'rate_per_s' ? 'req/s' : k.endsWith('_ms') ? 'ms' : k.endsWith('_mb') ? 'MB' : k.endsWith('_s') ? 's' : '');
  const list = Array.isArray(batch?.rows) ? batch.rows
    : batch && typeof batch === 'object' ? Object.entries(batch).filter(([, v]) => typeof v === 'number' || typeof v === 'boolean')
      .map(([name, value]) => ({ name, value, unit: unitOf(name) }))
      : [];
  if (list.length) {
    const when = statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ');
    for (const r of list) row(`${group}, from target/bench-batch.json of ${when} UTC`, String(r.name), r.value, r.unit ?? '');
  } else {
    row(group, 'not measured (no target/bench-batch.json; node scripts/bench_batch.mjs writes it)', 'not measured', '');
  }
}

// Print and save.
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'cpu').trim();
const nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
const machine = `${nproc} CPUs (nproc), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
console.log(`upgrade-console benchmarks (${date}; ${machine})`);
console.log('| group | figure | value | unit | target |\n|---|---|---:|---|---|');
for (const r of rows) console.log(`| ${r.group} | ${r.name} | ${r.value} | ${r.unit} | ${r.target ?? ''} |`);

// The same figures side by side with the peers (README, "Figures").
const get = (group, name) => rows.find((r) => r.group.startsWith(group) && r.name === name);
const fmt = (r) => (r === undefined ? 'not measured' : typeof r.value === 'number' ? `${r.value.toLocaleString('en-US')} ${r.unit}`.trim() : String(r.value));
const SW = 'Swagger UI 5 (stock dist, tryItOutEnabled)';
const FL = 'first-load transfer'; const LD = 'load (headless Chromium, cold)'; const PX = 'proxy (wrk';
const batchRows = rows.filter((r) => r.group.startsWith('batch'));
const ourRps = get(PX, 'throughput, console-proxy (upstream: nginx)') ?? get(PX, 'throughput, console-proxy (upstream: node)');
const summary = [
  ['first-load transfer, wasm+js+css, gzip', get(FL, 'upgrade-console: wasm+js+css (gzip)'), get(FL, `${SW}: wasm+js+css (gzip)`), undefined, `<= ${BUDGET_GZIP.toLocaleString('en-US')} bytes`],
  ['the framework alone (Leptos 0.8 router + one validated input, same options), wasm+js, gzip', get(FL, 'Leptos floor (examples/leptos_floor.rs: router, one validated input; same options): wasm+js (gzip)'), undefined, undefined, ''],
  ['first-load transfer, wasm+js+css, brotli', get(FL, 'upgrade-console: wasm+js+css (br)'), get(FL, `${SW}: wasm+js+css (br)`), undefined, ''],
  ['first-load transfer, everything (html, spec, ...), gzip', get(FL, 'upgrade-console: everything (gzip)'), get(FL, `${SW}: everything (gzip)`), undefined, ''],
  [`navigation -> ${OPERATION.id} form interactive, median of ${RUNS} cold loads`, get(LD, `upgrade-console: navigation -> ${OPERATION.id} form interactive, median of ${RUNS}`), get(LD, `${SW}: navigation -> ${OPERATION.id} form interactive, median of ${RUNS}`), undefined, ''],
  ['same, p95', get(LD, 'upgrade-console: same, p95'), get(LD, `${SW}: same, p95`), undefined, ''],
  [`the framework alone: navigation -> its input, median of ${RUNS}`, get(LD, `${FLOOR}: navigation -> its input interactive, median of ${RUNS}`), undefined, undefined, ''],
  [`keystroke -> inline message, median of ${KEYSTROKES}`, get('keystroke -> inline message (upgrade-console)', `median of ${KEYSTROKES} keystrokes (valid/invalid alternating)`), { value: 'n/a (checks on Execute)' }, undefined, ''],
  ['keystroke -> inline message, p95', get('keystroke -> inline message (upgrade-console)', 'p95'), { value: 'n/a' }, undefined, '< 16.7 ms (proposed)'],
  ['proxy throughput (loopback, nginx upstream; nginx: 1 worker, its default)', ourRps, undefined, get(PX, 'throughput, nginx proxy_pass (upstream: nginx)'), '>= nginx'],
  ['proxy throughput, nginx with one worker per CPU (like for like with the proxy\'s loops), access log off', ourRps, undefined, rows.find((r) => r.group.startsWith(PX) && /^throughput, nginx proxy_pass, \d+ workers \(/.test(r.name)), '>= nginx'],
  ['rounds in which the proxy did at least that nginx (paired, round by round)', rows.find((r) => r.group.startsWith(PX) && /^rounds in which console-proxy did at least nginx proxy_pass, \d+ workers$/.test(r.name)), undefined, undefined, ''],
  ['proxy throughput, nginx with one worker per CPU and its default access log (both write a line per request)', ourRps, undefined, rows.find((r) => r.group.startsWith(PX) && /^throughput, nginx proxy_pass, \d+ workers, access log on/.test(r.name)), '>= nginx'],
  ['proxy CPU per forwarded request, its own processes (nginx: one worker per CPU, access log off)', get(PX, 'CPU per request, console-proxy (its own processes)'), undefined, rows.find((r) => r.group.startsWith(PX) && /^CPU per request, nginx proxy_pass, \d+ workers \(its own/.test(r.name)), ''],
  ['proxy added latency p50', get(PX, 'added latency p50, console-proxy minus direct'), undefined, get(PX, 'added latency p50, nginx proxy_pass minus direct'), ''],
  ['proxy added latency p99', get(PX, 'added latency p99, console-proxy minus direct'), undefined, get(PX, 'added latency p99, nginx proxy_pass minus direct'), ''],
  ['proxy latency p50 (absolute; direct: see full table)', get(PX, 'latency p50, console-proxy'), undefined, get(PX, 'latency p50, nginx proxy_pass'), ''],
  ['proxy latency p99 (absolute)', get(PX, 'latency p99, console-proxy'), undefined, get(PX, 'latency p99, nginx proxy_pass'), ''],
  ...['rpc-v1', 'v3-rpc', 'v3-roa', 'huawei'].map((s) => [`signing ${s}, in the browser`, get('signing', `${s} (browser)`), { value: 'n/a (no vendor signing)' }, undefined, '']),
  ...(batchRows.length && batchRows[0].value !== 'not measured'
    ? batchRows.map((r) => [`${r.group.replace('batch (1000 instances), from ', '1000-instance batch (')}): ${r.name}`, r, { value: 'n/a (no batch)' }, undefined, ''])
    : [['1000-instance batch', { value: 'not measured' }, { value: 'n/a (no batch)' }, undefined, '']]),
];
console.log(`\nNext to the peers (${date}; ${machine})`);
console.log('| figure | upgrade-console | Swagger UI | nginx | target |\n|---|---:|---:|---:|---|');
for (const [name, ours, swagger, nginx, target] of summary) {
  console.log(`| ${name} | ${fmt(ours)} | ${swagger === undefined ? '' : fmt(swagger)} | ${nginx === undefined ? '' : fmt(nginx)} | ${target} |`);
}
mkdirSync(path.join(ROOT, 'target'), { recursive: true });
writeFileSync(path.join(ROOT, 'target/bench.json'), JSON.stringify({ date, machine, nproc, cpu, rows,
  summary: summary.map(([figure, o, sw, ng, target]) => ({ figure, ours: o?.value ?? null, swagger_ui: sw?.value ?? null, nginx: ng?.value ?? null, unit: o?.unit ?? ng?.unit ?? '', target })) }, null, 2));
console.log('written: target/bench.json');
