import { expect } from 'vitest';
import { example } from './libsql-app.ts';

// Issue 14 over HTTP, against a standalone server (Node or Deno): drift events with their filters, paging and
// authors, the baseline (accept, withdraw), and the dashboard's Scan page with the history line.

interface Event {
  type: string;
  resource_id: string;
  scan_id: string;
  changes: { path: string; live: unknown; changed_by?: { manager: string } | null }[];
}

/** The hand-edits report with the ConfigMap's hand-edited value set to `value` ('24' is the IaC's). */
function withStops(report: string, value: string): string {
  const body = JSON.parse(report) as { resources: { name: string; properties: { data?: object } }[] };
  for (const resource of body.resources) {
    if (resource.name === 'routing-rules') {
      resource.properties.data = { ...resource.properties.data, MAX_STOPS_PER_ROUTE: value };
    }
  }
  return JSON.stringify(body);
}

/** Signs in to the dashboard with the admin token (CSRF token from the form) and returns the cookie header. */
async function signIn(server: { url: string; adminToken: string }): Promise<string> {
  const cookies = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  const form = await fetch(`${server.url}/sign-in`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  expect(csrf).toBeDefined();
  const signedIn = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies(form) },
    body: new URLSearchParams({ csrf: csrf!, admin_token: server.adminToken }).toString(),
  });
  expect(signedIn.status).toBe(303);
  return cookies(signedIn);
}

/**
 * Two reports (the hand-edits example, then a second edit of its ConfigMap), then: the ConfigMap's events
 * newest first with their author, the events paged with a cursor, bad queries refused as problem+json, the
 * baseline accepted and seen on the next scan, the Scan page's history line and accepted badges, and the
 * baseline withdrawn once (a second withdrawal is a 404).
 */
export async function historyRoundTrip(server: { url: string; adminToken: string }): Promise<void> {
  const { state, report } = example('hand-edits');
  const send = async (path: string, method = 'GET', body?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('Content-Type'),
      body: (text ? JSON.parse(text) : null) as never,
    };
  };
  const admin = { Authorization: `Bearer ${server.adminToken}` };
  const org = (await send('/api/v2/admin/orgs', 'POST', '{"name":"history"}', admin)).body as { id: string };
  const key = await send(`/api/v2/orgs/${org.id}/api-keys`, 'POST', '{"name":"k","scopes":["write"]}', admin);
  const auth = { 'X-API-Key': (key.body as { raw_key: string }).raw_key };
  const api = (path: string, method = 'GET', body?: string) =>
    send(`/api/v2/orgs/${org.id}${path}`, method, body, auth);
  expect((await api('/state-sources/main/state?cluster_id=example-cluster', 'PUT', state)).status).toBe(200);
  const post = async (body: string) => {
    const posted = await send('/api/v2/operator/report', 'POST', body, auth);
    expect(posted.status).toBe(201);
    return (posted.body as { report_id: string }).report_id;
  };
  const first = await post(report);
  const second = await post(withStops(report, '41'));

  // The ConfigMap's history, newest first, each change with who wrote it.
  const scope = 'cluster_id=example-cluster&namespace=fleet';
  const routing = await api(`/drift-events?${scope}&resource_id=k8s/configmap/fleet/routing-rules`);
  expect(routing.status).toBe(200);
  const events = (routing.body as { events: Event[] }).events;
  expect(events.map((event) => [event.type, event.scan_id, event.changes[0]?.live])).toEqual([
    ['changed', second, '41'],
    ['appeared', first, '40'],
  ]);
  expect(events.map((event) => event.changes[0]?.changed_by?.manager)).toEqual([
    'kubectl-edit',
    'kubectl-edit',
  ]);

  // Paging: 4 events (3 appeared, 1 changed) in pages of 3, the cursor opaque and refused when forged.
  const page1 = (await api(`/drift-events?${scope}&limit=3`)).body as {
    events: Event[];
    next_cursor: string;
  };
  expect(page1.events).toHaveLength(3);
  const page2 = (await api(`/drift-events?${scope}&limit=3&cursor=${encodeURIComponent(page1.next_cursor)}`))
    .body as { events: Event[]; next_cursor: string | null };
  expect(page2.events).toHaveLength(1);
  expect(page2.next_cursor).toBeNull();
  expect(
    new Set([...page1.events, ...page2.events].map((event) => `${event.type} ${event.resource_id}`)).size,
  ).toBe(4);
  for (const bad of ['cursor=not-ours', 'since=yesterday', 'limit=0']) {
    const refused = await api(`/drift-events?${bad}`);
    expect([bad, refused.status, refused.type]).toEqual([bad, 400, 'application/problem+json']);
  }

  // The baseline: accept the second scan; the next scan of the same drift counts it as accepted.
  expect((await api('/scans/00000000-0000-4000-8000-000000000000/accept', 'POST')).status).toBe(404);
  const accepted = await api(`/scans/${second}/accept`, 'POST');
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ scan_id: second, accepted_items: 3 });
  const third = await post(withStops(report, '41'));
  const drift = (await api(`/scans/${third}/drift`)).body as {
    summary: { changed: number; accepted: number };
    items: { accepted: boolean }[];
  };
  expect(drift.summary).toMatchObject({ changed: 0, accepted: 3 });
  expect(drift.items.map((item) => item.accepted)).toEqual([true, true, true]);

  // The dashboard's Scan page: the ConfigMap's history line, and the accepted items marked as such.
  const cookie = await signIn(server);
  const scanPage = await fetch(`${server.url}/orgs/${org.id}/scans/${third}`, {
    headers: { Cookie: cookie },
  });
  expect(scanPage.status).toBe(200);
  const html = await scanPage.text();
  const item = html
    .split('<article')
    .find((part) => part.includes('<code>k8s/configmap/fleet/routing-rules</code>'));
  expect(item).toMatch(
    /History: first seen (just now|\d+ min ago) by kubectl-edit; changed again (just now|\d+ min ago) \(/,
  );
  expect(html.match(/<span class="badge">accepted<\/span>/g)).toHaveLength(3);
  expect(html).toContain('<strong>3</strong> accepted');

  // Withdrawn once; the next scan accepts nothing.
  expect((await api(`/scans/${second}/accept`, 'DELETE')).status).toBe(204);
  const again = await api(`/scans/${second}/accept`, 'DELETE');
  expect([again.status, again.type]).toEqual([404, 'application/problem+json']);
  const fourth = await post(withStops(report, '41'));
  const after = (await api(`/scans/${fourth}/drift`)).body as {
    summary: { changed: number; accepted: number };
  };
  expect(after.summary).toMatchObject({ changed: 3, accepted: 0 });
}
