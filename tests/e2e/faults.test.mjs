// Upstream faults (reliability/security suite): the real proxy forwards to a fake upstream on loopback
// that relays every read to the real sandbox but answers the upgrade call itself, badly: it hangs,
// resets the connection, answers bytes that are not HTTP, answers a corporate proxy's HTML 502 page,
// answers 200 with a body that is not JSON, or starts a 200 answer and stalls half-way.
//
// For each: the page shows its own message (all six differ), nothing typed in the form is lost, Send
// still works for a deliberate retry, and the fake upstream received the write exactly once (no
// automatic resend by the page, the proxy or its HTTP client) while the sandbox received none. The hang
// ends with the proxy's timeout (set to TIMEOUT_S here with --timeout) and a clear message, within a
// bounded time; so does the stall (the proxy's deadline covers the reply body too).
//
// How the console reaches the fake: the fake is admitted with the proxy's own --allow-upstream flag
// (an exact loopback origin; the proxy stays closed to anything else), and the page is told (by
// rewriting its /api/runtime answer) that the sandbox lives at the fake's origin, so it signs for that
// host and the fake can relay reads to the sandbox with their signatures intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { once } from 'node:events';
import { startProxy, launchBrowser } from './harness.mjs';
import { OpPage, audit, sandboxOrigin } from './pages/op_page.mjs';

const TIMEOUT_S = 3;
const WRITE_ACTION = 'ModifyInstanceMajorVersion';
const INSTANCE = 'r-bp1sandbox0001';
const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p>
<hr><address>CorpProxy/4.2 at gateway.corp.example Port 3128</address></body></html>`;

/**
 * The fake upstream. `mode` decides what the next write gets; reads are relayed to the sandbox with
 * the same method, raw target, headers (Host included: it is signed) and body.
 */
async function fakeUpstream() {
  const state = { mode: 'relay', writes: {}, reads: 0, held: [], relayTo: null };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = req.headers['x-acs-action'] ?? new URL(req.url, 'http://x').searchParams.get('Action');
      if (action !== WRITE_ACTION) {
        state.reads += 1;
        const target = new URL(state.relayTo);
        const up = httpRequest({
          host: target.hostname, port: target.port, method: req.method, path: req.url,
          headers: { ...req.headers, host: req.headers.host },
        }, (upRes) => {
          res.writeHead(upRes.statusCode, upRes.headers);
          upRes.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(body);
        return;
      }
      state.writes[state.mode] = (state.writes[state.mode] ?? 0) + 1;
      switch (state.mode) {
        case 'hang':
          state.held.push(req.socket);
          break;
        case 'reset':
          req.socket.resetAndDestroy();
          break;
        case 'garbage':
          req.socket.end(Buffer.from([0x00, 0xff, 0x17, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28, 0x0d, 0x0a, 0x0d, 0x0a]));
          break;
        case 'html':
          res.writeHead(502, { 'content-type': 'text/html; charset=utf-8', via: '1.1 gateway.corp.example' });
          res.end(HTML_502);
          break;
        case 'stall':
          // The head and the start of a JSON body, then nothing: the proxy's deadline cuts it off.
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '64' });
          res.write('{"RequestId":"');
          state.held.push(req.socket);
          break;
        case 'nonjson':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('OK');
          break;
        default:
          res.writeHead(500);
          res.end();
      }
    });
  });
  // Longer than the proxy's idle pool, so the fake never closes a connection the proxy is about to reuse.
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { state, server, origin: `http://127.0.0.1:${server.address().port}` };
}

let fake; let proxy; let browser; let sandbox;
before(async () => {
  fake = await fakeUpstream();
  proxy = await startProxy(['--allow-upstream', fake.origin, '--timeout', String(TIMEOUT_S)]);
  sandbox = await sandboxOrigin(proxy.url);
  fake.state.relayTo = sandbox;
  browser = await launchBrowser();
});
after(async () => {
  for (const s of fake?.state.held ?? []) s.destroy();
  fake?.server.closeAllConnections();
  fake?.server.close();
  await browser?.close();
  await proxy?.stop();
});

/** A page whose sandbox is the fake upstream, with the Redis form filled and pre-flight answered. */
async function openForm(context) {
  await context.route('**/api/runtime', async (route) => {
    const res = await route.fetch();
    const info = await res.json();
    info.sandbox.origin = fake.origin;
    await route.fulfill({ response: res, json: info });
  });
  const op = await OpPage.open(context, proxy.url, 'redis-major-upgrade');
  await op.useDemo();
  await op.fill('InstanceId', INSTANCE);
  await op.fill('MajorVersion', '7.0');
  await op.fill('EffectiveTime', 'MaintainTime');
  await op.waitFact('currentversion', /^5\.0$/);
  await op.waitFact('status', /^Normal$/);
  assert.ok(fake.state.reads > 0, 'pre-flight went through the fake upstream');
  return op;
}

