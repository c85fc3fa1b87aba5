// Shared helpers for the end-to-end tests: real processes on loopback, nothing mocked.
// - startProxy(): runs target/release/console-proxy on a free port, serving dist/.
// - launchBrowser(): Debian's Chromium through playwright-core, with the flags this offline machine needs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Resolves to a port that was free a moment ago (for servers that cannot bind port 0 and report it). */
export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/** Waits until `stream` prints a line matching `re`, or fails after `ms` with what was printed. */
export function waitForLine(stream, re, ms = 15000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output so far:\n${seen}`)), ms);
    stream.on('data', (chunk) => {
      seen += chunk.toString();
      const m = seen.match(re);
      if (m) { clearTimeout(timer); resolve(m); }
    });
  });
}

/** Starts the proxy on port 0 and returns { url, proc, stop, logs }. */
export async function startProxy(extraArgs = [], env = {}) {
  const proc = spawn(path.join(ROOT, 'target/release/console-proxy'), ['--dist', DIST, '--port', '0', '--sandbox', ...extraArgs], {
    env: { ...process.env, RUST_LOG: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = { out: '', err: '' };
  proc.stdout.on('data', (c) => { logs.out += c; });
  proc.stderr.on('data', (c) => { logs.err += c; });
  const m = await waitForLine(proc.stdout, /running at (http:\/\/[\d.:]+)\//);
  const stop = async () => {
    if (proc.exitCode === null) { proc.kill('SIGTERM'); await once(proc, 'exit'); }
  };
  return { url: m[1], proc, stop, logs };
}

/** Launches headless Chromium; the caller closes it. */
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Collects page errors and console errors, so a test can assert the app ran cleanly. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}
