import { createClient } from '@libsql/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyMigrations } from '../src/store/apply-migrations.ts';
import { libsqlD1 } from '../src/store/libsql-d1.ts';
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

describe('libsqlD1', () => {
  async function database() {
    const client = createClient({ url: ':memory:' });
    const d1 = libsqlD1(client);
    await d1.prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER)').run();
    return { client, d1 };
  }

  it('binds numbered parameters and answers all, raw, first and run as D1 does', async () => {
    const { client, d1 } = await database();
    try {
      const insert = d1.prepare('INSERT INTO t (a, b) VALUES (?2, ?1)');
      const run = await insert.bind(7, 'x').run();
      expect(run.meta).toMatchObject({ changes: 1, last_row_id: 1 });
      await insert.bind(8, 'y').run();
      const all = await d1.prepare('SELECT a, b FROM t WHERE b >= ?1 ORDER BY b').bind(7).all();
      expect(all.success).toBe(true);
      expect(all.results).toEqual([
        { a: 'x', b: 7 },
        { a: 'y', b: 8 },
      ]);
      expect(await d1.prepare('SELECT a, b FROM t ORDER BY b').raw()).toEqual([
        ['x', 7],
        ['y', 8],
      ]);
      expect(await d1.prepare('SELECT a, b FROM t ORDER BY b').raw({ columnNames: true })).toEqual([
        ['a', 'b'],
        ['x', 7],
        ['y', 8],
      ]);
      expect(await d1.prepare('SELECT a FROM t WHERE b = ?1').bind(8).first()).toEqual({ a: 'y' });
      expect(await d1.prepare('SELECT a FROM t WHERE b = ?1').bind(8).first('a')).toBe('y');
      expect(await d1.prepare('SELECT a FROM t WHERE b = ?1').bind(9).first()).toBeNull();
      expect(() => d1.prepare('SELECT 1').bind(undefined)).toThrow(/D1_TYPE_ERROR/);
    } finally {
      client.close();
    }
  });

  it('rolls back the whole batch when its last statement fails', async () => {
    const { client, d1 } = await database();
    try {
      const insert = d1.prepare('INSERT INTO t (a, b) VALUES (?1, ?2)');
      await expect(
        d1.batch([insert.bind('one', 1), insert.bind('two', 2), insert.bind(null, 3)]),
      ).rejects.toThrow(/NOT NULL/);
      expect(await d1.prepare('SELECT COUNT(*) AS n FROM t').first('n')).toBe(0);
      const results = await d1.batch([insert.bind('one', 1), d1.prepare('SELECT a FROM t')]);
      expect(results[1]?.results).toEqual([{ a: 'one' }]);
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
