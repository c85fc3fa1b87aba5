// Proxy overhead for `make bench`: wrk against a loopback upstream directly, through console-proxy, and
// through nginx proxy_pass to the same upstream. Figures only, loopback only, every run bounded in time.
// The upstream is nginx answering a small JSON body (a Node http server when nginx is missing). The proxy
// logs at info (one line per request, as deployed); BENCH_RUST_LOG=warn measures it without that line.
// The proxy runs as deployed, one event loop per CPU (CONSOLE_WORKERS=N overrides it). nginx proxy_pass is
// measured twice: with one worker process (nginx's own default) and with one per CPU (Debian's `auto`, and
// like for like with the proxy's loops); BENCH_NGINX_WORKERS=N replaces the second count.
// BENCH_PROXY_BIN=path benchmarks another console-proxy build (say, a copy of the previous one).
// The proxy writes one access line per request; nginx with one worker per CPU is therefore measured a third
// time with its own default access log on (one line per request too), the like-for-like pair.
// Each round rotates the order of the targets (no target always follows the same one), prints its figures,
// and the rounds in which console-proxy beat each nginx are counted: a paired comparison, round by round,
// which one noisy round cannot tip the way it can tip a median.
// Besides throughput and latency it records the CPU time each process spent per request (from /proc, user
// plus system, over each wrk run): the forwarder's own, and the upstream's. On two shared cores that figure
// swings far less than req/s, and it says whose work a throughput gap is.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, freePort, waitForLine } from '../tests/e2e/harness.mjs';
import { median } from './stats.mjs';

const NGINX = '/usr/sbin/nginx';
const WRK_ARGS = ['-t2', '-c32', '-d5s', '--latency'];
const BODY = '{"RequestId":"bench-0000","Regions":{"Region":[{"RegionId":"cn-hangzhou"}]}}';
const ROUNDS = Math.max(1, Number(process.env.BENCH_PROXY_ROUNDS ?? 9) || 9);
const GROUP = `proxy (wrk -t2 -c32 -d5s, loopback, median of ${ROUNDS} alternating rounds)`;
const PROXY_BIN = process.env.BENCH_PROXY_BIN || path.join(ROOT, 'target/release/console-proxy');

function which(cmd) {
  try { return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null; } catch { return null; }
}

const CLK_TCK = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100; } catch { return 100; } })();

/** CPU time (user + system, in clock ticks) of the processes `pids`, all their threads; NaN without /proc. */
function cpuTicks(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        sum += Number(f[11]) + Number(f[12]); // utime, stime: fields 14 and 15 of stat(5)
      }
    } catch { return NaN; }
  }
  return sum;
}

/** nginx's worker processes under `master` (the master itself when it runs without one). */
function nginxWorkers(master) {
  try {
    const kids = readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids.length ? kids : [master];
  } catch { return [master]; }
}

/** Runs wrk against `url`; returns { rps, p50, p99, requests } (latencies in ms). */
function wrk(bin, url) {
  const out = execFileSync(bin, [...WRK_ARGS, url], { encoding: 'utf8', timeout: 30000 });
  const ms = (v, unit) => Number(v) * { us: 0.001, ms: 1, s: 1000 }[unit];
  const pct = (p) => { const m = out.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm')); return m ? ms(m[1], m[2]) : NaN; };
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN);
  const bad = out.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  if (bad) console.error(`bench_proxy: ${url} gave ${bad[1]} non-2xx responses`);
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? NaN);
  return { rps, p50: pct(50), p99: pct(99), requests };
}

/** wrk against `url`, plus the CPU time per request, in µs, of the processes `front` and `up`. */
function measured(bin, url, front, up) {
  const f0 = cpuTicks(front); const u0 = cpuTicks(up);
  const r = wrk(bin, url);
  const perReq = (ticks) => (ticks * 1e6) / CLK_TCK / r.requests;
  return { ...r, frontUs: perReq(cpuTicks(front) - f0), upUs: perReq(cpuTicks(up) - u0) };
}

/** Starts nginx in its own temp prefix with `server` as the http body; returns a stop function. */
async function startNginx(server, port, workers = 1, accessLog = false) {
  const prefix = mkdtempSync(path.join(tmpdir(), 'uc-bench-nginx-'));
  mkdirSync(path.join(prefix, 'logs'));
  writeFileSync(path.join(prefix, 'nginx.conf'), `
daemon off; master_process ${workers > 1 ? 'on' : 'off'}; worker_processes ${workers}; user root;
error_log ${prefix}/logs/error.log; pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log ${accessLog ? `${prefix}/logs/access.log` : 'off'};
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${server}
}`);
  const proc = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
    if (proc.exitCode !== null) throw new Error(`nginx exited (${prefix}/logs/error.log)`);
  }
  const stop = async () => {
    if (proc.exitCode === null) { proc.kill('SIGTERM'); await once(proc, 'exit'); }
    rmSync(prefix, { recursive: true, force: true });
  };
  return Object.assign(stop, { pid: proc.pid });
}

/** The upstream: nginx `return 200` when available, else a Node http server. */
async function startUpstream(port) {
  if (existsSync(NGINX)) {
    const stop = await startNginx(`server { listen 127.0.0.1:${port}; keepalive_requests 100000;
      location / { default_type application/json; return 200 '${BODY}'; } }`, port);
    return { kind: 'nginx', stop, pids: () => nginxWorkers(stop.pid) };
  }
  const srv = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(BODY); });
  srv.listen(port, '127.0.0.1');
  await once(srv, 'listening');
  return { kind: 'node', stop: async () => { srv.close(); }, pids: () => [process.pid] };
}

