import type { ChangedBy } from '../api/scan-types.ts';
import { formatAge } from './format-age.ts';

/**
 * Who last wrote a live value and when, as a person reads it: the field manager, the subresource it
 * wrote through (`kubectl scale` writes `spec.replicas` through `scale`), and the age from `now`.
 * `null` or absent (no managedFields entry covers the path) gives `null`.
 * @example formatChangedBy({ manager: 'kubectl', operation: 'Update', subresource: 'scale',
 *   time: '2026-11-22T01:00:00Z' }, Date.parse('2026-11-22T03:00:00Z')) // 'kubectl scale 2 h ago'
 */
export function formatChangedBy(changedBy: ChangedBy | null | undefined, now: number): string | null {
  if (!changedBy) return null;
  const who = changedBy.subresource ? `${changedBy.manager} ${changedBy.subresource}` : changedBy.manager;
  return `${who} ${formatAge(changedBy.time, now)}`;
}
