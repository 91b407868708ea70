import type { DriftItem, DriftSummary } from '@driftwise/core';
import { baselineFingerprint } from './baseline-fingerprint.ts';

/**
 * Marks the items of a scan that a baseline accepted (CONTRACT "Baseline") and moves them in the summary
 * from their status to `accepted`. Ignored items are never accepted: they are not counted at all.
 * `in_sync` and `coverage` do not change: accepted drift is still drift (an accepted `changed` item is not
 * in sync, an accepted `extra` one is not managed by IaC), it is only drift nobody needs to be told about.
 * In place (an accepted item is replaced by its accepted copy): a 50,000-item drift is not held twice.
 *
 * @example
 * const summary = await applyBaseline(result.items, result.summary, accepted);
 */
export async function applyBaseline<T extends DriftItem>(
  items: T[],
  summary: DriftSummary,
  accepted: ReadonlySet<string>,
): Promise<DriftSummary> {
  if (accepted.size === 0) return summary;
  const counted = { ...summary };
  await Promise.all(
    items.map(async (item, index) => {
      if (item.ignored || !accepted.has(await baselineFingerprint(item))) return;
      counted[item.status] -= 1;
      counted.accepted += 1;
      items[index] = { ...item, accepted: true }; // own-field: an array index
    }),
  );
  return counted;
}
