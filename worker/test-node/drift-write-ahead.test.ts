import type { Client } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { json, withKey } from './libsql-app.ts';
import { limitedLibsqlApp } from './limited-libsql-app.ts';

// Issue 9: the chunks of a large drift are written ahead of the scan's transaction (so a 50,000-item drift
// is never held whole as statements). They are content-addressed and unreferenced until the scan's
// transaction lists them, so the purge may drop them in between: the scan must then not land pointing at
// missing chunks, and the report must still succeed.

const ITEMS = 1_500;
const report = {
  cluster_id: 'c1',
  namespace: 'apps',
  resources: Array.from({ length: ITEMS }, (_, i) => ({
    id: `u-${i}`,
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes',
    name: `config-${String(i).padStart(5, '0')}`,
    properties: { metadata: { namespace: 'apps', uid: `u-${i}` }, data: { key: `value-${i}` } },
  })),
};

/** The purge's chunk step (SqlStore.purgeScans), run once, right after the first write-ahead transaction. */
function purgeAfterFirstWriteAhead(deleted: { rows: number }) {
  return (client: Client): Client =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'batch') return Reflect.get(target, property, receiver);
        return async (statements: { sql: string }[], mode?: never) => {
          const results = await target.batch(statements as never, mode);
          const writeAhead = statements.every((statement) =>
            /insert into "?(drift_chunks|value_parts)"?/i.test(statement.sql),
          );
          if (writeAhead && deleted.rows === 0) {
            const purged = await target.execute(`DELETE FROM drift_chunks WHERE NOT EXISTS
              (SELECT 1 FROM drift_set_chunks d WHERE d.org_id = drift_chunks.org_id AND d.chunk_id = drift_chunks.id)`);
            deleted.rows = purged.rowsAffected;
          }
          return results;
        };
      },
    });
}

async function postAndRead(options: Parameters<typeof limitedLibsqlApp>[0]) {
  const app = await limitedLibsqlApp(options);
  try {
    const { orgId, key } = await app.orgAndKey('o');
    const posted = await app.call(
      '/api/v2/operator/report',
      json('POST', report, { ...withKey(key), 'X-Test-Peer': '198.51.100.20' }),
    );
    expect(posted.status).toBe(201);
    const { report_id: scanId } = (await posted.json()) as { report_id: string };
    const items: { resource_id: string }[] = [];
    for (let cursor = ''; ; ) {
      const page = await app.call(
        `/api/v2/orgs/${orgId}/scans/${scanId}/drift?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: withKey(key) },
      );
      expect(page.status).toBe(200);
      const body = (await page.json()) as { items: typeof items; next_cursor: string | null };
      items.push(...body.items);
      if (!body.next_cursor) break;
      cursor = body.next_cursor;
    }
    const dangling = await app.standalone.client.execute(`SELECT COUNT(*) AS n FROM drift_set_chunks d
      WHERE NOT EXISTS (SELECT 1 FROM drift_chunks c WHERE c.id = d.chunk_id AND c.org_id = d.org_id)
      AND d.set_id IN (SELECT drift_set_id FROM scan_runs)`);
    expect(app.limits.violations).toEqual([]);
    return { items: items.map((item) => item.resource_id), dangling: Number(dangling.rows[0]!.n) };
  } finally {
    app.standalone.client.close();
  }
}

describe('drift chunks written ahead', () => {
  it('give the drift the one-transaction write gives', async () => {
    const inOne = await postAndRead({});
    const ahead = await postAndRead({ store: { writeAheadBytes: 20_000 } });
    expect(inOne.items).toHaveLength(ITEMS);
    expect(ahead).toEqual(inOne);
  }, 60_000);

  it('are written again when a purge dropped them before the scan landed', async () => {
    const deleted = { rows: 0 };
    const result = await postAndRead({
      store: { writeAheadBytes: 20_000 },
      wrap: purgeAfterFirstWriteAhead(deleted),
    });
    expect(deleted.rows).toBeGreaterThan(0);
    expect(result.dangling).toBe(0);
    expect(result.items).toHaveLength(ITEMS);
  }, 60_000);
});
