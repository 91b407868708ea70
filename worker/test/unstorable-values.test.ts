import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { UnstorableValueError } from '../src/store/unstorable-value-error.ts';
import { stateWithSerial } from './concurrency-cases.ts';
import { call, createOrgAndKey, json, rows, withKey } from './helpers.ts';

// Issue 7, defect 3 on D1, which silently clamped a serial of 2^53 instead of refusing it.
describe('unstorable values on D1 (defect 3)', () => {
  it('answers 400 to a state with serial 2^53 and stores no source', async () => {
    const { orgId, key } = await createOrgAndKey();
    const put = await call(
      `/api/v2/orgs/${orgId}/state-sources/main/state`,
      json('PUT', stateWithSerial(2 ** 53), withKey(key)),
    );
    expect(put.status).toBe(400);
    expect(await rows('SELECT id FROM state_sources WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('refuses to write a serial beyond 2^53 - 1 even when called directly', async () => {
    const { orgId } = await createOrgAndKey();
    const at = '2026-12-01T00:00:00.000Z';
    const write = new SqlStore(drizzle(env.DB, { schema })).putStateSource(
      {
        id: crypto.randomUUID(),
        orgId,
        name: 'main',
        clusterId: null,
        serial: 2 ** 53 + 2,
        lineage: 'l',
        terraformVersion: '1.9.0',
        resourceCount: 0,
        k8sResourceCount: 0,
        skippedTypes: {},
        createdAt: at,
        updatedAt: at,
      },
      [],
    );
    await expect(write).rejects.toBeInstanceOf(UnstorableValueError);
    expect(await rows('SELECT id FROM state_sources WHERE org_id = ?', orgId)).toEqual([]);
  });
});
