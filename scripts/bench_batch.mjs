// Fleet benchmark: a 1000-instance batch (250 per product) against the embedded sandbox, driven through
// the real page in headless Chromium: list, select, pre-flight, confirm, run to the end. Prints and writes
// target/bench-batch.json: wall times, peak JS heap, and the longest main-thread task (Long Tasks API).
// Figures only, no thresholds. `make bench` runs it; `node scripts/bench_batch.mjs [per_product]` alone.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startProxy, launchBrowser } from '../tests/e2e/harness.mjs';

const PER_PRODUCT = Number(process.argv[2] ?? 250);
const N = PER_PRODUCT * 4;
const CONCURRENCY = 16;
const RATE = 400;

const proxy = await startProxy(['--sandbox-step-seconds', '1', '--sandbox-fleet', String(PER_PRODUCT)]);
const browser = await launchBrowser();
const out = { instances: N, concurrency: CONCURRENCY, rate_per_s: RATE };
try {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  const sampler = setInterval(async () => {
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      peakHeap = Math.max(peakHeap, used);
    } catch { /* page navigating */ }
  }, 250);
  const tid = (id) => page.getByTestId(id);
  await page.goto(`${proxy.url}/fleet`);
  await tid('use-demo').click();
  let t0 = Date.now();
  await tid('fleet-list').click();
  await tid('fleet-status').filter({ hasText: 'instances listed' }).waitFor({ timeout: 600_000 });
  out.list_s = (Date.now() - t0) / 1000;
  await tid('fleet-filter').fill('fleet');
  await tid('fleet-select-all').click();
  await tid('fleet-to-plan').click();
  await tid('plan-concurrency').fill(String(CONCURRENCY));
  await tid('plan-concurrency').dispatchEvent('change');
  await tid('plan-rate').fill(String(RATE));
  await tid('plan-rate').dispatchEvent('change');
  t0 = Date.now();
  await tid('plan-preflight').click();
  await tid('fleet-status').filter({ hasText: 'can be upgraded' }).waitFor({ timeout: 900_000 });
  out.preflight_s = (Date.now() - t0) / 1000;
  await tid('plan-confirm-open').click();
  await tid('plan-confirm-count').fill(String(N));
  t0 = Date.now();
  await tid('plan-start').click();
  const summary = tid('run-summary');
  for (;;) {
    const done = Number(await summary.getAttribute('data-done').catch(() => 0));
    const failed = Number(await summary.getAttribute('data-failed').catch(() => 0));
    if (done + failed >= N) { out.failed = failed; break; }
    if (Date.now() - t0 > 1_800_000) { out.timed_out = true; break; }
    await page.waitForTimeout(500);
  }
  out.run_s = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  out.peak_js_heap_mb = Number((peakHeap / 1048576).toFixed(1));
  out.longest_task_ms = Number((await page.evaluate(() => window.__longest)).toFixed(1));
} finally {
  await browser.close();
  await proxy.stop();
}
mkdirSync(path.join(ROOT, 'target'), { recursive: true });
writeFileSync(path.join(ROOT, 'target/bench-batch.json'), JSON.stringify(out, null, 2));
console.log(`batch (${N} sandbox instances, concurrency ${CONCURRENCY}, ${RATE} req/s):`);
console.log(`  list ${out.list_s} s, pre-flight ${out.preflight_s} s, run to done ${out.run_s} s, failed ${out.failed ?? '?'}`);
console.log(`  peak JS heap ${out.peak_js_heap_mb} MB, longest main-thread task ${out.longest_task_ms} ms`);
