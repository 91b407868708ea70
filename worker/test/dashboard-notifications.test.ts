import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import { displayUrl } from '../src/dashboard/display-url.ts';
import { webhookSecretBox } from '../src/webhooks/webhook-secret-box.ts';
import { type Fetcher, signedInAdmin, signedInMember } from './dashboard-browser.ts';
import { asAdmin, freshIp, json, rows, withKey } from './helpers.ts';

// Issue 14 / CONTRACT "Dashboard and sign-in": the Notifications page manages the org's webhooks as the
// Settings page does API keys, over the JSON API's own create function and SSRF check.
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'internal.example.com': ['10.0.0.5'],
};
const app = createApp({ resolveHost: async (host) => DNS[host] ?? [] });
const fetcher: Fetcher = (path, init = {}) =>
  Promise.resolve(app.fetch(new Request(`https://driftwise.test${path}`, init), env));

const form = (url: string, extra: Record<string, string | string[]> = {}) => ({
  url,
  events: ['drift.appeared', 'drift.resolved'],
  min_severity: 'high',
  format: 'slack',
  ...extra,
});

async function org() {
  const created = await fetcher('/api/v2/admin/orgs', json('POST', { name: 'notify' }, asAdmin));
  const { id } = (await created.json()) as { id: string };
  const browser = await signedInAdmin(fetcher);
  const path = `/orgs/${id}/notifications`;
  const webhooks = () =>
    rows<{
      id: string;
      url: string;
      format: string;
      min_severity: string;
      events: string;
      secret_box: string;
    }>('SELECT id, url, format, min_severity, events, secret_box FROM webhooks WHERE org_id = ?', id);
  return { orgId: id, browser, path, webhooks };
}

/** A new API key of the org, made with the admin token. */
async function keyOf(orgId: string, scopes: string[]): Promise<string> {
  const response = await fetcher(
    `/api/v2/orgs/${orgId}/api-keys`,
    json('POST', { name: 'k', scopes }, asAdmin),
  );
  return ((await response.json()) as { raw_key: string }).raw_key;
}

/** Creates a webhook through the page and returns its row and the secret the page showed. */
async function createdThroughThePage(url = 'https://hooks.example.com/in', extra = {}) {
  const o = await org();
  const response = await o.browser.post(o.path, form(url, extra), await o.browser.csrfOf(o.path));
  const html = await response.text();
  const secret = /id="new-webhook-secret" type="text" readonly value="([^"]+)"/.exec(html)?.[1];
  const [row] = await o.webhooks();
  return { ...o, response, html, secret, row: row! };
}

/**
 * A delivery and its attempts written straight to D1: the page only reads them. Times are far ahead, as
 * other files' retention tests purge old deliveries from the shared database.
 */
