import type { DriftItem, DriftResult, DriftSummary, IacResource, LiveResource } from '../model.ts';
import { driftItemOrder } from './drift-item-order.ts';
import { driftWarnings } from './drift-warnings.ts';
import { type MatchDriftOptions, matchDrift } from './match-drift.ts';

/** The live objects of one namespace (`null`: the cluster-scoped ones). */
export interface LivePartition {
  namespace: string | null;
  live: LiveResource[];
}

/** Options of {@link matchDriftInPartitions}: {@link matchDrift}'s, with the live side in partitions. */
export interface MatchDriftInPartitionsOptions extends Omit<MatchDriftOptions, 'live'> {
  /** Each namespace once, with all its objects in report order; read one at a time. */
  partitions: AsyncIterable<LivePartition>;
}

const key = (namespace: string | null) => namespace ?? '';

/**
 * {@link matchDrift} one namespace at a time (issue 9): pairing is by resource id, and HPA targets and
 * ownership lie within a namespace, so the result equals one match of all the objects while only one
 * partition's live objects are held. Namespaces the IaC declares but no partition has are matched last,
 * with no live object. (An IaC resource whose UID pairs it with a live object of another namespace is the
 * one case that differs; a Kubernetes object never changes namespace.)
 *
 * @example
 * const { summary, items } = await matchDriftInPartitions({ partitions, iac, namespace: '*' });
 */
export async function matchDriftInPartitions(options: MatchDriftInPartitionsOptions): Promise<DriftResult> {
  const { partitions, iac, namespace, stateSources, ...rules } = options;
  const iacByNamespace = new Map<string, IacResource[]>();
  // A Helm release manages objects in any namespace: every partition sees every release.
  const releases = iac.filter((resource) => resource.declares === 'release');
  for (const resource of iac) {
    if (resource.declares === 'release') continue;
    const list = iacByNamespace.get(key(resource.namespace)) ?? [];
    list.push(resource);
    iacByNamespace.set(key(resource.namespace), list);
  }
  const inScope = (resourceNamespace: string | null) => namespace === '*' || resourceNamespace === namespace;
  const items: DriftItem[] = [];
  const totals = { live: 0, iac: 0, in_sync: 0, missing: 0, extra: 0, changed: 0, accepted: 0 };
  let liveInScope = 0;
  const add = (live: LiveResource[], declared: IacResource[]) => {
    const result = matchDrift({ ...rules, live, iac: [...declared, ...releases], namespace });
    for (const item of result.items) items.push(item);
    for (const field of Object.keys(totals) as (keyof typeof totals)[])
      totals[field] += result.summary[field];
    liveInScope += live.filter((resource) => inScope(resource.namespace)).length;
  };
  for await (const partition of partitions) {
    add(partition.live, iacByNamespace.get(key(partition.namespace)) ?? []);
    iacByNamespace.delete(key(partition.namespace));
  }
  for (const declared of iacByNamespace.values()) add([], declared);
  items.sort(driftItemOrder);
  // summarizeDrift's coverage, on the totals: (live − extra) / live to 2 decimals, 1 when live is 0.
  const coverage =
    totals.live === 0 ? 1 : Math.round(((totals.live - totals.extra) * 100) / totals.live) / 100;
  const summary: DriftSummary = { ...totals, coverage };
  return {
    summary,
    warnings: driftWarnings({ namespace, liveInScope, iacInScope: totals.iac, stateSources }),
    items,
  };
}
