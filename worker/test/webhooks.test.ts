import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import { purgeOldScans } from '../src/retention/purge-old-scans.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import type { ListedDriftEvent } from '../src/store/store.ts';
import { deliverableEvents } from '../src/webhooks/deliverable-events.ts';
import { deliveryRetry } from '../src/webhooks/delivery-retry.ts';
import { dispatchDeliveries } from '../src/webhooks/dispatch-deliveries.ts';
import { isPrivateAddress } from '../src/webhooks/is-private-address.ts';
import { webhookPayload } from '../src/webhooks/webhook-payload.ts';
import { asAdmin, freshIp, json, rows, withKey } from './helpers.ts';

// Issue 14: webhooks in workerd (creation checks, the outbox, the dispatcher with an injected fetch).
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'internal.example.com': ['10.0.0.5'],
  'mixed.example.com': ['93.184.216.34', 'fd00::1'],
};
const resolveHost = async (host: string) => DNS[host] ?? [];
const store = new SqlStore(drizzle(env.DB, { schema }));

async function world() {
  const app = createApp({ resolveHost });
  const call = (path: string, init: RequestInit = {}) =>
    app.fetch(new Request(`https://driftwise.test${path}`, init), env);
  const org = (await (await call('/api/v2/admin/orgs', json('POST', { name: 'w' }, asAdmin))).json()) as {
    id: string;
  };
  const keyOf = async (scopes: string[]) =>
    (
      (await (
        await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k', scopes }, asAdmin))
      ).json()) as { raw_key: string }
    ).raw_key;
  const key = await keyOf(['write']);
  await call(
    `/api/v2/orgs/${org.id}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', handEditsState, withKey(key)),
  );
  const createHook = (body: unknown, credential = key) =>
    call(`/api/v2/orgs/${org.id}/webhooks`, json('POST', body, withKey(credential)));
  const report = async (body: unknown = handEditsReport) => {
    const response = await call(
      '/api/v2/operator/report',
      json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    return ((await response.json()) as { report_id: string }).report_id;
  };
  const outbox = () =>
    rows<{ scan_id: string }>('SELECT scan_id FROM webhook_deliveries WHERE org_id = ?', org.id);
  return { orgId: org.id, key, keyOf, call, createHook, report, outbox };
}

const hookBody = (url: string, extra: object = {}) => ({
  url,
  events: ['drift.appeared', 'drift.resolved'],
  min_severity: 'low',
  format: 'standard',
  ...extra,
});

describe('POST /webhooks', () => {
  it.each([
    ['http://127.0.0.1:9/hook', 'https is required'],
    ['https://internal.example.com/hook', 'private'],
    ['https://mixed.example.com/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'private'],
    ['https://[::1]/hook', 'private'],
    ['https://nowhere.example.com/hook', 'does not resolve'],
    ['https://user:pw@hooks.example.com/hook', 'credentials'],
    ['ftp://hooks.example.com/hook', 'https is required'],
  ])('refuses %s outside local mode and stores nothing', async (url, reason) => {
    const { orgId, createHook } = await world();
    const response = await createHook(hookBody(url));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('invalid_webhook_url');
    expect(problem.errors[0]?.path).toBe('url');
    expect(problem.errors[0]?.message).toContain(reason);
    expect(await rows('SELECT id FROM webhooks WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('creates a webhook with a secret shown once and stored sealed', async () => {
    const { orgId, key, call, createHook } = await world();
    const response = await createHook(hookBody('https://hooks.example.com/hook', { min_severity: 'high' }));
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; secret: string; min_severity: string };
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.min_severity).toBe('high');
    const listed = (await (
      await call(`/api/v2/orgs/${orgId}/webhooks`, { headers: withKey(key) })
    ).json()) as {
      webhooks: { id: string; secret: string }[];
    };
    expect(listed.webhooks).toEqual([expect.objectContaining({ id: created.id, secret: '' })]);
    const [stored] = await rows<{ secret_box: string }>(
      'SELECT secret_box FROM webhooks WHERE id = ?',
      created.id,
    );
    expect(stored?.secret_box).toMatch(/^v1:/);
    expect(stored?.secret_box).not.toContain(created.secret.slice(6));
  });

  it('answers 400 naming bad fields, 403 to a read key', async () => {
    const { createHook, keyOf } = await world();
    const bad = await createHook(hookBody('https://hooks.example.com/x', { events: ['drift.changed'] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toMatch(/^events/);
    const reader = await keyOf(['read']);
    expect((await createHook(hookBody('https://hooks.example.com/x'), reader)).status).toBe(403);
  });

  it('deletes a webhook once: 204 then 404', async () => {
    const { orgId, key, call, createHook } = await world();
    const { id } = (await (await createHook(hookBody('https://hooks.example.com/x'))).json()) as {
      id: string;
    };
    const remove = () =>
      call(`/api/v2/orgs/${orgId}/webhooks/${id}`, { method: 'DELETE', headers: withKey(key) });
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(404);
  });
});

describe('webhook outbox', () => {
  it('gets one delivery per scan with appeared or resolved events, none for unchanged drift', async () => {
    const { createHook, report, outbox } = await world();
    await createHook(hookBody('https://hooks.example.com/x'));
    const first = await report();
    await report({ ...handEditsReport, custom_prompt: 'same drift' });
    const resolved = await report({ ...handEditsReport, resources: [] });
    expect((await outbox()).map((row) => row.scan_id).sort()).toEqual([first, resolved].sort());
  });

  it('gets nothing below min_severity', async () => {
    const { createHook, report, outbox } = await world();
    await createHook(hookBody('https://hooks.example.com/x', { min_severity: 'high' }));
    await report();
    expect(await outbox()).toEqual([]);
  });

  it('gets nothing when the scan write fails', async () => {
    const { createHook, call, key, outbox } = await world();
    await createHook(hookBody('https://hooks.example.com/x'));
    await env.DB.prepare(
      "CREATE TRIGGER fail_outbox BEFORE INSERT ON drift_sets BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    ).run();
    try {
      const response = await call(
        '/api/v2/operator/report',
        json('POST', handEditsReport, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
      );
      expect(response.status).toBe(500);
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_outbox').run();
    }
    expect(await outbox()).toEqual([]);
  });
});

describe('webhook retention', () => {
  it('drops the deliveries and attempts of scans that retention removes', async () => {
    const w = await world();
    await w.createHook(hookBody('https://hooks.example.com/x'));
    const old = await w.report();
    const kept = await w.report({ ...handEditsReport, resources: [] });
    await dispatchDeliveries({
      store,
      pepper: env.API_KEY_PEPPER,
      localMode: false,
      resolve: resolveHost,
      fetch: (async () => new Response(null, { status: 500 })) as unknown as typeof fetch,
      // Other tests' deliveries share the database: claim them all, so this one is surely among them.
      limit: 1000,
    });
    const attemptsOf = (scanId: string) =>
      rows(
        'SELECT a.seq FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.scan_id = ?',
        scanId,
      );
    expect(await attemptsOf(old)).toHaveLength(1);
    await purgeOldScans({ store, retentionDays: '1', now: () => new Date(Date.now() + 3 * 86_400_000) });
    expect((await w.outbox()).map((row) => row.scan_id)).toEqual([kept]);
    expect(await rows('SELECT id FROM webhook_deliveries WHERE scan_id = ?', old)).toEqual([]);
    expect(
      await rows(
        'SELECT seq FROM webhook_attempts WHERE delivery_id NOT IN (SELECT id FROM webhook_deliveries)',
      ),
    ).toEqual([]);
  });
});

describe('dispatchDeliveries', () => {
  const pepper = env.API_KEY_PEPPER;

  async function pending(respond: (request: Request) => Promise<Response>) {
    const w = await world();
    const { secret, id } = (await (await w.createHook(hookBody('https://hooks.example.com/x'))).json()) as {
      secret: string;
      id: string;
    };
    await w.report();
    const sent: Request[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return respond(request);
    }) as typeof fetch;
    return { ...w, secret, id, sent, fetcher };
  }

  it('signs each delivery so the standardwebhooks verifier accepts it inside workerd', async () => {
    const { secret, id, sent, fetcher } = await pending(async () => new Response(null, { status: 204 }));
    const result = await dispatchDeliveries({
      store,
      pepper,
      localMode: false,
      resolve: resolveHost,
      fetch: fetcher,
    });
    expect(result.succeeded).toBeGreaterThanOrEqual(1);
    // Other tests' deliveries share the database: pick this webhook's by its delivery id.
    const [delivery] = await rows<{ id: string }>(
      'SELECT id FROM webhook_deliveries WHERE webhook_id = ?',
      id,
    );
    const mine = sent.find((r) => r.headers.get('webhook-id') === delivery?.id)!;
    const payload = new Webhook(secret).verify(await mine.text(), Object.fromEntries(mine.headers)) as {
      data: { events: unknown[] };
    };
    expect(payload.data.events).toHaveLength(3);
  });

  it('records a redirect as a failure and does not follow it', async () => {
    const { orgId, key, call, id, sent, fetcher } = await pending(
      async () => new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/' } }),
    );
    await dispatchDeliveries({ store, pepper, localMode: false, resolve: resolveHost, fetch: fetcher });
    expect(sent.every((request) => request.redirect === 'manual')).toBe(true);
    const page = (await (
      await call(`/api/v2/orgs/${orgId}/webhooks/${id}/deliveries`, { headers: withKey(key) })
    ).json()) as { deliveries: { status: string; response_code: number; delivery_state: string }[] };
    expect(page.deliveries).toEqual([
      expect.objectContaining({ status: 'failed', response_code: 302, delivery_state: 'pending' }),
    ]);
  });

  it('fails an attempt on a receiver slower than the timeout', async () => {
    const { orgId, key, call, id, fetcher } = await pending(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    );
    const started = Date.now();
    await dispatchDeliveries({
      store,
      pepper,
      localMode: false,
      resolve: resolveHost,
      fetch: fetcher,
      timeoutMs: 50,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const page = (await (
      await call(`/api/v2/orgs/${orgId}/webhooks/${id}/deliveries`, { headers: withKey(key) })
    ).json()) as { deliveries: { status: string; response_code: null; error: string }[] };
    expect(page.deliveries[0]).toMatchObject({ status: 'failed', response_code: null });
    expect(page.deliveries[0]?.error).toMatch(/Timeout|abort/i);
  });
});

describe('deliveryRetry', () => {
  const createdAt = '2026-11-20T00:00:00.000Z';
  it('doubles the delay with jitter between half and all of it', () => {
    const now = new Date('2026-11-20T01:00:00.000Z');
    const at = (attempts: number, random: number) =>
      Date.parse(deliveryRetry({ attempts, createdAt, now, random: () => random }).nextAttemptAt) -
      now.getTime();
    expect([at(1, 0), at(1, 1), at(2, 0), at(3, 1)]).toEqual([15_000, 30_000, 30_000, 120_000]);
  });

  it('gives up once the next attempt would be more than 24 hours after the scan', () => {
    const now = new Date('2026-11-20T23:59:50.000Z');
    expect(deliveryRetry({ attempts: 12, createdAt, now, random: () => 0 }).state).toBe('failed');
  });
});

describe('webhook payloads', () => {
  const event = (over: Partial<ListedDriftEvent>): ListedDriftEvent => ({
    seq: 1,
    id: 'e1',
    scanId: 's1',
    at: '2026-11-20T09:00:00.000Z',
    clusterId: 'c',
    namespace: 'n',
    type: 'appeared',
    resourceId: 'k8s/configmap/n/x',
    status: 'changed',
    severity: 'high',
    accepted: false,
    changes: [{ path: 'data.a', iac: '1', live: '2' }],
    ...over,
  });

  it('redacts Secret values and keeps their paths', () => {
    const body = webhookPayload({
      format: 'standard',
      scanId: 's1',
      events: [
        event({
          resourceId: 'k8s/secret/n/db',
          changes: [{ path: 'data.password', iac: 'hmac-sha256:k1:ab', live: null }],
        }),
      ],
    });
    expect(JSON.parse(body).data.events[0].changes).toEqual([
      { path: 'data.password', iac: '(redacted)', live: null },
    ]);
  });

  it('sends a Slack message with text and a mrkdwn section when the format is slack', () => {
    const body = JSON.parse(webhookPayload({ format: 'slack', scanId: 's1', events: [event({})] }));
    expect(body.text).toBe('DriftWise: 1 drift event(s) in c / n');
    expect(body.blocks[0].text.type).toBe('mrkdwn');
    expect(body.blocks[0].text.text).toContain('`k8s/configmap/n/x`');
  });

  it('leaves out accepted items, changed events and those below min_severity', () => {
    const events = [
      event({ id: 'a' }),
      event({ id: 'b', accepted: true }),
      event({ id: 'c', type: 'changed' }),
      event({ id: 'd', severity: 'low' }),
      event({ id: 'e', type: 'resolved', severity: 'critical' }),
    ];
    const kept = deliverableEvents(events, {
      events: ['drift.appeared', 'drift.resolved'],
      minSeverity: 'medium',
    });
    expect(kept.map((e) => e.id)).toEqual(['a', 'e']);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd12::1', true],
    ['::ffff:10.0.0.1', true],
    ['not-an-ip', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
  ])('answers %s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
