import type { DriftEvent } from '../api/scan-types.ts';
import { formatAge } from './format-age.ts';

/**
 * An item's history in one line, from its drift events (any order): when the current run of drift
 * appeared and who wrote it, how often and how recently it changed since, and, when it had gone away
 * before, when it came back. `null` when there are no events.
 * @example formatItemHistory(events, now) // 'first seen 3 d ago by kubectl-edit; changed again 2 h ago'
 */
export function formatItemHistory(events: readonly DriftEvent[], now: number): string | null {
  const ordered = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // The current run starts at the last `appeared`: earlier runs ended with a `resolved`.
  const start = ordered.findLastIndex((event) => event.type === 'appeared');
  if (start === -1) return null;
  const appeared = ordered[start]!;
  const later = ordered.slice(start + 1).filter((event) => event.type === 'changed');
  const manager = appeared.changes.find((change) => change.changed_by)?.changed_by?.manager;
  const parts = [`first seen ${formatAge(appeared.at, now)}${manager ? ` by ${manager}` : ''}`];
  if (later.length > 0) {
    const times = later.length === 1 ? '' : ` (${later.length} times)`;
    parts.push(`changed again ${formatAge(later.at(-1)!.at, now)}${times}`);
  }
  const resolvedBefore = ordered.slice(0, start).some((event) => event.type === 'resolved');
  if (resolvedBefore) parts.push('it had been resolved before');
  return parts.join('; ');
}
