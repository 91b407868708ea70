import { canonicalJson } from '../canonical-json.ts';
import type { EventItem } from './drift-events.ts';

/**
 * What a baseline remembers of an accepted item (CONTRACT "Baseline"): its status, resource and changes
 * (paths and values), in a canonical form, so an item of a later scan is accepted exactly when all of those
 * are equal; any new or different change gives another fingerprint. Severity and who changed it are not
 * part of it: they describe the drift, they are not the drift.
 *
 * @example
 * const accepted = new Set(baselineItems.map(driftFingerprint));
 * item.accepted = accepted.has(driftFingerprint(item));
 */
export function driftFingerprint(item: Pick<EventItem, 'status' | 'resource_id' | 'changes'>): string {
  const changes = item.changes.map((change) => canonicalJson([change.path, change.iac, change.live])).sort();
  return JSON.stringify([item.status, item.resource_id, changes]);
}
