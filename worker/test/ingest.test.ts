import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import inSyncReport from '../../examples/in-sync/report.json';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import { call, count, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

const STORE_TABLES = ['cloud_accounts', 'scan_runs', 'live_resources', 'drift_sets', 'drift_chunks'];

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of STORE_TABLES) counts[table] = await count(table);
  return counts;
}

/**
 * Counts every row D1 writes to the store's tables from now on (triggers into a test-only table), so
 * "unchanged" means no insert, update or delete at all, not just equal row counts.
 */
async function rowWrites(): Promise<() => Promise<number>> {
  await env.DB.prepare('CREATE TABLE IF NOT EXISTS test_row_writes (n INTEGER)').run();
  for (const table of STORE_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await env.DB.prepare(
        `CREATE TRIGGER IF NOT EXISTS test_${table}_${event} AFTER ${event} ON ${table} BEGIN INSERT INTO test_row_writes VALUES (1); END`,
      ).run();
    }
  }
  const start = await count('test_row_writes');
  return async () => (await count('test_row_writes')) - start;
}

async function post(key: string, body: unknown) {
  return call(
    '/api/v2/operator/report',
    json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
}

async function setUp(state = handEditsState) {
  const org = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${org.orgId}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', state, withKey(org.key)),
  );
  expect(upload.status).toBe(200);
  return org;
}

async function driftOf(orgId: string, key: string, scanId: string) {
  const response = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
  return (await response.json()) as {
    items: { resource_id: string; first_seen_scan_id: string; first_seen_at: string }[];
  };
}

