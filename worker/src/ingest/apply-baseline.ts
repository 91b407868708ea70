import type { DriftItem, DriftSummary } from '@driftwise/core';
import { baselineFingerprint } from './baseline-fingerprint.ts';

/**
 * Marks the items of a scan that a baseline accepted (CONTRACT "Baseline") and moves them in the summary
 * from their status to `accepted`. Ignored items are never accepted: they are not counted at all.
 * `in_sync` and `coverage` do not change: accepted drift is still drift (an accepted `changed` item is not
 * in sync, an accepted `extra` one is not managed by IaC), it is only drift nobody needs to be told about.
 *
 * @example
 * const { items, summary } = await applyBaseline(result.items, result.summary, accepted);
 */
export async function applyBaseline<T extends DriftItem>(
  items: readonly T[],
  summary: DriftSummary,
  accepted: ReadonlySet<string>,
): Promise<{ items: T[]; summary: DriftSummary }> {
  if (accepted.size === 0) return { items: [...items], summary };
  const counted = { ...summary };
  const marked = await Promise.all(
    items.map(async (item) => {
      if (item.ignored || !accepted.has(await baselineFingerprint(item))) return item;
      counted[item.status] -= 1;
      counted.accepted += 1;
      return { ...item, accepted: true };
    }),
  );
  return { items: marked, summary: counted };
}
