import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import { purgeOldScans } from '../src/retention/purge-old-scans.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { asAdmin, count, freshIp, json, rows, withKey } from './helpers.ts';

// Issue 14: drift events written at ingest, `GET …/drift-events`, and the baseline.
const minute = (n: number) => new Date(Date.UTC(2026, 10, 20, 9, n));

interface Event {
  id: string;
  type: string;
  scan_id: string;
  at: string;
  cluster_id: string;
  namespace: string;
  resource_id: string;
  status: string;
  severity: string;
  accepted: boolean;
  changes: { path: string; iac: unknown; live: unknown; changed_by?: unknown }[];
}

interface Drift {
  summary: Record<string, number>;
  items: { resource_id: string; accepted: boolean }[];
}

/** The hand-edits example with the ConfigMap's hand-edited value set to `value` ('24' is the IaC's). */
function withStops(value: string, resources = handEditsReport.resources) {
  return {
    ...handEditsReport,
    resources: resources.map((resource) =>
      resource.name === 'routing-rules'
        ? {
            ...resource,
            properties: {
              ...resource.properties,
              data: { ...(resource.properties as { data: object }).data, MAX_STOPS_PER_ROUTE: value },
            },
          }
        : resource,
    ),
  };
}

async function world(scopes = ['write']) {
  let clock = minute(0);
  const app = createApp({ now: () => clock });
  const call = (path: string, init: RequestInit = {}) =>
    app.fetch(new Request(`https://driftwise.test${path}`, init), env);
  const org = (await (await call('/api/v2/admin/orgs', json('POST', { name: 'h' }, asAdmin))).json()) as {
    id: string;
  };
  const keyOf = async (keyScopes: string[]) =>
    (
      (await (
        await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k', scopes: keyScopes }, asAdmin))
      ).json()) as { raw_key: string }
    ).raw_key;
  const key = await keyOf(scopes);
  const upload = await call(
    `/api/v2/orgs/${org.id}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', handEditsState, withKey(key)),
  );
  expect(upload.status).toBe(200);
  const report = async (at: number, body: unknown = handEditsReport) => {
    clock = minute(at);
    const response = await call(
      '/api/v2/operator/report',
      json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { report_id: string }).report_id;
  };
  const get = (path: string, withCredential = key) =>
    call(`/api/v2/orgs/${org.id}${path}`, { headers: withKey(withCredential) });
  const events = async (query = '') => {
    const response = await get(`/drift-events${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { events: Event[]; next_cursor: string | null };
  };
  const drift = async (scanId: string) => (await (await get(`/scans/${scanId}/drift`)).json()) as Drift;
  const accept = (scanId: string, method = 'POST', credential = key) =>
    call(`/api/v2/orgs/${org.id}/scans/${scanId}/accept`, { method, headers: withKey(credential) });
  return { orgId: org.id, key, keyOf, call, report, get, events, drift, accept };
}

describe('drift events at ingest', () => {
  it('records every item of a first scan as appeared, in resource_id order', async () => {
    const { report, events } = await world();
    const scanId = await report(0);
    const { events: listed } = await events();
    expect(listed.map((event) => [event.type, event.resource_id])).toEqual([
      ['appeared', 'k8s/configmap/fleet/routing-rules'],
      ['appeared', 'k8s/deployment/fleet/dispatcher'],
      ['appeared', 'k8s/deployment/fleet/tracker'],
    ]);
    expect(listed[0]).toMatchObject({
      scan_id: scanId,
      at: minute(0).toISOString(),
      cluster_id: 'example-cluster',
      namespace: 'fleet',
      status: 'changed',
      severity: 'medium',
      changes: [{ path: 'data.MAX_STOPS_PER_ROUTE', iac: '24', live: '40' }],
    });
  });

  it('keeps who last wrote each live value, from the item (for resolved: the last one seen)', async () => {
    const { report, events } = await world();
    await report(0);
    await report(1, withStops('24'));
    const { events: listed } = await events('?resource_id=k8s/configmap/fleet/routing-rules');
    const author = {
      manager: 'kubectl-edit',
      operation: 'Update',
      subresource: null,
      time: '2025-04-22T10:07:15Z',
    };
    expect(listed.map((event) => [event.type, event.changes.map((change) => change.changed_by)])).toEqual([
      ['resolved', [author]],
      ['appeared', [author]],
    ]);
  });

  it('records nothing when the drift is unchanged, by the full path and by the repeat shortcut', async () => {
    const { orgId, report } = await world();
    await report(0);
    await report(1); // identical body: the repeat shortcut
    await report(2, { ...handEditsReport, resources: [...handEditsReport.resources].reverse() });
    const [stored] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM drift_events WHERE org_id = ?',
      orgId,
    );
    expect(stored?.n).toBe(3);
  });

  it('records changed when a value moves and resolved when the drift goes away', async () => {
    const { report, events } = await world();
    await report(0);
    const moved = await report(1, withStops('41'));
    const fixed = await report(2, withStops('24'));
    const { events: listed } = await events('?resource_id=k8s/configmap/fleet/routing-rules');
    expect(listed.map((event) => [event.type, event.scan_id, event.changes[0]?.live])).toEqual([
      ['resolved', fixed, '41'],
      ['changed', moved, '41'],
      ['appeared', listed[2]!.scan_id, '40'],
    ]);
  });

  it('stores no event of a report whose write fails', async () => {
    const { orgId, call, key } = await world();
    await env.DB.prepare(
      "CREATE TRIGGER fail_events BEFORE INSERT ON drift_sets BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    ).run();
    const before = await count('drift_events');
    try {
      const response = await call(
        '/api/v2/operator/report',
        json('POST', handEditsReport, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
      );
      expect(response.status).toBe(500);
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_events').run();
    }
    expect(await count('drift_events')).toBe(before);
    expect(await rows('SELECT id FROM drift_events WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('drops the events of scans that retention removes', async () => {
    const { orgId, report } = await world();
    const old = await report(0);
    const kept = await report(1, withStops('41'));
    const store = new SqlStore(drizzle(env.DB, { schema }));
    await purgeOldScans({
      store,
      retentionDays: '1',
      now: () => new Date(minute(1).getTime() + 2 * 86_400_000),
    });
    const left = await rows<{ scan_id: string }>(
      'SELECT DISTINCT scan_id FROM drift_events WHERE org_id = ?',
      orgId,
    );
    expect(left.map((row) => row.scan_id)).toEqual([kept]);
    expect(left.map((row) => row.scan_id)).not.toContain(old);
  });
});

describe('GET /drift-events', () => {
  it('pages newest first with an opaque cursor', async () => {
    const { report, events } = await world();
    await report(0);
    await report(1, withStops('41'));
    const first = await events('?limit=2');
    expect(first.events.map((event) => event.type)).toEqual(['changed', 'appeared']);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await events(`?limit=2&cursor=${first.next_cursor}`);
    expect(second.events.map((event) => event.resource_id)).toEqual([
      'k8s/deployment/fleet/dispatcher',
      'k8s/deployment/fleet/tracker',
    ]);
    expect(second.next_cursor).toBeNull();
  });

  it('filters by cluster, namespace and time', async () => {
    const { report, events } = await world();
    await report(0);
    await report(10, withStops('41'));
    expect((await events('?cluster_id=example-cluster&namespace=fleet')).events).toHaveLength(4);
    expect((await events('?cluster_id=other')).events).toEqual([]);
    expect((await events('?namespace=payments')).events).toEqual([]);
    const since = await events(`?since=${encodeURIComponent('2026-11-20T10:10:00+01:00')}`);
    expect(since.events.map((event) => event.type)).toEqual(['changed']);
  });

  it('answers 400 naming each bad parameter', async () => {
    const { get } = await world();
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=abc', 'limit'],
      ['?since=yesterday', 'since'],
      ['?cursor=bm9wZQ', 'cursor'],
      [`?cursor=${btoa('s5').replace(/=+$/, '')}`, 'cursor'],
    ] as const) {
      const response = await get(`/drift-events${query}`);
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code).toBe('invalid_request');
      expect(problem.errors.map((error) => error.path)).toContain(path);
    }
  });

  it("answers 404 for another org's events", async () => {
    const mine = await world();
    const theirs = await world();
    await theirs.report(0);
    const response = await mine.call(`/api/v2/orgs/${theirs.orgId}/drift-events`, {
      headers: withKey(mine.key),
    });
    expect(response.status).toBe(404);
  });
});

describe('baseline', () => {
  it('marks later items equal to accepted ones and counts them as accepted instead of changed', async () => {
    const { report, accept, drift } = await world();
    const first = await report(0);
    const response = await accept(first);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ scan_id: first, accepted_items: 3 });
    const later = await drift(await report(1));
    expect(later.items.map((item) => item.accepted)).toEqual([true, true, true]);
    expect(later.summary).toEqual({
      live: 4,
      iac: 4,
      in_sync: 1,
      missing: 0,
      extra: 0,
      changed: 0,
      accepted: 3,
      coverage: 1,
    });
  });

  it('leaves the accepted scan itself as it was', async () => {
    const { report, accept, drift } = await world();
    const first = await report(0);
    await accept(first);
    expect((await drift(first)).summary.accepted).toBe(0);
  });

  it('unaccepts an item whose change moved on, and only that item', async () => {
    const { report, accept, drift } = await world();
    await accept(await report(0));
    const later = await drift(await report(1, withStops('41')));
    expect(later.items.map((item) => [item.resource_id, item.accepted])).toEqual([
      ['k8s/configmap/fleet/routing-rules', false],
      ['k8s/deployment/fleet/dispatcher', true],
      ['k8s/deployment/fleet/tracker', true],
    ]);
    expect(later.summary).toMatchObject({ changed: 1, accepted: 2, in_sync: 1 });
  });

  it('marks events of accepted items accepted, and not those of other drift of the resource', async () => {
    const { report, accept, events } = await world();
    await accept(await report(0));
    // Reported without objects, the IaC's objects are `missing`: another drift, not the accepted one.
    await report(1, { ...handEditsReport, resources: [] });
    await report(2);
    await report(3, withStops('41'));
    const { events: listed } = await events('?resource_id=k8s/configmap/fleet/routing-rules');
    expect(listed.map((event) => [event.type, event.status, event.accepted])).toEqual([
      ['changed', 'changed', false],
      ['changed', 'changed', true],
      ['changed', 'missing', false],
      ['appeared', 'changed', false],
    ]);
  });

  it('accepts nothing once withdrawn, and a second withdrawal is a 404', async () => {
    const { report, accept, drift } = await world();
    const first = await report(0);
    await accept(first);
    expect((await accept(first, 'DELETE')).status).toBe(204);
    const later = await drift(await report(1, { ...handEditsReport, custom_prompt: 'x' }));
    expect(later.summary).toMatchObject({ changed: 3, accepted: 0 });
    expect((await accept(first, 'DELETE')).status).toBe(404);
  });

  it('applies to an identical repeat report after the accept (no stale shortcut)', async () => {
    const { report, accept, drift } = await world();
    const first = await report(0);
    await accept(first);
    expect((await drift(await report(1))).summary.accepted).toBe(3);
  });

  it('answers 403 to a read key and 404 for an unknown scan', async () => {
    const { report, accept, keyOf } = await world();
    const first = await report(0);
    const reader = await keyOf(['read']);
    expect((await accept(first, 'POST', reader)).status).toBe(403);
    expect((await accept(crypto.randomUUID())).status).toBe(404);
  });
});