describe('report ingestion', () => {
  it('writes one row (the scan) when the same report comes again', async () => {
    const { key } = await setUp();
    expect((await post(key, handEditsReport)).status).toBe(201);
    const writes = await rowWrites();
    expect((await post(key, handEditsReport)).status).toBe(201);
    expect(await writes()).toBe(1);
  });

  it('writes one row when only status, managedFields and resourceVersion changed', async () => {
    const { key } = await setUp();
    expect((await post(key, handEditsReport)).status).toBe(201);
    const writes = await rowWrites();
    const resynced = structuredClone(handEditsReport);
    for (const resource of resynced.resources) {
      const properties = resource.properties as { status?: unknown; metadata: Record<string, unknown> };
      properties.status = { observedGeneration: 99 };
      properties.metadata.resourceVersion = '999999';
      // A controller's status sync moves its own entry's time; who wrote the drifted fields stays.
      const entries = (properties.metadata.managedFields ?? []) as { subresource?: string; time: string }[];
      for (const entry of entries) if (entry.subresource === 'status') entry.time = '2026-01-01T00:00:00Z';
    }
    expect((await post(key, resynced)).status).toBe(201);
    expect(await writes()).toBe(1);
  });

  it('writes a few rows, not the whole drift, when one drift item of many changes', async () => {
    const { orgId, key } = await setUp();
    const extras = Array.from({ length: 300 }, (_, i) => ({
      id: `extra-${i}`,
      normalized_type: 'k8s/configmap',
      provider_type: 'configmap',
      provider: 'kubernetes',
      name: `extra-${i}`,
      properties: {
        metadata: { name: `extra-${i}`, namespace: 'fleet', uid: `extra-${i}` },
        data: { k: 'v' },
      },
    }));
    const big = { ...handEditsReport, resources: [...handEditsReport.resources, ...extras] };
    await post(key, big);
    const [chunks] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM drift_chunks WHERE org_id = ?',
      orgId,
    );
    expect(chunks?.n).toBeGreaterThan(5);
    const scaled = structuredClone(big);
    const tracker = scaled.resources.find(
      (r) => r.name === 'tracker' && r.normalized_type === 'k8s/deployment',
    )!;
    (tracker.properties as unknown as { spec: { replicas: number } }).spec.replicas = 7;
    const writes = await rowWrites();
    expect((await post(key, scaled)).status).toBe(201);
    // The scan, the tracker's live row, its drift chunk (and at most one neighbour), the new set.
    expect(await writes()).toBeLessThanOrEqual(5);
  });

  it('rewrites only the changed object when one object changes', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    const changed = structuredClone(handEditsReport);
    const configMap = changed.resources.find((r) => r.normalized_type === 'k8s/configmap')!;
    (configMap.properties as { data: Record<string, string> }).data.NEW_KEY = 'x';
    const seen = await rows<{ resource_id: string; content_hash: string }>(
      'SELECT resource_id, content_hash FROM live_resources WHERE org_id = ?',
      orgId,
    );
    await post(key, changed);
    const now = await rows<{ resource_id: string; content_hash: string }>(
      'SELECT resource_id, content_hash FROM live_resources WHERE org_id = ?',
      orgId,
    );
    const differing = now.filter(
      (row) => seen.find((old) => old.resource_id === row.resource_id)?.content_hash !== row.content_hash,
    );
    expect(differing.map((row) => row.resource_id)).toEqual([`k8s/configmap/fleet/${configMap.name}`]);
  });

  it('removes live objects that are no longer reported', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    const fewer = { ...handEditsReport, resources: handEditsReport.resources.slice(1) };
    await post(key, fewer);
    const [row] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM live_resources WHERE org_id = ?',
      orgId,
    );
    expect(row?.n).toBe(fewer.resources.length);
  });

  it('keeps the live state of a namespace report apart from the whole-cluster one', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    await post(key, { cluster_id: 'example-cluster', namespace: '*', resources: [] });
    const [row] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM live_resources WHERE org_id = ? AND scope = 'fleet'",
      orgId,
    );
    expect(row?.n).toBe(handEditsReport.resources.length);
  });

  it('takes first_seen from the previous scan of the same cluster and namespace', async () => {
    const { orgId, key } = await setUp();
    const first = ((await (await post(key, handEditsReport)).json()) as { report_id: string }).report_id;
    const second = ((await (await post(key, handEditsReport)).json()) as { report_id: string }).report_id;
    const drift = await driftOf(orgId, key, second);
    expect(drift.items.length).toBe(3);
    expect(drift.items.every((item) => item.first_seen_scan_id === first)).toBe(true);
  });

  it('starts first_seen anew for drift that went away and came back', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    const without = { ...handEditsReport, resources: [] };
    await post(key, without);
    const third = ((await (await post(key, handEditsReport)).json()) as { report_id: string }).report_id;
    const drift = await driftOf(orgId, key, third);
    expect(drift.items.every((item) => item.first_seen_scan_id === third)).toBe(true);
  });

  it('stores nothing of a report when a step fails mid-ingest', async () => {
    const { orgId, key } = await setUp();
    const before = await tableCounts();
    // A real D1 failure at the last statement of the batch (the drift items), after the scan and live rows.
    await env.DB.prepare(
      "CREATE TRIGGER fail_drift BEFORE INSERT ON drift_sets BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    ).run();
    try {
      const response = await post(key, handEditsReport);
      expect(response.status).toBe(500);
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_drift').run();
    }
    expect(await tableCounts()).toEqual(before);
    const [scans] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM scan_runs WHERE org_id = ?', orgId);
    expect(scans?.n).toBe(0);
  });

  it('never stores raw Secret values from a report or a state', async () => {
    const { key } = await setUp(inSyncState);
    expect((await post(key, inSyncReport)).status).toBe(201);
    const secret = inSyncReport.resources.find((r) => r.normalized_type === 'k8s/secret')!;
    const data = (secret.properties as unknown as { data: Record<string, string> }).data;
    const raw = Object.values(data).flatMap((b64) => [b64, atob(b64)]);
    expect(raw.length).toBeGreaterThan(0);
    const tables = await rows<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
    );
    const dump = JSON.stringify(await Promise.all(tables.map((t) => rows(`SELECT * FROM "${t.name}"`))));
    expect(dump).toContain('hmac-sha256:');
    for (const value of raw) expect(dump).not.toContain(value);
    expect(dump).not.toContain('not-a-real-password');
  });

  it('stores live objects without status, managedFields and resourceVersion', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    const stored = await rows<{ object: string }>(
      'SELECT object FROM live_resources WHERE org_id = ?',
      orgId,
    );
    for (const { object } of stored) {
      const parsed = JSON.parse(object) as { status?: unknown; metadata: Record<string, unknown> };
      expect(parsed.status).toBeUndefined();
      expect(parsed.metadata.managedFields).toBeUndefined();
      expect(parsed.metadata.resourceVersion).toBeUndefined();
    }
  });

  it('applies ignore rules to reports after they change', async () => {
    const { orgId, key } = await setUp();
    const put = await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: 'k8s/deployment/*/tracker:spec.replicas # scaled by hand on purpose\n',
    });
    expect(put.status).toBe(200);
    const scan = ((await (await post(key, handEditsReport)).json()) as { report_id: string }).report_id;
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${scan}/drift`, { headers: withKey(key) })
    ).json()) as {
      items: { resource_id: string; changes: { path: string; ignored?: boolean }[] }[];
    };
    const tracker = drift.items.find((item) => item.resource_id === 'k8s/deployment/fleet/tracker')!;
    expect(tracker.changes.find((change) => change.path === 'spec.replicas')?.ignored).toBe(true);
  });
});

describe('identical repeat reports', () => {
  const scanOf = async (response: Response) => ((await response.json()) as { report_id: string }).report_id;
  const summaryOf = async (orgId: string, key: string, scanId: string) =>
    (
      (await (
        await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) })
      ).json()) as {
        summary: { iac: number; changed: number; extra: number };
      }
    ).summary;

  it('serve the same drift as the scan they repeat', async () => {
    const { orgId, key } = await setUp();
    const first = await scanOf(await post(key, handEditsReport));
    const second = await scanOf(await post(key, handEditsReport));
    expect(second).not.toBe(first);
    expect(await summaryOf(orgId, key, second)).toEqual(await summaryOf(orgId, key, first));
  });

  it('are matched again when a state source changed since', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    await call(`/api/v2/orgs/${orgId}/state-sources/main`, { method: 'DELETE', headers: withKey(key) });
    const again = await scanOf(await post(key, handEditsReport));
    expect(await summaryOf(orgId, key, again)).toMatchObject({ iac: 0, changed: 0, extra: 4 });
  });

  it('are matched again when the ignore rules changed since', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: 'k8s/deployment/*/*\n',
    });
    const again = await scanOf(await post(key, handEditsReport));
    expect((await summaryOf(orgId, key, again)).changed).toBe(1);
  });

  it('are matched again when another report of the same scope came in between', async () => {
    const { orgId, key } = await setUp();
    await post(key, handEditsReport);
    await post(key, { ...handEditsReport, resources: [] });
    const again = await scanOf(await post(key, handEditsReport));
    expect((await summaryOf(orgId, key, again)).changed).toBe(3);
    const [row] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM live_resources WHERE org_id = ?',
      orgId,
    );
    expect(row?.n).toBe(handEditsReport.resources.length);
  });
});

describe('driftignore', () => {
  it('returns the stored rules as text/plain', async () => {
    const { orgId, key } = await createOrgAndKey();
    const text = '# comment\nk8s/*/kube-system/*\n!k8s/deployment/kube-system/coredns\n';
    await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: text,
    });
    const response = await call(`/api/v2/orgs/${orgId}/driftignore`, { headers: withKey(key) });
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(text);
  });

  it('answers 400 naming the bad line', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: 'k8s/*/a/*\n\n:::\n',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; line: number };
    expect(body).toMatchObject({ code: 'invalid_ignore_rule', line: 3 });
  });

  it('answers 415 for a JSON body', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await call(
      `/api/v2/orgs/${orgId}/driftignore`,
      json('PUT', { rules: [] }, withKey(key)),
    );
    expect(response.status).toBe(415);
  });
});