async function startProxy(upstreamPort) {
  const proc = spawn(PROXY_BIN, ['--dist', DIST, '--port', '0', '--allow-upstream', `http://127.0.0.1:${upstreamPort}`],
    { env: { ...process.env, RUST_LOG: process.env.BENCH_RUST_LOG ?? 'info' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const m = await waitForLine(proc.stdout, /running at (http:\/\/[\d.:]+)\//);
  return { url: m[1], pid: proc.pid, stop: async () => { if (proc.exitCode === null) { proc.kill('SIGTERM'); await once(proc, 'exit'); } } };
}

/** Records throughput and latency rows for direct, console-proxy and nginx proxy_pass. */
export async function benchProxy(row) {
  const wrkBin = which('wrk');
  if (!wrkBin) { console.error('proxy benchmark skipped: wrk is not installed (apt-get install wrk)'); return; }
  if (!existsSync(PROXY_BIN)) {
    console.error(`proxy benchmark skipped: ${PROXY_BIN} missing (make build)`); return;
  }
  const up = await freePort();
  const stops = [];
  try {
    const upstream = await startUpstream(up); stops.push(upstream.stop);
    const proxy = await startProxy(up); stops.push(proxy.stop);
    const query = '?Action=DescribeRegions&Timestamp=2024-01-01T00%3A00%3A00Z&Signature=ab%2Bc%3D';
    // [name, url, the forwarder's processes]
    const targets = [['direct', `http://127.0.0.1:${up}/bench.json${query}`, []],
      ['console-proxy', `${proxy.url}/proxy/http/127.0.0.1:${up}/bench.json${query}`, [proxy.pid]]];
    if (existsSync(NGINX)) {
      const perCpu = Math.max(1, Number(process.env.BENCH_NGINX_WORKERS ?? availableParallelism()) || 1);
      const variants = [[1, false], ...(perCpu > 1 ? [[perCpu, false]] : []), [perCpu, true]];
      for (const [workers, log] of variants) {
        const ng = await freePort();
        const ngStop = await startNginx(`upstream bench_up { server 127.0.0.1:${up}; keepalive 32; }
          server { listen 127.0.0.1:${ng};
            location /proxy/http/127.0.0.1:${up}/ { proxy_pass http://bench_up/; proxy_http_version 1.1;
              proxy_set_header Connection ""; proxy_set_header Host 127.0.0.1:${up}; proxy_buffering off; } }`, ng, workers, log);
        stops.push(ngStop);
        const name = `nginx proxy_pass${workers === 1 ? '' : `, ${workers} workers`}${log ? ', access log on' : ''}`;
        targets.push([name, `http://127.0.0.1:${ng}/proxy/http/127.0.0.1:${up}/bench.json${query}`, nginxWorkers(ngStop.pid)]);
      }
    } else {
      console.error('nginx rows skipped: nginx is not installed');
    }
    for (const [name, url] of targets) {
      const check = await fetch(url);
      if (check.status !== 200 || (await check.text()) !== BODY) throw new Error(`${name}: ${url} answered ${check.status}`);
    }
    // The targets take turns, round by round, and each figure is the median of its rounds: on two shared
    // cores one wrk run swings by ±15 %, more than the gap being measured.
    const runs = Object.fromEntries(targets.map(([name]) => [name, []]));
    const upPids = upstream.pids();
    for (let r = 0; r < ROUNDS; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const [name, url, front] of order) runs[name].push(measured(wrkBin, url, front, upPids));
      console.error(`[bench] proxy round ${r + 1}/${ROUNDS}: ${targets.map(([n]) => `${n} ${Math.round(runs[n][r].rps)}`).join(' | ')} req/s`);
    }
    const med = (rs, k) => median(rs.map((x) => x[k]));
    const res = Object.fromEntries(Object.entries(runs).map(([name, rs]) =>
      [name, { rps: med(rs, 'rps'), p50: med(rs, 'p50'), p99: med(rs, 'p99'), frontUs: med(rs, 'frontUs'), upUs: med(rs, 'upUs') }]));
    const r1 = (x) => Number(x.toFixed(1)); const r3 = (x) => Number(x.toFixed(3));
    for (const [name, r] of Object.entries(res)) row(GROUP, `throughput, ${name} (upstream: ${upstream.kind})`, r1(r.rps), 'req/s');
    for (const name of Object.keys(runs).filter((n) => n.startsWith('nginx'))) {
      const ahead = runs['console-proxy'].filter((x, i) => x.rps >= runs[name][i].rps).length;
      row(GROUP, `rounds in which console-proxy did at least ${name}`, ahead, `of ${ROUNDS}`);
    }
    for (const [name, r] of Object.entries(res)) {
      row(GROUP, `latency p50, ${name}`, r3(r.p50), 'ms');
      row(GROUP, `latency p99, ${name}`, r3(r.p99), 'ms');
    }
    const r2 = (x) => Number(x.toFixed(2));
    for (const [name, r] of Object.entries(res)) {
      if (name !== 'direct') row(GROUP, `CPU per request, ${name} (its own processes)`, r2(r.frontUs), 'µs');
      row(GROUP, `CPU per request, the upstream, fed by ${name}`, r2(r.upUs), 'µs');
    }
    for (const name of Object.keys(res).filter((n) => n !== 'direct')) {
      row(GROUP, `added latency p50, ${name} minus direct`, r3(res[name].p50 - res.direct.p50), 'ms');
      row(GROUP, `added latency p99, ${name} minus direct`, r3(res[name].p99 - res.direct.p99), 'ms');
    }
  } catch (e) {
    console.error(`proxy benchmark failed: ${e.message.split('\n')[0]}`);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}
