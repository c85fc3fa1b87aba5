// `make run` as a newcomer uses it: it prints the URL, serves the app, and Ctrl-C stops it cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ROOT, freePort, waitForLine } from './harness.mjs';

test('make run serves the app on PORT and stops on Ctrl-C', async () => {
  const port = await freePort();
  // A process group of its own, like a terminal's foreground job, so SIGINT reaches make and the proxy.
  const run = spawn('make', ['--no-print-directory', 'run'], {
    cwd: ROOT, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  run.stdout.on('data', (c) => { out += c; });
  try {
    const m = await waitForLine(run.stdout, /running at (http:\/\/127\.0\.0\.1:(\d+))\//, 300000);
    assert.equal(Number(m[2]), port);
    const res = await fetch(`${m[1]}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /_bg\.wasm/);
  } finally {
    process.kill(-run.pid, 'SIGINT');
  }
  await once(run, 'exit');
  assert.match(out, /console-proxy: stopped/, 'the proxy shut down gracefully');
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'nothing listens after Ctrl-C');
});
