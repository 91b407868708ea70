import type { DriftItem, DriftSummary, IacResource, LiveResource } from '../model.ts';

/** What {@link summarizeDrift} counts: the in-scope resources and the items found for them. */
export interface SummarizeDriftInput {
  live: readonly LiveResource[];
  iac: readonly IacResource[];
  items: readonly DriftItem[];
}

/**
 * The CONTRACT's drift summary. `live` counts in-scope live objects that are not controller-owned,
 * `iac` the in-scope IaC resources; `missing` / `extra` / `changed` count items not hidden by an
 * ignore rule (a hidden missing or changed item counts as in sync, a hidden extra one as covered);
 * `in_sync = iac − missing − changed`; `coverage = (live − extra) / live` to 2 decimals, 1 when
 * `live` is 0.
 *
 * @example
 * summarizeDrift({ live, iac, items }) // { live: 3, iac: 3, in_sync: 1, missing: 1, extra: 1, changed: 1, accepted: 0, coverage: 0.67 }
 */
export function summarizeDrift({ live, iac, items }: SummarizeDriftInput): DriftSummary {
  const count = (status: DriftItem['status']) =>
    items.filter((item) => item.status === status && !item.ignored).length;
  const liveCount = live.filter((resource) => !resource.controlled).length;
  const missing = count('missing');
  const extra = count('extra');
  const changed = count('changed');
  // Multiply before dividing so 2/3 rounds from 66.67 rather than from 0.6666… × 100.
  const coverage = liveCount === 0 ? 1 : Math.round(((liveCount - extra) * 100) / liveCount) / 100;
  return {
    live: liveCount,
    iac: iac.length,
    in_sync: iac.length - missing - changed,
    missing,
    extra,
    changed,
    // No baseline can be accepted yet (a later issue): nothing is counted here instead of its status.
    accepted: 0,
    coverage,
  };
}
