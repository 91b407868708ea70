import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import { dumpStore } from './dump-store.ts';
import { fuzzedIgnore, fuzzedState, mutate } from './fuzz-inputs.ts';
import { call, count, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';
import { leaksIn } from './secret-cases.ts';

const TABLES = ['scan_runs', 'live_resources', 'drift_sets', 'drift_chunks', 'cloud_accounts'];

const anyJson = fc.jsonValue({ maxDepth: 3 });

const resource = fc.record({
  id: fc.oneof(fc.uuid(), fc.string()),
  normalized_type: fc.oneof(fc.constantFrom('k8s/deployment', 'k8s/secret', 'k8s/configmap'), fc.string()),
  provider_type: fc.constantFrom('deployment', 'secret', 'configmap', 'Deployment'),
  provider: fc.constantFrom('kubernetes', 'aws'),
  name: fc.oneof(fc.constantFrom('api', 'db'), fc.string()),
  properties: fc.oneof(
    fc.record({
      metadata: fc.record({ namespace: fc.constantFrom('default', 'BAD', 'fleet') }),
      spec: anyJson,
    }),
    anyJson,
  ),
});

const generated = fc.record(
  {
    cluster_id: fc.oneof(fc.constant('fuzz'), fc.string()),
    namespace: fc.constantFrom('default', '*', 'Not Valid', ''),
    resources: fc.array(resource, { maxLength: 4 }),
    generate_iac: fc.oneof(fc.boolean(), anyJson),
  },
  { requiredKeys: [] },
);

const mutated = fc
  .tuple(
    fc.array(fc.oneof(fc.nat(), fc.constantFrom('resources', 'properties', 'metadata')), { maxLength: 5 }),
    anyJson,
  )
  .map(([path, replacement]) => mutate(handEditsReport, path, replacement));

async function snapshot() {
  return Promise.all(TABLES.map(count));
}

describe('operator report fuzz', () => {
  it('never answers 5xx and never stores part of a scan', async () => {
    const { key } = await createOrgAndKey(['write']);
    await fc.assert(
      fc.asyncProperty(fc.oneof(generated, mutated, anyJson), async (body) => {
        const before = await snapshot();
        const response = await call(
          '/api/v2/operator/report',
          json('POST', JSON.stringify(body) ?? 'null', { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
        );
        expect(response.status).toBeLessThan(500);
        const after = await snapshot();
        if (response.status === 201) expect(after[0]).toBe(before[0]! + 1);
        else expect(after).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('never answers 5xx for truncated or garbled bodies', async () => {
    const { key } = await createOrgAndKey(['write']);
    const text = JSON.stringify(handEditsReport);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length }), fc.string({ maxLength: 3 }), async (cut, garbage) => {
        const body = text.slice(0, cut) + garbage + text.slice(cut + garbage.length);
        const response = await call(
          '/api/v2/operator/report',
          json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
        );
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  });
});

const STATE_TABLES = ['state_sources', 'iac_resources'];

// Issue 7 "Tests": deep, wide, huge numbers, wrong types and every kind spelling, on state uploads.
describe('state upload fuzz', () => {
  it('never answers 5xx, never writes part of a refused upload and never stores a raw Secret value', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fuzzedState, async ({ text, secrets }) => {
        run += 1;
        const before = await Promise.all(STATE_TABLES.map(count));
        const response = await call(
          `/api/v2/orgs/${orgId}/state-sources/fuzz-${run}/state`,
          json('PUT', text, withKey(key)),
        );
        expect(response.status).toBeLessThan(500);
        if (response.status !== 200) expect(await Promise.all(STATE_TABLES.map(count))).toEqual(before);
        expect(leaksIn(await dumpStore(), secrets)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('ignore file fuzz', () => {
  it('never answers 5xx, keeps the stored rules on a 400 and stores exactly the text on a 200', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const put = (text: string) =>
      call(`/api/v2/orgs/${orgId}/driftignore`, {
        method: 'PUT',
        headers: { ...withKey(key), 'Content-Type': 'text/plain' },
        body: text,
      });
    const stored = async () =>
      (await call(`/api/v2/orgs/${orgId}/driftignore`, { headers: withKey(key) })).text();
    await fc.assert(
      fc.asyncProperty(fuzzedIgnore, async (text) => {
        const before = await stored();
        const response = await put(text);
        expect(response.status).toBeLessThan(500);
        expect(await stored()).toBe(response.status === 200 ? text : before);
      }),
      { numRuns: 40 },
    );
  });
});
