import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import { call, count, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

const TABLES = ['scan_runs', 'live_resources', 'drift_sets', 'drift_chunks', 'cloud_accounts'];

/** Sets a value at a path of a JSON value (a mutation of a valid report). */
function mutate(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = typeof head === 'number' ? keys[head % keys.length]! : head!;
  copy[key] = mutate(copy[key], rest, replacement);
  return copy;
}

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
