import type { DriftItem } from '../src/index.ts';

/** The `--fail-on` conditions of `driftwise drift`. */
export const FAIL_ON = ['any', 'high', 'critical', 'new'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** An item of the drift response as the service sends it: core's item plus what the worker adds. */
export type ServedDriftItem = DriftItem & { first_seen_scan_id?: string; accepted?: boolean };

const AT_LEAST: Record<'high' | 'critical', ReadonlySet<string>> = {
  high: new Set(['high', 'critical']),
  critical: new Set(['critical']),
};

/**
 * Whether the drift of scan `scanId` meets a `--fail-on` condition. Ignored and accepted items never
 * count (they do not count in the summary either); `new` is an item first seen in this very scan.
 *
 * @example
 * failOnHolds(drift.items, 'high', drift.scan_id); // true when an item is high or critical
 */
export function failOnHolds(items: ServedDriftItem[], condition: FailOn, scanId: string): boolean {
  return items.some((item) => {
    if (item.ignored || item.accepted) return false;
    if (condition === 'any') return true;
    if (condition === 'new') return item.first_seen_scan_id === scanId;
    return AT_LEAST[condition].has(item.severity);
  });
}
