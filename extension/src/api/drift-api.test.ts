import { describe, expect, it } from 'vitest';
import { createDriftApi } from './drift-api.ts';
import { DriftApiError } from './drift-api-error.ts';

const scan = {
  id: 's1',
  cluster_id: 'prod',
  namespace: 'fleet',
  created_at: '2026-11-22T01:00:00Z',
  resource_count: 3,
  summary: {},
};

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(input), headers: init.headers as Record<string, string> });
    return respond(String(input), init);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('createDriftApi', () => {
  it('asks for the latest scan of a cluster and namespace with the key in X-API-Key', async () => {
    const { fetch, calls } = fakeFetch(() => json(scan));
    const api = createDriftApi({ apiUrl: 'http://h:1/', orgId: 'org 1', apiKey: 'dw2_k', fetch });
    await api.latestScan('prod', 'fleet');
    expect(calls).toEqual([
      {
        url: 'http://h:1/api/v2/orgs/org%201/scans/latest?cluster_id=prod&namespace=fleet',
        headers: { 'X-API-Key': 'dw2_k', Accept: 'application/json' },
      },
    ]);
  });

  it('returns null when the cluster has no scan yet (404)', async () => {
    const { fetch } = fakeFetch(() => json({ code: 'not_found' }, 404, 'application/problem+json'));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.latestScan('prod')).toBeNull();
  });

  it('throws unauthorized with the problem detail when the key is rejected (401)', async () => {
    const { fetch } = fakeFetch(() => json({ title: 'Unauthorized', detail: 'unknown key' }, 401));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    const error = await api.drift('s1').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DriftApiError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, message: 'HTTP 401: unknown key' });
  });

  it('throws network when the server cannot be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await expect(api.listScans('prod')).rejects.toMatchObject({ code: 'network', status: null });
  });

  it('throws bad_response when a drift answer lacks items', async () => {
    const { fetch } = fakeFetch(() => json({ scan_id: 's1' }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await expect(api.drift('s1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('returns the generated IaC from the contract envelope', async () => {
    const iac = {
      format: 'terraform',
      scope: 'extra',
      content: 'resource "x" "y" {}',
      resource_count: 1,
      warnings: [],
    };
    const { fetch } = fakeFetch(() => json({ iac }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.iac('s1')).toEqual(iac);
  });

  it('throws bad_response when an IaC answer lacks the iac envelope', async () => {
    const { fetch } = fakeFetch(() => json({ content: 'resource "x" "y" {}' }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await expect(api.iac('s1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('returns null when the scan has no generated IaC (404)', async () => {
    const { fetch } = fakeFetch(() => json({}, 404));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.iac('s1')).toBeNull();
  });

  it('joins every drift page by following next_cursor', async () => {
    const pages: Record<string, unknown> = {
      '': { ...driftPage(['a', 'b']), next_cursor: 'c1' },
      c1: { ...driftPage(['c']), next_cursor: 'c2' },
      c2: { ...driftPage(['d']), next_cursor: null },
    };
    const { fetch, calls } = fakeFetch((url) => json(pages[new URL(url).searchParams.get('cursor') ?? '']));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    const drift = await api.drift('s1');
    expect(drift.items.map((item) => item.resource_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(calls.map((call) => new URL(call.url).search)).toEqual(['', '?cursor=c1', '?cursor=c2']);
  });

  it('throws bad_response naming the cursor when the server repeats one', async () => {
    const { fetch } = fakeFetch(() => json({ ...driftPage(['a']), next_cursor: 'same' }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await expect(api.drift('s1')).rejects.toMatchObject({
      code: 'bad_response',
      message: '/scans/s1/drift: the server repeated the cursor same',
    });
  });

  it('stops with bad_response after maxDriftPages pages', async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch(() => json({ ...driftPage(['a']), next_cursor: `c${n++}` }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch, maxDriftPages: 3 });
    await expect(api.drift('s1')).rejects.toMatchObject({ code: 'bad_response' });
    expect(calls).toHaveLength(3);
  });

  it('asks for the drift events of one resource by cluster, namespace and resource id', async () => {
    const { fetch, calls } = fakeFetch(() => json({ events: [{ id: 'e1' }], next_cursor: null }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    const events = await api.driftEvents({
      clusterId: 'prod',
      namespace: 'fleet',
      resourceId: 'k8s/x/fleet/a',
    });
    expect(events).toEqual([{ id: 'e1' }]);
    expect(new URL(calls[0]!.url).search).toBe(
      '?cluster_id=prod&namespace=fleet&resource_id=k8s%2Fx%2Ffleet%2Fa&limit=50',
    );
  });

  it('returns no drift events from a server without the route (404)', async () => {
    const { fetch } = fakeFetch(() => json({}, 404));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.driftEvents({ clusterId: 'p', namespace: 'n', resourceId: 'r' })).toEqual([]);
  });

  it('uploads the .driftignore as text/plain with PUT', async () => {
    const seen: { method?: string; type?: string; body?: unknown }[] = [];
    const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
      const headers = init.headers as Record<string, string>;
      seen.push({ method: init.method, type: headers['Content-Type'], body: init.body });
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await api.putDriftignore('k8s/deployment/fleet/api:spec.replicas\n');
    expect(seen).toEqual([
      { method: 'PUT', type: 'text/plain; charset=utf-8', body: 'k8s/deployment/fleet/api:spec.replicas\n' },
    ]);
  });

  it('throws forbidden when a read key uploads the .driftignore (403)', async () => {
    const { fetch } = fakeFetch(() =>
      json({ code: 'insufficient_scope', detail: 'read keys cannot PUT' }, 403, 'application/problem+json'),
    );
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    await expect(api.putDriftignore('x')).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });
});

function driftPage(ids: string[]) {
  return {
    scan_id: 's1',
    cluster_id: 'prod',
    namespace: 'fleet',
    created_at: '2026-11-22T01:00:00Z',
    summary: {},
    warnings: [],
    items: ids.map((id) => ({ resource_id: id })),
  };
}
