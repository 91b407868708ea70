import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { startReceiver } from '../scripts/webhook-receiver.ts';
import { example } from './libsql-app.ts';

// The webhook end-to-end case (issue 14), run against the Node server and against `wrangler dev`.

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Creates an org, a key, the hand-edits state and a webhook to a receiver that fails twice, posts the
 * report, and checks: three attempts with one webhook-id, the last verified by the library's own
 * verifier, and the deliveries route showing one success and two failures.
 */
export async function webhookRoundTrip(server: { url: string; adminToken: string }) {
  const { state, report } = example('hand-edits');
  const receiver = await startReceiver(2);
  try {
    const send = async (
      path: string,
      method: string,
      body?: string,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as never };
    };
    const admin = { Authorization: `Bearer ${server.adminToken}` };
    const org = await send('/api/v2/admin/orgs', 'POST', '{"name":"hooks"}', admin);
    const orgId = (org.body as { id: string }).id;
    const key = await send(
      `/api/v2/orgs/${orgId}/api-keys`,
      'POST',
      '{"name":"k","scopes":["write"]}',
      admin,
    );
    const auth = { 'X-API-Key': (key.body as { raw_key: string }).raw_key };
    const upload = await send(
      `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
      'PUT',
      state,
      auth,
    );
    expect(upload.status).toBe(200);
    const created = await send(
      `/api/v2/orgs/${orgId}/webhooks`,
      'POST',
      JSON.stringify({
        url: receiver.url,
        events: ['drift.appeared', 'drift.resolved'],
        min_severity: 'low',
      }),
      auth,
    );
    expect(created.status).toBe(201);
    const hook = created.body as { id: string; secret: string };
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const listed = await send(`/api/v2/orgs/${orgId}/webhooks`, 'GET', undefined, auth);
    expect((listed.body as { webhooks: { secret: string }[] }).webhooks.map((w) => w.secret)).toEqual(['']);

    const posted = await send('/api/v2/operator/report', 'POST', report, auth);
    expect(posted.status).toBe(201);
    const scanId = (posted.body as { report_id: string }).report_id;

    type Attempt = { attempt: number; status: string; response_code: number | null };
    const deliveries = await until<Attempt[]>('one success after two failures', async () => {
      const page = await send(`/api/v2/orgs/${orgId}/webhooks/${hook.id}/deliveries`, 'GET', undefined, auth);
      const attempts = (page.body as { deliveries: Attempt[] }).deliveries;
      return attempts.some((attempt) => attempt.status === 'succeeded') ? attempts : undefined;
    });
    expect(deliveries.map((d) => [d.attempt, d.status, d.response_code])).toEqual([
      [3, 'succeeded', 204],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const last = receiver.received[2]!;
    const payload = new Webhook(hook.secret).verify(last.body, last.headers as Record<string, string>) as {
      type: string;
      data: { scan_id: string; events: { type: string; resource_id: string }[] };
    };
    expect(payload.type).toBe('drift.events');
    expect(payload.data.scan_id).toBe(scanId);
    expect(payload.data.events.map((event) => [event.type, event.resource_id])).toEqual([
      ['drift.appeared', 'k8s/configmap/fleet/routing-rules'],
      ['drift.appeared', 'k8s/deployment/fleet/dispatcher'],
      ['drift.appeared', 'k8s/deployment/fleet/tracker'],
    ]);
    // A forged body fails the same verifier.
    expect(() =>
      new Webhook(hook.secret).verify(
        last.body.replace('appeared', 'resolved'),
        last.headers as Record<string, string>,
      ),
    ).toThrow();
    return { payload: last.body, headers: last.headers };
  } finally {
    await receiver.stop();
  }
}

/**
 * Outside local mode, webhook URLs whose host is or resolves to a private, loopback or link-local address
 * are refused at creation with a problem+json 400 naming `url`, and nothing is stored. `localhost` goes
 * through the server's real resolver (`/etc/hosts`: no network needed).
 */
export async function privateUrlsRefused(server: { url: string; adminToken: string }): Promise<void> {
  const admin = { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' };
  const org = (await (
    await fetch(`${server.url}/api/v2/admin/orgs`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"ssrf"}',
    })
  ).json()) as { id: string };
  const key = (await (
    await fetch(`${server.url}/api/v2/orgs/${org.id}/api-keys`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"k","scopes":["write"]}',
    })
  ).json()) as { raw_key: string };
  const auth = { 'X-API-Key': key.raw_key, 'Content-Type': 'application/json' };
  const hooks = `${server.url}/api/v2/orgs/${org.id}/webhooks`;
  for (const url of [
    'https://10.0.0.5/hook',
    'https://127.0.0.1/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://localhost/hook',
    'http://127.0.0.1:9/hook',
  ]) {
    const response = await fetch(hooks, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url, events: ['drift.appeared'], min_severity: 'low' }),
    });
    const body = (await response.json()) as { code?: string; errors?: { path: string }[] };
    expect([
      url,
      response.status,
      response.headers.get('Content-Type'),
      body.code,
      body.errors?.[0]?.path,
    ]).toEqual([url, 400, 'application/problem+json', 'invalid_webhook_url', 'url']);
  }
  const listed = (await (await fetch(hooks, { headers: auth })).json()) as { webhooks: unknown[] };
  expect(listed.webhooks).toEqual([]);
}
