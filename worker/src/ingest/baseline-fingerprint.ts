import { driftFingerprint, type EventItem } from '@driftwise/core';
import { sha256Hex } from '../crypto/sha256-hex.ts';

/**
 * What the store keeps of an accepted drift item: the SHA-256 (hex) of core's `driftFingerprint` (status,
 * resource, changes with values), so a baseline row has a fixed size whatever the values are, and the
 * Secret values (already hashed by then) are not stored a second time.
 *
 * @example
 * const accepted = await store.baselineFingerprints(orgId, clusterId, namespace);
 * accepted.has(await baselineFingerprint(item)); // true: this drift was accepted
 */
export function baselineFingerprint(
  item: Pick<EventItem, 'status' | 'resource_id' | 'changes'>,
): Promise<string> {
  return sha256Hex(driftFingerprint(item));
}
