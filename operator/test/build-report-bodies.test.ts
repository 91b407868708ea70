import type { ReportResource } from '@driftwise/core';
import { operatorReportRequestSchema } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import { buildReportBodies } from '../src/build-report-bodies.ts';
import { canonicalJson } from '../src/canonical-json.ts';

const serialized = (resources: ReportResource[]) =>
  resources.map((r) => ({ id: r.id, json: canonicalJson(r) }));
// A body is its pieces: the JSON is their concatenation.
const text = (body: readonly string[]) => body.join('');

function resource(i: number, padding = 0): ReportResource {
  return {
    id: `uid-${i}`,
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes',
    name: `cm-${i}`,
    tags: {},
    properties: {
      metadata: { name: `cm-${i}`, namespace: 'default', uid: `uid-${i}` },
      data: { v: 'x'.repeat(padding) },
    },
  };
}

const options = {
  clusterId: 'prod',
  namespace: 'default',
  newBatchId: () => '11111111-1111-4111-8111-111111111111',
};

describe('buildReportBodies', () => {
  it('gives byte-identical bodies when only the key order of the objects differs', () => {
    const a = resource(1);
    const b = {
      ...a,
      properties: { data: a.properties.data, metadata: a.properties.metadata },
      name: a.name,
      id: a.id,
    };
    const one = buildReportBodies(serialized([a]), { ...options, maxBodyBytes: 1 << 20 });
    const two = buildReportBodies(serialized([b as ReportResource]), { ...options, maxBodyBytes: 1 << 20 });
    expect(two.bodies.map(text)).toEqual(one.bodies.map(text));
  });

  it('sends one body that the report schema accepts when the scope fits', () => {
    const { bodies } = buildReportBodies(serialized([resource(1), resource(2)]), {
      ...options,
      maxBodyBytes: 1 << 20,
    });
    expect(bodies).toHaveLength(1);
    const parsed = operatorReportRequestSchema.safeParse(JSON.parse(text(bodies[0]!)));
    expect(parsed.success).toBe(true);
    expect(JSON.parse(text(bodies[0]!)).batch).toBeUndefined();
  });

  it('splits a scope over the limit into batch parts that each fit and hold every object once', () => {
    const resources = Array.from({ length: 50 }, (_, i) => resource(i, 900));
    const limit = 8 * 1024;
    const { bodies, oversized } = buildReportBodies(serialized(resources), {
      ...options,
      maxBodyBytes: limit,
    });
    expect(oversized).toEqual([]);
    expect(bodies.length).toBeGreaterThan(5);
    const parts = bodies.map((body) => JSON.parse(text(body)));
    for (const [index, body] of bodies.entries()) {
      expect(new TextEncoder().encode(text(body)).byteLength).toBeLessThanOrEqual(limit);
      expect(parts[index].batch).toEqual({ id: options.newBatchId(), index, total: bodies.length });
      expect([parts[index].cluster_id, parts[index].namespace]).toEqual(['prod', 'default']);
    }
    const ids = parts.flatMap((part) => part.resources.map((r: ReportResource) => r.id));
    expect(ids).toEqual(resources.map((r) => r.id));
  });

  it('leaves out an object larger than a body on its own and names it', () => {
    const { bodies, oversized } = buildReportBodies(serialized([resource(1), resource(2, 10_000)]), {
      ...options,
      maxBodyBytes: 4096,
    });
    expect(oversized).toEqual(['uid-2']);
    expect(JSON.parse(text(bodies[0]!)).resources.map((r: ReportResource) => r.id)).toEqual(['uid-1']);
  });
});