/** The form's fields as typed, and as mirrored into the URL. */
async function formState(op) {
  return {
    InstanceId: await op.input('InstanceId').inputValue(),
    MajorVersion: await op.input('MajorVersion').inputValue(),
    EffectiveTime: await op.input('EffectiveTime').inputValue(),
    query: new URL(op.page.url()).search,
  };
}

const CASES = [
  {
    mode: 'hang', kind: 'proxy', code: 'upstream_timeout',
    message: /did not answer in time; the call may still be carried out, so check before sending it again/,
  },
  {
    mode: 'reset', kind: 'proxy', code: 'upstream_connection_reset',
    message: /closed the connection before answering; the call may or may not have been carried out/,
  },
  {
    mode: 'garbage', kind: 'proxy', code: 'upstream_error',
    message: /answered with bytes that are not HTTP; the call may or may not have been carried out/,
  },
  {
    mode: 'html', kind: 'unreadable', category: 'html',
    message: /^HTTP 502 “502 Bad Gateway”: an HTML page came back instead of the cloud's JSON\. .*corporate proxy/,
  },
  {
    mode: 'stall', kind: 'network',
    message: /^No complete answer through the proxy at .*: the answer \(HTTP 200\) broke off before its end .*whether the call was carried out is unknown/,
  },
  {
    mode: 'nonjson', kind: 'unreadable', category: 'not-json',
    message: /^HTTP 200, text\/plain, 2 bytes that are not JSON, so the answer cannot be read .* The answer starts: OK$/,
  },
];

const shown = new Map();

for (const c of CASES) {
  test(`upstream ${c.mode}: a distinct message, the form intact, the write sent exactly once`, async (t) => {
    const context = await browser.newContext();
    try {
      const op = await openForm(context);
      const before = await formState(op);
      fake.state.mode = c.mode;
      await op.id('send').click();
      await op.id('confirm').waitFor();
      await op.confirm(INSTANCE);
      const started = Date.now();
      const r = await op.result();
      const took = (Date.now() - started) / 1000;
      const message = await op.text('result-message');
      assert.equal(r.kind, c.kind, r.text);
      if (c.code) assert.equal(await op.text('result-code'), c.code);
      if (c.category) assert.equal(r.category, c.category);
      assert.match(message, c.message);
      assert.ok(!/sandboxDemoSecret|Signature=/i.test(r.text), 'no secret or signature in the message');
      if (c.mode === 'hang' || c.mode === 'stall') {
        assert.ok(took >= TIMEOUT_S - 0.5 && took < TIMEOUT_S + 5, `the hang ended after ${took.toFixed(1)} s`);
      } else {
        assert.ok(took < TIMEOUT_S, `${c.mode} answered after ${took.toFixed(1)} s`);
      }
      shown.set(c.mode, `${r.kind}|${await op.text('result')}`);
      t.diagnostic(`${c.mode} after ${took.toFixed(1)} s: [${r.kind}${c.code ? ` ${c.code}` : ''}] ${message}`);

      // Nothing lost. The outcome is unknown, so Send is held for the instance (it may have been
      // upgraded), and a deliberate retry is one "Allow sending again" away.
      assert.deepEqual(await formState(op), before);
      assert.equal(await op.sendBlocked(), true, 'held after an unclear answer');
      assert.match(await op.summary(), /was just sent/);
      await op.id('allow-resend').click();
      assert.equal(await op.sendBlocked(), false, await op.summary());
      // Exactly one write reached the upstream, even after waiting for any retry to show up.
      await new Promise((res) => setTimeout(res, 2500));
      assert.equal(fake.state.writes[c.mode], 1, `writes: ${JSON.stringify(fake.state.writes)}`);
      // The browser's own note about the cut-off body is expected for the stall; nothing else is.
      const browserNote = /^console: Failed to load resource: net::ERR_(CONTENT_LENGTH_MISMATCH|INCOMPLETE_CHUNKED_ENCODING)/;
      assert.deepEqual(op.watch.errors.filter((e) => !(c.mode === 'stall' && browserNote.test(e))), []);
      assert.deepEqual(op.watch.dialogs, []);
    } finally {
      fake.state.mode = 'relay';
      await context.close();
    }
  });
}

test('the six faults read differently, and none reached the cloud', async () => {
  assert.equal(shown.size, CASES.length, `all cases ran: ${[...shown.keys()]}`);
  assert.equal(new Set(shown.values()).size, CASES.length, [...shown.values()].join('\n---\n'));
  const writes = (await audit(sandbox)).filter((e) => e.instance_id === INSTANCE);
  assert.deepEqual(writes, [], 'the sandbox never saw the upgrade');
});
