import type { DriftApi } from './drift-api.ts';
import { DriftApiError } from './drift-api-error.ts';
import type { Scan, ScanDrift } from './scan-types.ts';

/** What to fetch: clusters and namespaces (empty = every namespace the cluster has scans for). */
export interface RefreshTarget {
  clusterIds: readonly string[];
  namespaces: readonly string[];
}

/** A cluster or namespace whose drift could not be fetched this time. */
export interface RefreshFailure {
  /** `cluster` or `cluster/namespace`. */
  target: string;
  error: DriftApiError;
}

export interface RefreshResult {
  /**
   * The newest drift per cluster and namespace, in settings order. Where fetching failed, the previous
   * drift of that cluster or namespace is kept: a flaky network must not blank the editor.
   */
  drifts: ScanDrift[];
  failures: RefreshFailure[];
  /** How many drift documents were downloaded (unchanged scans are reused). */
  fetched: number;
}

/**
 * Fetches the latest scan per cluster and namespace, then its drift, reusing `previous` drifts whose
 * scan id did not change: a scan is immutable, so its drift never needs a second download.
 * @example const { drifts } = await refreshDrift(api, { clusterIds: ['prod'], namespaces: [] }, lastDrifts);
 */
export async function refreshDrift(
  api: DriftApi,
  target: RefreshTarget,
  previous: readonly ScanDrift[] = [],
): Promise<RefreshResult> {
  const known = new Map(previous.map((drift) => [drift.scan_id, drift]));
  const failures: RefreshFailure[] = [];
  let fetched = 0;

  const scansPerCluster = await Promise.all(
    target.clusterIds.map(async (clusterId) => {
      try {
        if (target.namespaces.length === 0) return newestPerNamespace(await api.listScans(clusterId));
        const scans = await Promise.all(
          target.namespaces.map(async (namespace) => {
            try {
              return await api.latestScan(clusterId, namespace);
            } catch (err) {
              failures.push({ target: `${clusterId}/${namespace}`, error: asApiError(err) });
              return null;
            }
          }),
        );
        return scans.filter((scan): scan is Scan => scan !== null);
      } catch (err) {
        failures.push({ target: clusterId, error: asApiError(err) });
        return [];
      }
    }),
  );

  const drifts = await Promise.all(
    scansPerCluster.flat().map(async (scan) => {
      const cached = known.get(scan.id);
      if (cached) return cached;
      try {
        const drift = await api.drift(scan.id);
        fetched += 1;
        return drift;
      } catch (err) {
        failures.push({ target: `${scan.cluster_id}/${scan.namespace}`, error: asApiError(err) });
        return null;
      }
    }),
  );
  const fresh = drifts.filter((drift): drift is ScanDrift => drift !== null);
  const covered = new Set(fresh.map(targetOf));
  const failed = new Set(failures.map((failure) => failure.target));
  const kept = previous.filter(
    (drift) => !covered.has(targetOf(drift)) && (failed.has(drift.cluster_id) || failed.has(targetOf(drift))),
  );
  return { drifts: [...fresh, ...kept], failures, fetched };
}

function targetOf(drift: ScanDrift): string {
  return `${drift.cluster_id}/${drift.namespace}`;
}

/** The list route is newest first, so the first scan seen per namespace is that namespace's latest. */
function newestPerNamespace(scans: readonly Scan[]): Scan[] {
  const newest = new Map<string, Scan>();
  for (const scan of scans) if (!newest.has(scan.namespace)) newest.set(scan.namespace, scan);
  return [...newest.values()];
}

function asApiError(err: unknown): DriftApiError {
  return err instanceof DriftApiError ? err : new DriftApiError('bad_response', String(err));
}
