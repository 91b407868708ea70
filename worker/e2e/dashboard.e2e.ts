// Browser test of the dashboard: a real local worker (`npm run dev` → wrangler dev, workerd, local D1) and
// Debian's chromium driven by playwright-core, as the extension's e2e test does.
//
//   npm run test:dashboard            (root; needs /usr/bin/chromium or CHROMIUM_PATH)
//
// Signs in with the admin token using only the keyboard, creates a write key and sees it once, POSTs the
// hand-edits example with it and then a second hand edit of its ConfigMap, opens the cluster and the scan and
// sees the drift and the ConfigMap's history line, revokes the key, and sees
// the next POST refused with 401. Notifications: a URL the SSRF check refuses is named on the form, a webhook to a
// loopback receiver this test starts (local mode allows http://127.0.0.1) shows its secret once, the hand-edit
// report's delivery reaches the receiver signed with it and appears on the webhook's deliveries page, and the
// webhook is deleted after its confirmation. Every page is also checked at 200% zoom (no page-level horizontal scroll)
// and for a visible focus ring on every focusable control. Screenshots go to docs/images/dashboard-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { startLocalWorker } from '../scripts/local-worker.ts';
import { startReceiver } from '../scripts/webhook-receiver.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const images = join(repoRoot, 'docs', 'images');
const example = join(repoRoot, 'examples', 'hand-edits');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const started = Date.now();
const log = (message: string) =>
  console.log(`[dashboard +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const checked: string[] = [];
/** The header's navigation (the empty Clusters page links to Settings as well). */
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** Tabs through the page and checks that every focused control shows an outline of at least 2px. */
async function checkKeyboard(page: Page, name: string): Promise<void> {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  const seen = new Set<string>();
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const focus = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const label = el.tagName + ':' + (el.id || el.getAttribute('name') || el.textContent.trim().slice(0, 30));
      return { label, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    })()`)) as { label: string; outline: string; width: number } | null;
    if (focus === null || seen.has(focus.label)) break;
    seen.add(focus.label);
    assert(focus.outline !== 'none' && focus.width >= 2, `${name}: ${focus.label} has a visible focus ring`);
  }
  assert(seen.size > 0, `${name}: the keyboard reaches some control`);
  checked.push(`${name}: ${seen.size} controls reached with Tab, each with a visible focus ring`);
}

/** At 200% zoom (half the CSS viewport at device scale 2) the page must not scroll sideways. */
async function checkZoom(zoomed: Page, url: string, name: string, screenshot?: string): Promise<void> {
  await zoomed.goto(url);
  if (screenshot) await zoomed.screenshot({ path: join(images, screenshot), fullPage: true });
  const overflow = (await zoomed.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )) as number;
  assert(overflow <= 0, `${name} at 200%: no horizontal page scroll (overflow ${overflow}px)`);
  checked.push(`${name} at 200% zoom: reflows without horizontal page scrolling`);
}

