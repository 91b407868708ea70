// Issue 9: a page of drift reads only the chunks that can hold its items (their summaries in the drift
// set say which). Shown by removing every chunk a page must not need: the page is still served, the
// whole drift is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

const CONFIG_MAPS = 400;

let app: LibsqlApp;
let orgId: string;
let key: string;
let scanId: string;
let all: { status: string; resource_id: string; severity: string }[];

const drift = async (query: string) => {
  const response = await app.call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift?${query}`, {
    headers: withKey(key),
  });
  return {
    status: response.status,
    body: (await response.json()) as { items: typeof all; next_cursor: string | null },
  };
};

beforeAll(async () => {
  app = await libsqlApp();
  ({ orgId, key } = await app.createOrgAndKey(['read', 'write']));
  const resources = Array.from({ length: CONFIG_MAPS }, (_, i) => ({
    id: `uid-${i}`,
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes',
    name: `cm-${String(i).padStart(3, '0')}`,
    properties: {
      metadata: { name: `cm-${String(i).padStart(3, '0')}`, namespace: 'apps', uid: `uid-${i}` },
      data: { i: String(i) },
    },
  }));
  const posted = await app.call(
    '/api/v2/operator/report',
    json(
      'POST',
      { cluster_id: 'c1', namespace: 'apps', resources },
      { ...withKey(key), 'X-Test-Peer': '198.51.100.7' },
    ),
  );
  expect(posted.status).toBe(201);
  scanId = ((await posted.json()) as { report_id: string }).report_id;
  all = (await drift('')).body.items;
  expect(all).toHaveLength(CONFIG_MAPS);
});

afterAll(() => app.client.close());

/** Deletes every chunk of the scan's set except those holding the items at `keep` (indexes into `all`). */
async function keepOnlyChunksOf(keep: number[]): Promise<void> {
  const chunks = await app.client.execute({
    sql: `SELECT d.chunk_id AS id, c.items FROM scan_runs s JOIN drift_set_chunks d ON d.set_id = s.drift_set_id
      JOIN drift_chunks c ON c.id = d.chunk_id WHERE s.id = ? ORDER BY d.position`,
    args: [scanId],
  });
  expect(chunks.rows.length).toBeGreaterThan(5);
  const wanted = new Set(keep.map((index) => all[index]!.resource_id));
  for (const row of chunks.rows) {
    const ids = (JSON.parse(String(row.items)) as { resource_id: string }[]).map((item) => item.resource_id);
    if (!ids.some((id) => wanted.has(id)))
      await app.client.execute({ sql: 'DELETE FROM drift_chunks WHERE id = ?', args: [String(row.id)] });
  }
}

describe('drift paging', () => {
  it('serves the first page, a cursor page and one resource from their own chunks only', async () => {
    const first = await drift('limit=10');
    expect(first.body.items).toEqual(all.slice(0, 10));
    const second = await drift(`limit=10&cursor=${first.body.next_cursor}`);
    expect(second.body.items).toEqual(all.slice(10, 20));
    const one = all[250]!.resource_id;
    // The first 21 items (the pages and the item telling there is more) and the one resource.
    await keepOnlyChunksOf([...Array.from({ length: 21 }, (_, i) => i), 250]);
    expect(await drift('limit=10')).toEqual(first);
    expect(await drift(`limit=10&cursor=${first.body.next_cursor}`)).toEqual(second);
    const alone = await drift(`resource_id=${encodeURIComponent(one)}`);
    expect(alone.body.items).toEqual([all[250]]);
    expect(alone.body.next_cursor).toBeNull();
    // The whole drift needs the removed chunks.
    expect((await drift('')).status).toBe(500);
  });
});

describe('drift set row', () => {
  it('keeps every statement under the D1 limit when the chunk ids and summaries together would pass it', async () => {
    const { limitedLibsqlApp } = await import('./limited-libsql-app.ts');
    const limited = await limitedLibsqlApp();
    try {
      const { orgId, key: writeKey } = await limited.orgAndKey('many');
      // ~12,000 extra items: ~26 KB of chunk ids and ~62 KB of summaries, over 100 KB in one statement when
      // they were one row's; now a row per chunk, written in bulk statements under the limit.
      const resources = Array.from({ length: 12_000 }, (_, i) => ({
        id: `u-${i}`,
        normalized_type: 'k8s/configmap',
        provider_type: 'configmap',
        provider: 'kubernetes',
        name: `config-map-with-a-longer-name-${String(i).padStart(5, '0')}`,
        properties: { metadata: { namespace: 'apps', uid: `u-${i}` } },
      }));
      const posted = await limited.call(
        '/api/v2/operator/report',
        json(
          'POST',
          { cluster_id: 'c2', namespace: 'apps', resources },
          { ...withKey(writeKey), 'X-Test-Peer': '198.51.100.9' },
        ),
      );
      expect(posted.status).toBe(201);
      expect(limited.limits.violations).toEqual([]);
      const [set] = (
        await limited.standalone.client.execute(
          `SELECT COUNT(*) AS chunks, SUM(length(chunk_id)) AS ids, SUM(length(summary)) AS summaries,
            COUNT(DISTINCT set_id) AS sets FROM drift_set_chunks`,
        )
      ).rows;
      expect(Number(set!.sets)).toBe(1);
      expect(Number(set!.ids) + Number(set!.summaries)).toBeGreaterThan(80_000);
      expect(limited.limits.largestStatement).toBeLessThanOrEqual(100_000);
      const { report_id: scanId } = (await posted.json()) as { report_id: string };
      const page = await limited.call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift?limit=1`, {
        headers: withKey(writeKey),
      });
      expect(((await page.json()) as { summary: { extra: number } }).summary.extra).toBe(12_000);
    } finally {
      limited.standalone.client.close();
    }
  }, 60_000);
});
