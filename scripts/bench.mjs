// Benchmarks for upgrade-console: figures only, no thresholds. Run through `make bench`.
// Rows: bundle sizes (raw and gzip -9) and navigation -> interactive in headless Chromium (median of 10).
// Each row is also written to target/bench.json so runs can be compared between commits.
import { readdirSync, statSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, startProxy, launchBrowser } from '../tests/e2e/harness.mjs';
import { benchProxy } from './bench_proxy.mjs';

const rows = [];
const row = (group, name, value, unit) => { rows.push({ group, name, value, unit }); };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// 1. Bundle sizes.
const kinds = { wasm: /_bg\.wasm$/, js: /\.js$/, css: /\.css$/ };
const total = { raw: 0, gzip: 0 };
for (const [kind, re] of Object.entries(kinds)) {
  let raw = 0; let gz = 0;
  for (const f of readdirSync(DIST).filter((n) => re.test(n))) {
    const buf = readFileSync(path.join(DIST, f));
    raw += buf.length; gz += gzipSync(buf, { level: 9 }).length;
  }
  row('bundle', `${kind} raw`, raw, 'bytes'); row('bundle', `${kind} gzip`, gz, 'bytes');
  total.raw += raw; total.gzip += gz;
}
row('bundle', 'total raw', total.raw, 'bytes'); row('bundle', 'total gzip', total.gzip, 'bytes');

// 2. Navigation -> app interactive (the app's own `app-interactive` performance mark), cold cache each run.
const proxy = await startProxy();
const browser = await launchBrowser();
try {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${proxy.url}/op/redis-major-upgrade`);
    await page.getByTestId('pane-op-redis-major-upgrade').waitFor();
    const t = await page.evaluate(() => performance.getEntriesByName('app-interactive')[0]?.startTime ?? NaN);
    times.push(t);
    await ctx.close();
  }
  row('load', 'navigation -> interactive, median of 10', Number(median(times).toFixed(1)), 'ms');
  row('load', 'navigation -> interactive, min', Number(Math.min(...times).toFixed(1)), 'ms');
  row('load', 'navigation -> interactive, max', Number(Math.max(...times).toFixed(1)), 'ms');
} finally {
  await browser.close();
  await proxy.stop();
}

// 3. Signing throughput, native (the core's example prints one line per scheme).
try {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'console-core', '--example', 'sign_bench'], { cwd: ROOT, encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const m = line.match(/^sign\s+(\S+)\s+(\S+)\s+(\d+)\s+signatures\/s/);
    if (m) row('signing', `${m[1]} (${m[2]})`, Number(m[3]), 'signatures/s');
  }
} catch (e) {
  console.error(`signing benchmark unavailable: ${e.message.split('\n')[0]}`);
}

// 4. Signing throughput in headless Chromium (the same fixtures, release wasm, run by wasm-bindgen-test).
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

await benchProxy(row);

// Print and save.
const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
const date = new Date().toISOString().slice(0, 10);
console.log(`upgrade-console benchmarks (${date}, ${machine})`);
console.log('| group | figure | value | unit |\n|---|---|---:|---|');
for (const r of rows) console.log(`| ${r.group} | ${r.name} | ${r.value} | ${r.unit} |`);
mkdirSync(path.join(ROOT, 'target'), { recursive: true });
writeFileSync(path.join(ROOT, 'target/bench.json'), JSON.stringify({ date, machine, rows }, null, 2));
console.log('written: target/bench.json');
