import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import inSyncReport from '../../examples/in-sync/report.json';
import { ingestBatchPart } from '../src/ingest/ingest-batch-part.ts';
import { orgSecretKey } from '../src/ingest/org-secret-key.ts';
import { purgeOldScans } from '../src/retention/purge-old-scans.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { createOrgAndKey, rows } from './helpers.ts';

const store = new SqlStore(drizzle(env.DB, { schema }));
const start = new Date('2026-12-01T10:00:00.000Z');
const later = (minutes: number) => () => new Date(start.getTime() + minutes * 60_000);

async function partsOf(total: number) {
  const { orgId } = await createOrgAndKey(['write']);
  const { hasher } = await orgSecretKey(env.API_KEY_PEPPER, orgId);
  const id = crypto.randomUUID();
  const report = inSyncReport as unknown as Parameters<typeof ingestBatchPart>[0];
  const part = (index: number) => ({
    ...report,
    generate_iac: false,
    iac_format: 'terraform' as const,
    custom_prompt: '',
    resources: report.resources.slice(index, index + 1),
    batch: { id, index, total },
  });
  return { orgId, id, part, options: { store, orgId, secretHasher: hasher } };
}

describe('batch expiry', () => {
  it('answers 409 batch_expired for a part after 15 minutes', async () => {
    const { part, options } = await partsOf(3);
    await ingestBatchPart(part(0), { ...options, now: later(0) });
    await expect(ingestBatchPart(part(1), { ...options, now: later(15) })).rejects.toMatchObject({
      status: 409,
      code: 'batch_expired',
    });
  });

  it('still accepts a part within 15 minutes', async () => {
    const { part, options } = await partsOf(3);
    await ingestBatchPart(part(0), { ...options, now: later(0) });
    const answer = await ingestBatchPart(part(1), { ...options, now: later(14) });
    expect(answer).toMatchObject({ status: 202, received: 2, total: 3 });
  });

  it('drops the staged objects of an expired batch when another part arrives', async () => {
    const { orgId, part, options } = await partsOf(3);
    await ingestBatchPart(part(0), { ...options, now: later(0) });
    await ingestBatchPart(part(1), { ...options, now: later(15) }).catch(() => undefined);
    expect(await rows('SELECT 1 FROM report_batch_objects WHERE org_id = ?', orgId)).toEqual([]);
    expect(await rows('SELECT 1 FROM report_batch_parts WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('drops the staged objects of an expired batch with the retention job', async () => {
    const { orgId, part, options } = await partsOf(3);
    await ingestBatchPart(part(0), { ...options, now: later(0) });
    await purgeOldScans({ store, now: later(16) });
    expect(await rows('SELECT 1 FROM report_batch_objects WHERE org_id = ?', orgId)).toEqual([]);
    const [batch] = await rows<{ state: string }>('SELECT state FROM report_batches WHERE org_id = ?', orgId);
    expect(batch?.state).toBe('expired');
  });
});
