import { secretHasher, textBytes } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import { buildReportBodies } from '../src/build-report-bodies.ts';
import { canonicalJson } from '../src/canonical-json.ts';
import { createRateBudget } from '../src/rate-budget.ts';
import { createReportClient } from '../src/report-client.ts';
import { createFakeBatchWorker } from './fake-batch-worker.ts';

function resources(count: number) {
  return raw(count).map((r) => ({ id: r.id, json: canonicalJson(r) }));
}

function raw(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `uid-${i}`,
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes' as const,
    name: `cm-${i}`,
    tags: {},
    properties: { metadata: { name: `cm-${i}`, namespace: 'default' }, data: { v: 'x'.repeat(500) } },
  }));
}

function client(worker: ReturnType<typeof createFakeBatchWorker>, clock = { now: 0 }) {
  const slept: number[] = [];
  const budget = createRateBudget({ now: () => clock.now });
  return {
    slept,
    client: createReportClient({
      apiUrl: 'http://dw.test',
      apiKey: 'dw2_test',
      budget,
      fetch: worker.fetch,
      now: () => clock.now,
      sleep: async (ms) => {
        slept.push(ms);
        clock.now += ms;
      },
    }),
  };
}

describe('createReportClient', () => {
  it('sends a batch part by part, 202 until the last, and the worker sees every object once', async () => {
    const worker = createFakeBatchWorker({ maxBodyBytes: 8192 });
    const { bodies } = buildReportBodies(resources(40), {
      clusterId: 'prod',
      namespace: 'default',
      maxBodyBytes: 8192,
    });
    expect(bodies.length).toBeGreaterThan(2);
    const outcome = await client(worker).client.send(bodies);
    expect(outcome).toMatchObject({ kind: 'sent', resourceCount: 40 });
    expect(worker.statuses).toEqual([...bodies.slice(1).map(() => 202), 201]);
    expect(worker.scans).toEqual([
      { clusterId: 'prod', namespace: 'default', ids: raw(40).map((r) => r.id) },
    ]);
  });

  it('reports rate_limited on a 429 and waits for its Retry-After before the next request', async () => {
    const worker = createFakeBatchWorker();
    worker.failNext(429, '{"code":"rate_limited"}', { 'Retry-After': '7' });
    const clock = { now: 1000 };
    const { client: c, slept } = client(worker, clock);
    const body = buildReportBodies(resources(1), {
      clusterId: 'prod',
      namespace: 'default',
      maxBodyBytes: 1 << 20,
    }).bodies;
    expect(await c.send(body)).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(await c.send(body)).toMatchObject({ kind: 'sent' });
    expect(slept).toEqual([7000]);
  });

  it('reports unknown_key when the worker does not know the hash key id', async () => {
    const worker = createFakeBatchWorker();
    worker.failNext(
      400,
      '{"code":"invalid_request","detail":"Secret value data.a is hashed with an unknown key id (\\"k0\\")"}',
    );
    const body = buildReportBodies(resources(1), {
      clusterId: 'prod',
      namespace: 'default',
      maxBodyBytes: 1 << 20,
    }).bodies;
    expect(await client(worker).client.send(body)).toEqual({ kind: 'unknown_key' });
  });

  it('fetches the org key and hashes as core does with it', async () => {
    const key = new Uint8Array(32).fill(3);
    const encoded = btoa(String.fromCharCode(...key))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
    const fetchKey = (async () =>
      new Response(JSON.stringify({ algorithm: 'hmac-sha256', key_id: 'k1abc', key: encoded }), {
        status: 200,
      })) as unknown as typeof fetch;
    const c = createReportClient({
      apiUrl: 'http://dw.test',
      apiKey: 'dw2_x',
      budget: createRateBudget(),
      fetch: fetchKey,
    });
    const hasher = await c.fetchHasher();
    expect(hasher(textBytes('v'))).toBe(secretHasher(key, 'k1abc')(textBytes('v')));
  });
});
