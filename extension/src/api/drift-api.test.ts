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

  it('returns the generated Terraform text from a JSON IaC answer', async () => {
    const { fetch } = fakeFetch(() => json({ format: 'terraform', content: 'resource "x" "y" {}' }));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.iac('s1')).toBe('resource "x" "y" {}');
  });

  it('returns null when the scan has no generated IaC (404)', async () => {
    const { fetch } = fakeFetch(() => json({}, 404));
    const api = createDriftApi({ apiUrl: 'http://h', orgId: 'o', apiKey: 'k', fetch });
    expect(await api.iac('s1')).toBeNull();
  });
});
