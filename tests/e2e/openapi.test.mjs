// "Download OpenAPI": the home page's button saves upgrade-console-openapi.json, generated in the page from
// the catalog. The file must describe the five operations with their required parameters, equal what the
// core prints natively, and load in Swagger UI (the stock swagger-ui-dist bundle from package-lock.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startProxy, launchBrowser, watchErrors } from './harness.mjs';
import { prepareSwagger, serveStatic } from '../../scripts/bench_swagger.mjs';

// operationId -> [path key, [required parameter `in`:name], [required JSON body properties]].
const OPS = {
  'dds-engine-upgrade': ['/#Action=UpgradeDBInstanceEngineVersion', ['query:DBInstanceId', 'query:EngineVersion'], []],
  'dds-kernel-upgrade': ['/#Action=UpgradeDBInstanceKernelVersion', ['query:DBInstanceId'], []],
  'redis-major-upgrade': ['/#Action=ModifyInstanceMajorVersion', ['query:InstanceId', 'query:MajorVersion'], []],
  'es-version-upgrade': ['/openapi/instances/{InstanceId}/actions/upgrade-version', ['path:InstanceId'], []],
  'taurusdb-minor-upgrade': ['/v3/{project_id}/instances/database-version/upgrade', ['path:project_id'],
    ['databases_instance_infos', 'delay']],
};

let proxy; let browser; let text;
before(async () => { proxy = await startProxy(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await proxy?.stop(); });

test('the home page downloads upgrade-console-openapi.json without errors', async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}/`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-openapi').click()]);
  assert.equal(download.suggestedFilename(), 'upgrade-console-openapi.json');
  text = readFileSync(await download.path(), 'utf8');
  assert.equal(await page.getByTestId('download-openapi-error').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the document has the five operations and their required parameters', () => {
  const doc = JSON.parse(text);
  assert.equal(doc.openapi, '3.0.3');
  const ops = Object.entries(doc.paths).map(([key, item]) => [key, item.post]);
  assert.deepEqual(ops.map(([, op]) => op.operationId).sort(), Object.keys(OPS).sort());
  for (const [key, op] of ops) {
    const [wantKey, wantParams, wantBody] = OPS[op.operationId];
    assert.equal(key, wantKey, op.operationId);
    const required = op.parameters.filter((p) => p.required).map((p) => `${p.in}:${p.name}`).sort();
    assert.deepEqual(required, [...wantParams].sort(), `${op.operationId}: required parameters`);
    for (const p of op.parameters) assert.ok(p.schema && p.description, `${op.operationId}.${p.name}: schema and description`);
    const body = op.requestBody && Object.values(op.requestBody.content)[0].schema;
    assert.deepEqual((body?.required ?? []).slice().sort(), [...wantBody].sort(), `${op.operationId}: required body`);
    assert.ok(doc.paths[key].servers.length > 0, `${op.operationId}: servers`);
  }
});

test('the browser builds the same document as the core natively', () => {
  const native = execFileSync('cargo', ['run', '-q', '-p', 'console-core', '--example', 'openapi'], { cwd: ROOT, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(text), JSON.parse(native));
});

test('Swagger UI loads the downloaded document and opens an operation form',
  { skip: !existsSync(path.join(ROOT, 'node_modules/swagger-ui-dist')) && 'npm swagger-ui-dist is not installed' }, async () => {
    const dir = prepareSwagger(text, path.join(ROOT, 'target/tmp/openapi-test-swagger'));
    const site = await serveStatic(dir);
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}/#/ApsaraDB%20for%20MongoDB/dds-engine-upgrade`);
      await page.locator('.opblock.is-open input[placeholder="DBInstanceId"]').waitFor();
      assert.equal(await page.locator('.opblock').count(), 5);
      assert.equal(await page.locator('.errors-wrapper').count(), 0, 'Swagger UI reported spec errors');
      await page.close();
    } finally {
      await site.stop();
    }
  });
