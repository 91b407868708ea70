import { describe, expect, it } from 'vitest';
import type { DriftApi } from './drift-api.ts';
import { DriftApiError } from './drift-api-error.ts';
import { refreshDrift } from './refresh-drift.ts';
import type { Scan, ScanDrift } from './scan-types.ts';

function scanOf(id: string, namespace: string, cluster = 'prod'): Scan {
  return {
    id,
    cluster_id: cluster,
    namespace,
    created_at: '2026-11-22T01:00:00Z',
    resource_count: 1,
    summary: {},
  };
}

function driftOf(scan: Scan): ScanDrift {
  const summary = { live: 0, iac: 0, in_sync: 0, missing: 0, extra: 0, changed: 0, coverage: 1 };
  return {
    scan_id: scan.id,
    cluster_id: scan.cluster_id,
    namespace: scan.namespace,
    created_at: scan.created_at,
    summary,
    items: [],
  };
}

/** An in-memory API that records which drift documents were downloaded. */
function memoryApi(scans: Scan[], failing: Record<string, DriftApiError> = {}) {
  const driftCalls: string[] = [];
  const api: DriftApi = {
    async latestScan(clusterId, namespace) {
      const failure = failing[`${clusterId}/${namespace}`];
      if (failure) throw failure;
      return scans.find((s) => s.cluster_id === clusterId && s.namespace === namespace) ?? null;
    },
    async listScans(clusterId) {
      const failure = failing[clusterId];
      if (failure) throw failure;
      return scans.filter((s) => s.cluster_id === clusterId);
    },
    async drift(scanId) {
      driftCalls.push(scanId);
      return driftOf(scans.find((s) => s.id === scanId)!);
    },
    async iac() {
      return null;
    },
    async putDriftignore() {},
    async driftEvents() {
      return [];
    },
  };
  return { api, driftCalls };
}

describe('refreshDrift', () => {
  it('does not download the drift again when the latest scan id is unchanged', async () => {
    const scan = scanOf('s1', 'fleet');
    const { api, driftCalls } = memoryApi([scan]);
    const first = await refreshDrift(api, { clusterIds: ['prod'], namespaces: ['fleet'] });
    const second = await refreshDrift(api, { clusterIds: ['prod'], namespaces: ['fleet'] }, first.drifts);
    expect(driftCalls).toEqual(['s1']);
    expect(second).toMatchObject({ fetched: 0, failures: [] });
    expect(second.drifts[0]).toBe(first.drifts[0]);
  });

  it('takes the newest scan per namespace when no namespaces are set', async () => {
    // The list route answers newest first.
    const { api } = memoryApi([scanOf('s3', 'fleet'), scanOf('s2', 'docs'), scanOf('s1', 'fleet')]);
    const { drifts } = await refreshDrift(api, { clusterIds: ['prod'], namespaces: [] });
    expect(drifts.map((d) => d.scan_id)).toEqual(['s3', 's2']);
  });

  it('skips a namespace without scans without reporting a failure', async () => {
    const { api } = memoryApi([scanOf('s1', 'fleet')]);
    const result = await refreshDrift(api, { clusterIds: ['prod'], namespaces: ['fleet', 'empty'] });
    expect(result.drifts.map((d) => d.scan_id)).toEqual(['s1']);
    expect(result.failures).toEqual([]);
  });

  it('reports a failing cluster and still returns the others', async () => {
    const unauthorized = new DriftApiError('unauthorized', 'HTTP 401', 401);
    const { api } = memoryApi([scanOf('s1', 'fleet', 'dev')], { prod: unauthorized });
    const result = await refreshDrift(api, { clusterIds: ['prod', 'dev'], namespaces: [] });
    expect(result.failures).toEqual([{ target: 'prod', error: unauthorized }]);
    expect(result.drifts.map((d) => d.scan_id)).toEqual(['s1']);
  });

  it('keeps the previous drift of a cluster whose refresh failed', async () => {
    const scan = scanOf('s1', 'fleet');
    const first = await refreshDrift(memoryApi([scan]).api, { clusterIds: ['prod'], namespaces: [] });
    const offline = new DriftApiError('network', 'cannot reach', null);
    const second = await refreshDrift(
      memoryApi([], { prod: offline }).api,
      { clusterIds: ['prod'], namespaces: [] },
      first.drifts,
    );
    expect(second.drifts).toEqual(first.drifts);
    expect(second.failures.map((failure) => failure.error.code)).toEqual(['network']);
  });

  it('drops the previous drift of a namespace that refreshed without failure', async () => {
    const old = driftOf(scanOf('s0', 'gone'));
    const { api } = memoryApi([scanOf('s1', 'fleet')]);
    const result = await refreshDrift(api, { clusterIds: ['prod'], namespaces: [] }, [old]);
    expect(result.drifts.map((d) => d.scan_id)).toEqual(['s1']);
  });
});