async function main(): Promise<void> {
  mkdirSync(images, { recursive: true });
  log('starting the local worker');
  const worker = await startLocalWorker({ timeoutMs: 120_000 });
  const receiver = await startReceiver(0);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const org = await fetch(`${worker.url}/api/v2/admin/orgs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${worker.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'acme' }),
    });
    assert(org.status === 201, 'org created');
    const { id: orgId } = (await org.json()) as { id: string };

    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    // 1280 px of screen at 200%: a 640 px CSS viewport drawn at device scale 2.
    const zoomedContext = await browser.newContext({
      viewport: { width: 640, height: 800 },
      deviceScaleFactor: 2,
    });
    const zoomed = await zoomedContext.newPage();
    const errors: string[] = [];
    // A refused script or style would show as a CSP report; a 4xx page (the bad ignore rule) is expected.
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    log('sign in with the admin token, keyboard only');
    await page.goto(`${worker.url}/`);
    assert(page.url().endsWith('/sign-in'), 'an anonymous visit lands on Sign in');
    await checkKeyboard(page, 'Sign in');
    await checkZoom(zoomed, `${worker.url}/sign-in`, 'Sign in');
    await page.screenshot({ path: join(images, 'dashboard-sign-in.png'), fullPage: true });
    await page.getByLabel('Admin token').focus();
    await page.keyboard.type(worker.adminToken);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orgs\/[^/]+\/clusters$/);
    checked.push('Sign in: the admin token typed and submitted with the keyboard (Enter)');
    // The zoomed browser signs in too, with its own session.
    await zoomed.goto(`${worker.url}/sign-in`);
    await zoomed.getByLabel('Admin token').fill(worker.adminToken);
    await zoomed.getByRole('button', { name: 'Sign in' }).click();
    await zoomed.waitForURL(/\/clusters$/);

    log('create a write key and see it once');
    await nav(page, 'Settings').click();
    await page.getByLabel('Name').fill('operator-prod');
    await page.getByLabel('write').check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const field = page.getByLabel('New API key');
    const rawKey = await field.inputValue();
    assert(/^dw2_[A-Za-z0-9_-]{43}$/.test(rawKey), 'the new raw key is shown');
    assert((await field.getAttribute('readonly')) !== null, 'the key field is read-only');
    assert(await page.getByText('it will not be shown again').isVisible(), 'the page says it is shown once');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await checkKeyboard(page, 'Settings (new key)');
    await page.screenshot({ path: join(images, 'dashboard-settings.png'), fullPage: true });
    await page.goto(`${worker.url}/orgs/${orgId}/settings`);
    assert(!(await page.content()).includes(rawKey), 'the raw key is not shown again');
    await checkZoom(zoomed, `${worker.url}/orgs/${orgId}/settings`, 'Settings');

    log('notifications: a refused URL on the form, then a webhook to the loopback receiver, its secret once');
    await nav(page, 'Notifications').click();
    await page.getByLabel('Receiver URL').fill('http://localhost:9/hook');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const refusal = page.getByRole('alert');
    assert(
      /refused: http is allowed for 127.0.0.1 only/.test((await refusal.textContent()) ?? ''),
      'the SSRF refusal is shown on the form',
    );
    assert(
      (await page.getByLabel('Receiver URL').getAttribute('aria-invalid')) === 'true',
      'the URL field is marked invalid',
    );
    checked.push(
      'Notifications: a URL the SSRF check refuses is named on the form, the field marked invalid',
    );
    await page.getByLabel('Receiver URL').fill(receiver.url);
    await page.getByLabel('Minimum severity').selectOption('low');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secretField = page.getByLabel('Signing secret');
    const secret = await secretField.inputValue();
    assert(/^whsec_[A-Za-z0-9+/=]+$/.test(secret), 'the new signing secret is shown');
    assert((await secretField.getAttribute('readonly')) !== null, 'the secret field is read-only');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await checkKeyboard(page, 'Notifications (new webhook)');
    await page.screenshot({ path: join(images, 'dashboard-notifications.png'), fullPage: true });
    await nav(page, 'Notifications').click();
    assert(!(await page.content()).includes(secret.slice(6)), 'the secret is not shown again');
    await checkZoom(zoomed, `${worker.url}/orgs/${orgId}/notifications`, 'Notifications');

    log('POST the hand-edits report with the new key');
    const state = await fetch(
      `${worker.url}/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
      {
        method: 'PUT',
        headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json' },
        body: readFileSync(join(example, 'state.tfstate'), 'utf8'),
      },
    );
    assert(state.status === 200, `state uploaded (${state.status})`);
    const report = readFileSync(join(example, 'report.json'), 'utf8');
    const posted = await fetch(`${worker.url}/api/v2/operator/report`, {
      method: 'POST',
      headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json' },
      body: report,
    });
    assert(posted.status === 201, `report accepted (${posted.status})`);
    // A second hand edit of the ConfigMap (kubectl edit, in the example's managedFields): a `changed` event.
    const edited = JSON.parse(report) as { resources: { name: string; properties: { data?: object } }[] };
    for (const resource of edited.resources) {
      if (resource.name === 'routing-rules')
        resource.properties.data = { ...resource.properties.data, MAX_STOPS_PER_ROUTE: '48' };
    }
    const again = await fetch(`${worker.url}/api/v2/operator/report`, {
      method: 'POST',
      headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(edited),
    });
    assert(again.status === 201, `the edited report accepted (${again.status})`);

    log('the hand edits are delivered to the receiver and listed on the deliveries page');
    const deadline = Date.now() + 30_000;
    while (receiver.received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const [delivered] = receiver.received;
    assert(delivered, 'the receiver got a delivery within 30 s');
    const payload = new Webhook(secret).verify(
      delivered.body,
      delivered.headers as Record<string, string>,
    ) as { data: { events: { type: string; resource_id: string }[] } };
    assert(
      payload.data.events.some(
        (e) => e.type === 'drift.appeared' && e.resource_id === 'k8s/configmap/fleet/routing-rules',
      ),
      'the delivery carries the hand-edited ConfigMap, signed with the secret the page showed',
    );
    checked.push(
      `Notifications: the receiver got ${payload.data.events.length} events in one delivery, verified with standardwebhooks`,
    );
    await nav(page, 'Notifications').click();
    await page.getByRole('link', { name: `Deliveries of ${receiver.url}` }).click();
    // The attempt is recorded just after the receiver answers: reload until the page shows it.
    for (let i = 0; i < 50 && !(await page.getByRole('cell', { name: 'delivered' }).count()); i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    assert(
      await page.getByRole('cell', { name: 'delivered' }).isVisible(),
      'the delivery is shown delivered',
    );
    assert(
      await page.getByRole('cell', { name: '204', exact: true }).isVisible(),
      'its status code is shown',
    );
    checked.push('Deliveries: the delivery is listed as delivered with the receiver’s 204');
    await checkKeyboard(page, 'Deliveries');
    await checkZoom(zoomed, page.url(), 'Deliveries');
    await page.screenshot({ path: join(images, 'dashboard-deliveries.png'), fullPage: true });

    log('open the cluster and the scan');
    await nav(page, 'Clusters').click();
    await page.waitForURL(/\/clusters$/);
    assert(await page.getByRole('heading', { name: 'example-cluster' }).isVisible(), 'the cluster is listed');
    await checkKeyboard(page, 'Clusters');
    await checkZoom(zoomed, page.url(), 'Clusters');
    await page.screenshot({ path: join(images, 'dashboard-clusters.png'), fullPage: true });
    await page.getByRole('link', { name: 'fleet' }).click();
    await page.getByRole('heading', { name: 'changed (3)' }).waitFor();
    assert(
      await page.getByText('k8s/deployment/fleet/tracker').isVisible(),
      'the drifted deployment is shown',
    );
    assert(await page.getByText('spec.replicas').isVisible(), 'its changed path is shown');
    const history = page
      .locator('article', { hasText: 'k8s/configmap/fleet/routing-rules' })
      .locator('.history');
    const line = ((await history.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    assert(
      /^History: first seen (just now|\d+ min ago) by kubectl-edit; changed again (just now|\d+ min ago) \(first seen at /.test(
        line,
      ),
      `the hand-edited ConfigMap shows its history (${line})`,
    );
    assert(await history.isVisible(), 'the history line is visible');
    checked.push(`Scan: the hand edit's history line reads "${line}"`);
    await checkKeyboard(page, 'Scan');
    await checkZoom(zoomed, page.url(), 'Scan', 'dashboard-scan-200.png');
    await page.screenshot({ path: join(images, 'dashboard-scan.png'), fullPage: true });
    await page.getByLabel('Severity at least').selectOption('high');
    await page.waitForURL(/severity=high/);
    assert(await page.getByText('0 items match.').isVisible(), 'the severity filter applies from the select');
    checked.push('Scan: a filter select applies on change (script) and is a link (query string)');

    log('ignore rules: a bad line is named');
    await nav(page, 'Ignore rules').click();
    await page.getByLabel('.driftignore').fill('k8s/*/kube-system/*\n:::\n');
    await page.getByRole('button', { name: 'Save rules' }).click();
    assert(await page.getByText(/Line 2:/).isVisible(), 'the bad line is named');
    await checkKeyboard(page, 'Ignore rules');
    await checkZoom(zoomed, `${worker.url}/orgs/${orgId}/ignore-rules`, 'Ignore rules');
    await page.screenshot({ path: join(images, 'dashboard-ignore-rules.png'), fullPage: true });

    log('delete the webhook after its confirmation');
    await nav(page, 'Notifications').click();
    await page.getByRole('button', { name: `Delete webhook ${receiver.url}` }).click();
    await page.getByRole('heading', { name: /Delete the webhook to/ }).waitFor();
    await checkKeyboard(page, 'Delete webhook confirmation');
    await page.getByRole('button', { name: 'Yes, delete this webhook' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The webhook is deleted.').waitFor();
    assert(await page.getByText('No webhooks yet.').isVisible(), 'the webhook is gone from the list');
    checked.push('Notifications: the webhook deleted after its confirmation (Enter)');

    log('revoke the key, with the keyboard');
    await nav(page, 'Settings').click();
    await page.getByRole('button', { name: 'Revoke operator-prod' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Revoke API key/ }).waitFor();
    await checkKeyboard(page, 'Revoke confirmation');
    await checkZoom(zoomed, page.url(), 'Revoke confirmation');
    await page.screenshot({ path: join(images, 'dashboard-revoke.png'), fullPage: true });
    await page.getByRole('button', { name: 'Yes, revoke this key' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The key is revoked.').waitFor();
    checked.push('Revoke: the Revoke button and the confirmation pressed with Enter');

    const refused = await fetch(`${worker.url}/api/v2/operator/report`, {
      method: 'POST',
      headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json' },
      body: report,
    });
    assert(refused.status === 401, `the revoked key's next POST is a 401 (${refused.status})`);
    assert(errors.length === 0, `no script errors or CSP refusals: ${errors.join('; ')}`);
    log('passed');
    console.log(checked.map((line) => `  - ${line}`).join('\n'));
  } finally {
    await browser.close();
    await worker.stop();
    await receiver.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
