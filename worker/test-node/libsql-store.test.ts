import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asShowJson } from '../../core/test/support/as-show-json.ts';
import { applyMigrations } from '../src/store/apply-migrations.ts';
import { readMigrations } from '../src/store/read-migrations.ts';
import {
  CLIENT_IP_HEADER,
  example,
  json,
  type LibsqlApp,
  libsqlApp,
  migrationsDir,
  withKey,
} from './libsql-app.ts';

const STORE_TABLES = [
  'orgs',
  'api_keys',
  'cloud_accounts',
  'scan_runs',
  'live_resources',
  'drift_sets',
  'drift_chunks',
];

let opened: LibsqlApp | undefined;
afterEach(() => {
  opened?.client.close();
  opened = undefined;
});
async function open(): Promise<LibsqlApp> {
  opened = await libsqlApp();
  return opened;
}

describe('applyMigrations', () => {
  it('applies every migration once and records it in d1_migrations as wrangler does', async () => {
    const client = createClient({ url: ':memory:' });
    try {
      const migrations = await readMigrations(migrationsDir);
      expect(migrations.map((m) => m.name)).toContain('0000_init.sql');
      expect(await applyMigrations(client, migrations)).toEqual(migrations.map((m) => m.name));
      expect(await applyMigrations(client, migrations)).toEqual([]);
      const { rows } = await client.execute('SELECT id, name, applied_at FROM d1_migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(migrations.map((m) => m.name));
      const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
      expect(tables.rows.map((row) => row.name)).toEqual(expect.arrayContaining(STORE_TABLES));
    } finally {
      client.close();
    }
  });

  it('leaves a migration unapplied when one of its statements fails', async () => {
    const client = createClient({ url: ':memory:' });
    try {
      const bad = { name: '0001_bad.sql', sql: 'CREATE TABLE t (a);\n--> statement-breakpoint\nNOT SQL;' };
      await expect(applyMigrations(client, [bad])).rejects.toThrow();
      const tables = await client.execute("SELECT name FROM sqlite_master WHERE name IN ('t')");
      expect(tables.rows).toHaveLength(0);
      expect((await client.execute('SELECT COUNT(*) AS n FROM d1_migrations')).rows[0]?.n).toBe(0);
    } finally {
      client.close();
    }
  });
});

describe('migration 0003_drift_set_chunks_batch_read', () => {
  it("moves each stored set's chunk list and summaries into rows, in order", async () => {
    const client = createClient({ url: ':memory:' });
    try {
      const migrations = await readMigrations(migrationsDir);
      const upTo = migrations.findIndex((m) => m.name === '0003_drift_set_chunks_batch_read.sql');
      expect(upTo).toBeGreaterThan(0);
      await applyMigrations(client, migrations.slice(0, upTo));
      await client.execute("INSERT INTO orgs (id, name, created_at) VALUES ('o', 'o', '2026-01-01')");
      const summary = (n: number) => [
        ['extra', `r${n}`, '', ''],
        ['extra', `r${n + 1}`, '', ''],
        ['extra'],
        ['medium'],
      ];
      await client.batch([
        {
          sql: "INSERT INTO drift_sets (id, org_id, chunk_ids, chunk_summaries) VALUES ('s1', 'o', ?, ?)",
          args: [JSON.stringify(['c0', 'c1', 'c2']), JSON.stringify([summary(0), summary(2), summary(4)])],
        },
        // Before summaries existed, and with summaries kept in value_parts: both read every chunk.
        "INSERT INTO drift_sets (id, org_id, chunk_ids, chunk_summaries) VALUES ('s2', 'o', '[\"c9\"]', NULL)",
        `INSERT INTO drift_sets (id, org_id, chunk_ids, chunk_summaries) VALUES ('s3', 'o', '["c8"]', '@parts:${'a'.repeat(64)}:2')`,
      ]);
      await applyMigrations(client, migrations);
      const { rows } = await client.execute(
        'SELECT set_id, org_id, position, chunk_id, summary FROM drift_set_chunks ORDER BY set_id, position',
      );
      expect(rows.map((row) => ({ ...row }))).toEqual([
        { set_id: 's1', org_id: 'o', position: 0, chunk_id: 'c0', summary: JSON.stringify(summary(0)) },
        { set_id: 's1', org_id: 'o', position: 1, chunk_id: 'c1', summary: JSON.stringify(summary(2)) },
        { set_id: 's1', org_id: 'o', position: 2, chunk_id: 'c2', summary: JSON.stringify(summary(4)) },
        { set_id: 's2', org_id: 'o', position: 0, chunk_id: 'c9', summary: null },
        { set_id: 's3', org_id: 'o', position: 0, chunk_id: 'c8', summary: null },
      ]);
      const columns = await client.execute("SELECT name FROM pragma_table_info('drift_sets')");
      expect(columns.rows.map((row) => row.name)).toEqual(['id', 'org_id']);
    } finally {
      client.close();
    }
  });
});

describe("drizzle's libSQL batch", () => {
  it('rolls back the whole batch when its last statement fails, as D1 does', async () => {
    const client = createClient({ url: ':memory:' });
    try {
      const db = drizzle(client);
      await db.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL)`);
      await expect(
        db.batch([
          db.run(sql`INSERT INTO t (a) VALUES (${'one'})`),
          db.run(sql`INSERT INTO t (a) VALUES (${'two'})`),
          db.run(sql`INSERT INTO t (a) VALUES (${null})`),
        ]),
      ).rejects.toThrow(/NOT NULL/);
      expect((await client.execute('SELECT COUNT(*) AS n FROM t')).rows[0]?.n).toBe(0);
    } finally {
      client.close();
    }
  });
});

describe('the app on libSQL', () => {
  it.each(['in-sync', 'hand-edits', 'missing-extra-manifest'] as const)(
    'serves the expected drift for %s',
    async (name) => {
      const { call, createOrgAndKey } = await open();
      const { state, report, drift } = example(name);
      const { orgId, key } = await createOrgAndKey();
      const upload = await call(
        `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
        json('PUT', state, withKey(key)),
      );
      expect(upload.status).toBe(200);
      const posted = await call('/api/v2/operator/report', json('POST', report, withKey(key)));
      expect(posted.status).toBe(201);
      const { report_id: scanId } = (await posted.json()) as { report_id: string };
      const response = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { created_at: string };
      expect(body).toEqual(
        JSON.parse(drift.replaceAll('<scan-uuid>', scanId).replaceAll('<scan-created-at>', body.created_at)),
      );
    },
  );

  it.each(['in-sync', 'hand-edits', 'missing-extra-manifest'] as const)(
    'serves the expected drift for %s from its terraform show -json output',
    async (name) => {
      const { call, createOrgAndKey } = await open();
      const { state, report, drift } = example(name);
      const { orgId, key } = await createOrgAndKey();
      const upload = await call(
        `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
        json('PUT', asShowJson(JSON.parse(state)), withKey(key)),
      );
      expect(upload.status).toBe(200);
      expect(await upload.json()).toEqual(expect.objectContaining({ serial: null, lineage: null }));
      const posted = await call('/api/v2/operator/report', json('POST', report, withKey(key)));
      const { report_id: scanId } = (await posted.json()) as { report_id: string };
      const response = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
      const body = (await response.json()) as { created_at: string };
      expect(body).toEqual(
        JSON.parse(drift.replaceAll('<scan-uuid>', scanId).replaceAll('<scan-created-at>', body.created_at)),
      );
    },
  );

  it('replaces a state-pull source with show -json output and back, whatever the serial', async () => {
    const { call, client, createOrgAndKey } = await open();
    const { state } = example('hand-edits');
    const parsed = JSON.parse(state) as { serial: number };
    const { orgId, key } = await createOrgAndKey();
    const put = (body: unknown) =>
      call(`/api/v2/orgs/${orgId}/state-sources/main/state`, json('PUT', body, withKey(key)));
    expect((await put({ ...parsed, serial: 40 })).status).toBe(200);
    expect((await put(asShowJson(JSON.parse(state)))).status).toBe(200);
    const marked = await client.execute('SELECT serial, lineage FROM state_sources');
    expect(marked.rows.map((row) => [row.serial, row.lineage])).toEqual([[-1, '']]);
    const back = await put({ ...parsed, serial: 1 });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { serial: number }).serial).toBe(1);
    const iac = await client.execute('SELECT COUNT(*) AS n FROM iac_resources');
    expect(iac.rows[0]!.n).toBe(JSON.parse(state).resources.length);
  });

  it('stores nothing of a report when the last statement of the ingest batch fails', async () => {
    const { call, createOrgAndKey, client } = await open();
    const { key } = await createOrgAndKey();
    const counts = async () =>
      Promise.all(
        STORE_TABLES.map(
          async (table) => (await client.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n,
        ),
      );
    const before = await counts();
    await client.execute(
      "CREATE TRIGGER fail_drift BEFORE INSERT ON drift_sets BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await call(
        '/api/v2/operator/report',
        json('POST', example('hand-edits').report, withKey(key)),
      );
      expect(response.status).toBe(500);
      expect(String(logged.mock.calls[0]?.at(-1))).toContain('injected failure');
    } finally {
      logged.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });

  it('answers the 121st request of one client within a minute with 429, and counts clients apart', async () => {
    const { call } = await open();
    const from = (ip: string) => json('POST', {}, { [CLIENT_IP_HEADER]: ip });
    for (let i = 0; i < 120; i++) {
      const response = await call('/api/v2/operator/report', from('192.0.2.1'));
      expect(response.status).toBe(401);
    }
    const limited = await call('/api/v2/operator/report', from('192.0.2.1'));
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('rate_limited');
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await call('/api/v2/operator/report', from('192.0.2.2'))).status).toBe(401);
  });
});

describe("a webhook's deliveries on libSQL (the Notifications page's queries)", () => {
  it('pages deliveries newest first with their attempts in order, and finds each webhook’s latest', async () => {
    const { client, store, createOrgAndKey } = await open();
    const { orgId } = await createOrgAndKey();
    const hook = (id: string) =>
      store.createWebhook({
        id,
        orgId,
        url: 'https://hooks.example.com/x',
        events: ['drift.appeared'],
        minSeverity: 'low',
        format: 'standard',
        secretBox: 'v1:x:y',
        createdAt: '2026-11-20T00:00:00.000Z',
      });
    await hook('w1');
    await hook('w2');
    for (const [id, webhook, at] of [
      ['d1', 'w1', '2026-11-20T09:00:00.000Z'],
      ['d2', 'w1', '2026-11-20T10:00:00.000Z'],
      ['d3', 'w1', '2026-11-20T11:00:00.000Z'],
      ['d4', 'w2', '2026-11-20T08:00:00.000Z'],
    ] as const) {
      await client.execute({
        sql: `INSERT INTO webhook_deliveries (id, org_id, webhook_id, scan_id, state, attempts, next_attempt_at, created_at)
              VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
        args: [id, orgId, webhook, `scan-${id}`, at, at],
      });
    }
    for (const [code, error] of [
      [500, 'HTTP 500'],
      [null, 'timeout'],
      [204, null],
    ] as const) {
      await client.execute({
        sql: `INSERT INTO webhook_attempts (delivery_id, webhook_id, at, status, response_code, error)
              VALUES ('d2', 'w1', '2026-11-20T10:00:01.000Z', ?, ?, ?)`,
        args: [code === 204 ? 'succeeded' : 'failed', code, error],
      });
    }
    const first = await store.listDeliveries(orgId, 'w1', { limit: 2, offset: 0 });
    expect(first?.total).toBe(3);
    expect(first?.deliveries.map((d) => d.id)).toEqual(['d3', 'd2']);
    expect(first?.deliveries[1]?.attempts).toEqual([
      { at: '2026-11-20T10:00:01.000Z', status: 'failed', responseCode: 500, error: 'HTTP 500' },
      { at: '2026-11-20T10:00:01.000Z', status: 'failed', responseCode: null, error: 'timeout' },
      { at: '2026-11-20T10:00:01.000Z', status: 'succeeded', responseCode: 204, error: null },
    ]);
    expect(first?.deliveries[0]?.attempts).toEqual([]);
    const second = await store.listDeliveries(orgId, 'w1', { limit: 2, offset: 2 });
    expect(second?.deliveries.map((d) => d.id)).toEqual(['d1']);
    expect(await store.listDeliveries('another-org', 'w1', { limit: 2, offset: 0 })).toBeUndefined();
    const latest = await store.latestDeliveries(orgId);
    expect(Object.fromEntries([...latest].map(([webhook, d]) => [webhook, d.id]))).toEqual({
      w1: 'd3',
      w2: 'd4',
    });
  });
});