async function delivery(
  orgId: string,
  webhookId: string,
  options: {
    createdAt: string;
    state: string;
    nextAttemptAt?: string;
    attempts?: { status: string; code: number | null; error: string | null }[];
  },
) {
  const id = crypto.randomUUID();
  // A pending delivery due far ahead, so the Durable Object's dispatcher never claims it during the test.
  await env.DB.prepare(
    `INSERT INTO webhook_deliveries (id, org_id, webhook_id, scan_id, state, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      orgId,
      webhookId,
      `scan-${id.slice(0, 8)}`,
      options.state,
      options.attempts?.length ?? 0,
      options.nextAttemptAt ?? '2099-01-01T00:00:00.000Z',
      options.createdAt,
    )
    .run();
  for (const [i, attempt] of (options.attempts ?? []).entries()) {
    await env.DB.prepare(
      'INSERT INTO webhook_attempts (delivery_id, webhook_id, at, status, response_code, error) VALUES (?, ?, ?, ?, ?, ?)',
    )
      .bind(
        id,
        webhookId,
        `${options.createdAt.slice(0, 17)}${String(10 + i)}.000Z`,
        attempt.status,
        attempt.code,
        attempt.error,
      )
      .run();
  }
  return id;
}

describe('the Notifications page', () => {
  it('is linked from the header of every org page, marked current on itself', async () => {
    const { browser, orgId, path } = await org();
    for (const other of ['clusters', 'settings', 'ignore-rules']) {
      const html = await (await browser.fetch(`/orgs/${orgId}/${other}`)).text();
      expect(html).toContain(`<a href="${path}">Notifications</a>`);
    }
    const own = await browser.fetch(path);
    expect(own.status).toBe(200);
    expect(own.headers.get('Content-Security-Policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    const html = await own.text();
    expect(html).toContain(`<a href="${path}" aria-current="page">Notifications</a>`);
    expect(html).toContain('No webhooks yet.');
    expect(html).not.toMatch(/<script>|\son\w+="/);
  });

  it('labels every control of the create form', async () => {
    const { browser, path } = await org();
    const html = await (await browser.fetch(path)).text();
    for (const id of [
      'webhook-url',
      'event-appeared',
      'event-resolved',
      'webhook-severity',
      'webhook-format',
    ]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<button type="submit">Create webhook</button>');
  });
});

describe('creating a webhook on the page', () => {
  it('stores it with the form’s fields and shows its signing secret once, with a copy button', async () => {
    const { response, html, secret, row } = await createdThroughThePage();
    expect(response.status).toBe(201);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(html).toContain('<button type="button" data-copy="new-webhook-secret">Copy</button>');
    expect(html).toContain('it will not be shown again');
    expect(row).toMatchObject({
      url: 'https://hooks.example.com/in',
      format: 'slack',
      min_severity: 'high',
      events: JSON.stringify(['drift.appeared', 'drift.resolved']),
    });
    // At rest only the sealed box.
    expect(row.secret_box).not.toContain(secret!.slice(6));
  });

  it('never renders the secret again: not the list, the deliveries page or the delete confirmation', async () => {
    const { browser, path, secret, row } = await createdThroughThePage();
    const secretBody = secret!.slice('whsec_'.length);
    for (const page of [path, `${path}/${row.id}`, `${path}/${row.id}/delete`]) {
      const response = await browser.fetch(page);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain(secretBody);
      expect(html).not.toContain('new-webhook-secret');
    }
  });

  it('signs deliveries with the secret it showed (the dispatcher opens the same one)', async () => {
    const { orgId, secret, row } = await createdThroughThePage();
    const listed = (await (
      await fetcher(`/api/v2/orgs/${orgId}/webhooks`, { headers: withKey(await keyOf(orgId, ['read'])) })
    ).json()) as {
      webhooks: { id: string; secret: string }[];
    };
    expect(listed.webhooks).toEqual([expect.objectContaining({ id: row.id, secret: '' })]);
    expect(await webhookSecretBox.open(env.API_KEY_PEPPER!, row.secret_box)).toBe(secret);
  });

  it('lists it with its URL shown safely, format, minimum severity and created time', async () => {
    const { browser, path, webhooks } = await org();
    const url = 'https://hooks.example.com/services/T0/B0/xoxb-token-in-the-path?token=query-secret';
    expect((await browser.post(path, form(url), await browser.csrfOf(path))).status).toBe(201);
    const [row] = await webhooks();
    const html = await (await browser.fetch(path)).text();
    expect(html).toContain('<code>https://hooks.example.com/services/…?…</code>');
    expect(html).not.toContain('xoxb-token-in-the-path');
    expect(html).not.toContain('query-secret');
    const created = (
      await rows<{ created_at: string }>('SELECT created_at FROM webhooks WHERE id = ?', row!.id)
    )[0]!;
    expect(html).toMatch(
      new RegExp(
        `<td>slack</td>\\s*<td>drift.appeared, drift.resolved</td>\\s*<td>high</td>\\s*<td><time datetime="${created.created_at}">`,
      ),
    );
    expect(html).toContain('none yet');
  });

  it('refuses a URL that resolves to a private address, on the form, and stores nothing', async () => {
    const { browser, path, webhooks } = await org();
    const response = await browser.post(
      path,
      form('https://internal.example.com/hook'),
      await browser.csrfOf(path),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(
      '<p class="error" role="alert" id="webhook-error">The webhook URL is refused: the host resolves to a private, loopback or link-local address.</p>',
    );
    // The field is marked and keeps what was typed, and the other fields keep their choice.
    expect(html).toMatch(
      /id="webhook-url"[^>]*value="https:\/\/internal.example.com\/hook"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain('<option value="slack" selected>slack</option>');
    expect(html).not.toContain('new-webhook-secret');
    expect(await webhooks()).toEqual([]);
  });

  it.each([
    ['plain http', 'http://hooks.example.com/x', 'https is required'],
    ['a loopback address', 'https://127.0.0.1/x', 'private, loopback or link-local'],
    ['credentials in the URL', 'https://user:pw@hooks.example.com/x', 'credentials in the URL'],
    ['a host that does not resolve', 'https://nowhere.example.com/x', 'the host does not resolve'],
  ])('refuses %s outside local mode and stores nothing', async (_, url, message) => {
    const { browser, path, webhooks } = await org();
    const response = await browser.post(path, form(url), await browser.csrfOf(path));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await webhooks()).toEqual([]);
  });

  it.each([
    ['no event ticked', { events: [] }, 'events'],
    ['an unknown format', { format: 'teams' }, 'format'],
    ['an unknown severity', { min_severity: 'urgent' }, 'min_severity'],
  ])('shows a validation error for %s and stores nothing', async (_, extra, field) => {
    const { browser, path, webhooks } = await org();
    const response = await browser.post(
      path,
      form('https://hooks.example.com/x', extra),
      await browser.csrfOf(path),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      new RegExp(`role="alert" id="webhook-error">The webhook is not valid: ${field} `),
    );
    expect(await webhooks()).toEqual([]);
  });

  it('refuses the form without its CSRF token and stores nothing', async () => {
    const { browser, path, webhooks } = await org();
    const missing = await browser.post(path, form('https://hooks.example.com/x'), null);
    const stale = await browser.post(path, form('https://hooks.example.com/x'), 'not-the-token');
    expect([missing.status, stale.status]).toEqual([403, 403]);
    expect(await missing.text()).toContain('security token is missing or stale');
    expect(await webhooks()).toEqual([]);
  });
});

describe('deleting a webhook on the page', () => {
  it('asks first, then deletes it and its deliveries', async () => {
    const { browser, orgId, path, row, webhooks } = await createdThroughThePage();
    await delivery(orgId, row.id, { createdAt: '2098-11-20T10:00:00.000Z', state: 'delivered' });
    const list = await (await browser.fetch(path)).text();
    expect(list).toContain(`action="${path}/${row.id}/delete"`);
    expect(list).toContain('aria-label="Delete webhook https://hooks.example.com/in"');
    const confirm = await browser.fetch(`${path}/${row.id}/delete`);
    const html = await confirm.text();
    expect(html).toContain('<h1>Delete the webhook to https://hooks.example.com/in?</h1>');
    expect(html).toContain('<button type="submit" class="danger">Yes, delete this webhook</button>');
    expect(await webhooks()).toHaveLength(1);
    const deleted = await browser.post(`${path}/${row.id}/delete`, {}, await browser.csrfOf(path));
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('The webhook is deleted.');
    expect(await webhooks()).toEqual([]);
    expect(await rows('SELECT id FROM webhook_deliveries WHERE webhook_id = ?', row.id)).toEqual([]);
  });

  it('refuses the delete without its CSRF token and keeps the webhook', async () => {
    const { browser, path, row, webhooks } = await createdThroughThePage();
    expect((await browser.post(`${path}/${row.id}/delete`, {}, null)).status).toBe(403);
    expect(await webhooks()).toHaveLength(1);
  });

  it('answers 404 for another org’s webhook and keeps it', async () => {
    const mine = await createdThroughThePage();
    const other = await org();
    const foreign = `${other.path}/${mine.row.id}`;
    expect((await other.browser.fetch(`${foreign}/delete`)).status).toBe(404);
    expect((await other.browser.fetch(foreign)).status).toBe(404);
    const csrf = await other.browser.csrfOf(other.path);
    expect((await other.browser.post(`${foreign}/delete`, {}, csrf)).status).toBe(404);
    expect(await mine.webhooks()).toHaveLength(1);
  });
});

describe('the Notifications page for a viewer', () => {
  it('shows the webhooks and their deliveries but no forms', async () => {
    const { orgId, path, row } = await createdThroughThePage();
    const viewer = await signedInMember(orgId, 'viewer', fetcher);
    const html = await (await viewer.fetch(path)).text();
    expect(html).toContain('<code>https://hooks.example.com/in</code>');
    expect(html).toContain(
      'Your role can see the webhooks and their deliveries but not create or delete them.',
    );
    expect(html).not.toContain('Create webhook');
    expect(html).not.toContain('/delete"');
    expect((await viewer.fetch(`${path}/${row.id}`)).status).toBe(200);
  });

  it('refuses a viewer’s create and delete with 403 and changes nothing', async () => {
    const { orgId, path, row, webhooks } = await createdThroughThePage();
    const viewer = await signedInMember(orgId, 'viewer', fetcher);
    const csrf = await viewer.csrfOf(path);
    const create = await viewer.post(path, form('https://hooks.example.com/other'), csrf);
    expect(create.status).toBe(403);
    expect(await create.text()).toContain('Only an org’s owners and admins can create webhooks.');
    expect((await viewer.fetch(`${path}/${row.id}/delete`)).status).toBe(403);
    expect((await viewer.post(`${path}/${row.id}/delete`, {}, csrf)).status).toBe(403);
    expect((await webhooks()).map((w) => w.id)).toEqual([row.id]);
  });

  it('lets an admin member create a webhook', async () => {
    const { orgId, path, webhooks } = await org();
    const admin = await signedInMember(orgId, 'admin', fetcher);
    expect(
      (await admin.post(path, form('https://hooks.example.com/a'), await admin.csrfOf(path))).status,
    ).toBe(201);
    expect(await webhooks()).toHaveLength(1);
  });
});

describe('a webhook’s deliveries on the page', () => {
  it('shows each delivery’s state, attempts, status codes, next retry and last error', async () => {
    const { browser, orgId, path, row } = await createdThroughThePage();
    await delivery(orgId, row.id, {
      createdAt: '2098-11-20T09:00:00.000Z',
      state: 'delivered',
      attempts: [
        { status: 'failed', code: 500, error: 'HTTP 500' },
        { status: 'succeeded', code: 204, error: null },
      ],
    });
    const pending = await delivery(orgId, row.id, {
      createdAt: '2098-11-20T10:00:00.000Z',
      state: 'pending',
      nextAttemptAt: '2099-01-01T00:00:30.000Z',
      attempts: [{ status: 'failed', code: null, error: 'The operation was aborted due to timeout' }],
    });
    const html = (await (await browser.fetch(`${path}/${row.id}`)).text()).replace(/\s+/g, ' ');
    expect(html).toContain('<h1>Deliveries to <code>https://hooks.example.com/in</code></h1>');
    expect(html).toContain('2 deliveries');
    // Newest first: the pending one, its retry time and error; then the delivered one after a 500.
    const pendingAt = html.indexOf('2098-11-20T10:00:00.000Z');
    const deliveredAt = html.indexOf('2098-11-20T09:00:00.000Z');
    expect(pendingAt).toBeGreaterThan(0);
    expect(deliveredAt).toBeGreaterThan(pendingAt);
    expect(html).toContain(
      '<td>pending</td> <td>1</td> <td>no response</td> <td><time datetime="2099-01-01T00:00:30.000Z">',
    );
    expect(html).toContain('<span class="mono">The operation was aborted due to timeout</span>');
    expect(html).toContain('<td>delivered</td> <td>2</td> <td>500, 204</td> <td>—</td> <td>—</td>');
    expect(html).toContain(`href="/orgs/${orgId}/scans/scan-${pending.slice(0, 8)}"`);
    // The list shows the newest delivery's state.
    const list = await (await browser.fetch(path)).text();
    expect(list).toContain('pending (last: no response, 1 attempt)');
  });

  it('pages the deliveries, 20 a page, newest first', async () => {
    const { browser, orgId, path, row } = await createdThroughThePage();
    for (let i = 0; i < 23; i += 1) {
      const minute = String(i).padStart(2, '0');
      await delivery(orgId, row.id, { createdAt: `2098-11-20T10:${minute}:00.000Z`, state: 'delivered' });
    }
    const first = await (await browser.fetch(`${path}/${row.id}`)).text();
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain(`<a href="${path}/${row.id}?page=2">Next page</a>`);
    expect(first).toContain('2098-11-20T10:22:00.000Z');
    expect(first).not.toContain('2098-11-20T10:02:00.000Z');
    const second = await (await browser.fetch(`${path}/${row.id}?page=2`)).text();
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('2098-11-20T10:02:00.000Z');
    expect(second).toContain('2098-11-20T10:00:00.000Z');
    expect(second).not.toContain('2098-11-20T10:03:00.000Z');
    expect(second).toContain(`<a href="${path}/${row.id}?page=1">Previous page</a>`);
    // Past the end: the last page, as the Scan page does.
    expect(await (await browser.fetch(`${path}/${row.id}?page=9`)).text()).toContain('Page 2 of 2');
    expect((await browser.fetch(`${path}/${row.id}?page=zero`)).status).toBe(400);
  });

  it('shows the delivery a report queues for the webhook', async () => {
    const { browser, orgId, path, row } = await createdThroughThePage('https://hooks.example.com/in', {
      min_severity: 'low',
    });
    const key = await keyOf(orgId, ['write']);
    await fetcher(
      `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
      json('PUT', handEditsState, withKey(key)),
    );
    const posted = await fetcher(
      '/api/v2/operator/report',
      json('POST', handEditsReport, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    const { report_id: scanId } = (await posted.json()) as { report_id: string };
    const html = await (await browser.fetch(`${path}/${row.id}`)).text();
    expect(html).toContain(`href="/orgs/${orgId}/scans/${scanId}"`);
    expect(html).toContain('1 delivery');
  });
});

describe('displayUrl', () => {
  it.each([
    ['https://hooks.example.com/', 'https://hooks.example.com/'],
    ['https://hooks.example.com/in', 'https://hooks.example.com/in'],
    ['https://hooks.slack.com/services/T0/B0/XYZ', 'https://hooks.slack.com/services/…'],
    ['https://h.example.com:8443/a?token=x', 'https://h.example.com:8443/a?…'],
    ['http://127.0.0.1:9000/hook', 'http://127.0.0.1:9000/hook'],
    ['not a url', '(not a URL)'],
  ])('shows %s as %s', (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });
});
