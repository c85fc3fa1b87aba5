// Page object for one operation form (`/op/{id}`) and small helpers shared by the journey, form-error
// and XSS suites. Every wait is bounded: Playwright's default action timeout, or an explicit `timeout`.
import assert from 'node:assert/strict';

export const DEMO_AK = 'LTAI5tSandboxDemo0000001';
export const DEMO_HUAWEI_AK = 'HPUASANDBOXDEMO00001';

/** The sandbox origin the proxy started (`GET {proxy}/api/runtime` → `sandbox.origin`). */
export async function sandboxOrigin(proxyUrl) {
  const info = await (await fetch(`${proxyUrl}/api/runtime`)).json();
  assert.match(info?.sandbox?.origin ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  return info.sandbox.origin;
}

/** `GET {origin}/_sandbox/audit`: one entry per accepted write call. */
export async function audit(origin) {
  const res = await fetch(`${origin}/_sandbox/audit`);
  assert.equal(res.status, 200);
  return res.json();
}

/** `GET {origin}/_sandbox/state`: the whole simulated world. */
export async function sandboxState(origin) {
  const res = await fetch(`${origin}/_sandbox/state`);
  assert.equal(res.status, 200);
  return res.json();
}

/**
 * Collects page errors, console errors and dialogs. `Failed to load resource` console lines are the
 * browser's own notes about 4xx/5xx replies, which the error-path tests provoke on purpose; they are
 * kept apart (`httpErrors`) so `errors` only holds what the app itself reported or threw.
 */
export function watch(page) {
  const w = { errors: [], httpErrors: [], dialogs: [] };
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/^Failed to load resource: the server responded with a status of [45]\d\d/.test(text)) w.httpErrors.push(text);
    else w.errors.push(`console: ${text}`);
  });
  page.on('dialog', async (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss().catch(() => {}); });
  return w;
}

export class OpPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, base, opId) {
    this.page = page;
    this.base = base;
    this.opId = opId;
  }

  /** Opens `/op/{opId}` (with an optional raw query string) in a new page of `context`. */
  static async open(context, base, opId, query = '') {
    const page = await context.newPage();
    const op = new OpPage(page, base, opId);
    op.watch = watch(page);
    await op.goto(query);
    return op;
  }

  async goto(query = '') {
    await this.page.goto(`${this.base}/op/${this.opId}${query ? `?${query}` : ''}`);
    await this.pane.waitFor();
  }

  get pane() { return this.page.getByTestId(`pane-op-${this.opId}`); }
  id(testId) { return this.page.getByTestId(testId); }
  input(field) { return this.id(`input-${field}`); }
  error(field) { return this.id(`error-${field}`); }
  warning(field) { return this.id(`warning-${field}`); }
  fact(name) { return this.id(`fact-${name}`); }

  /** Clicks "Use demo credentials" in the sandbox banner. */
  async useDemo() {
    await this.id('sandbox-banner').waitFor();
    await this.id('use-demo').click();
    await this.id('demo-in-use').waitFor();
  }

  /** Opens the "Advanced" section, where the rarely used fields live. */
  async openAdvanced() {
    const details = this.page.locator('details.op-form__advanced');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  }

  /** Types `value` into a field (opening Advanced when it is there) and leaves it (blur). */
  async fill(field, value) {
    const el = this.input(field);
    if (!(await el.isVisible())) await this.openAdvanced();
    await el.fill(value);
    await el.blur();
  }

  async setChecked(field, checked) {
    const el = this.input(field);
    await el.setChecked(checked);
    await el.blur();
  }

  async selectRegion(region) {
    await this.id('region').selectOption(region);
    await this.page.locator('[data-testid="destination"]', { hasText: /./ }).waitFor();
  }

  /** Waits until fact `name` (`currentversion`, `status`, `kernel`, `health`, `targets`…) matches `re`. */
  async waitFact(name, re, timeout) {
    await this.page.locator(`[data-testid="fact-${name}"]`, { hasText: re }).waitFor({ timeout });
  }

  async text(testId) { return (await this.id(testId).textContent()) ?? ''; }

  /** Opens the preview and returns its blocks' text (missing blocks are `undefined`). */
  async preview() {
    if (!(await this.id('preview').isVisible())) await this.id('toggle-preview').click();
    await this.id('preview-url').waitFor();
    const out = {};
    for (const k of ['url', 'http', 'canonical', 'sts', 'curl', 'cli']) {
      const el = this.id(`preview-${k}`);
      out[k] = (await el.count()) ? await el.textContent() : undefined;
    }
    return out;
  }

  /** The `aria-disabled` of Send, as a boolean. */
  async sendBlocked() { return (await this.id('send').getAttribute('aria-disabled')) === 'true'; }

  /** The text of the "Send is disabled because" summary, or '' when there is none (no waiting). */
  async summary() {
    const s = this.id('send-summary');
    return (await s.count()) ? (await s.textContent()) ?? '' : '';
  }

  /** Presses Send even while it is marked disabled (the app decides what a blocked press does). */
  async pressSend() { await this.id('send').click({ force: true }); }

  /** Types `instanceId` into the confirmation dialog and confirms. */
  async confirm(instanceId) {
    const button = this.id('confirm-send');
    assert.equal(await button.isDisabled(), true, 'confirm starts disabled');
    await this.id('confirm-input').fill(instanceId.slice(0, -1));
    assert.equal(await button.isDisabled(), true, 'a partial id does not enable confirm');
    await this.id('confirm-input').fill(`${instanceId}x`);
    assert.equal(await button.isDisabled(), true, 'a longer id does not enable confirm');
    await this.id('confirm-input').fill(instanceId);
    assert.equal(await button.isDisabled(), false, 'the exact id enables confirm');
    await button.click();
    await this.id('confirm').waitFor({ state: 'detached' });
  }

  /** Waits for the result panel and returns its kind, category and text. */
  async result() {
    const r = this.id('result');
    await r.waitFor();
    return {
      kind: await r.getAttribute('data-kind'),
      category: await r.getAttribute('data-category'),
      text: await r.innerText(),
    };
  }
}
