import type { IacResource, LiveResource } from '../model.ts';

/** An IaC resource and the live object it describes. */
export interface ResourcePair {
  iac: IacResource;
  live: LiveResource;
}

/** What {@link pairResources} found. Every list is in a fixed order, whatever the input order. */
export interface PairedResources {
  pairs: ResourcePair[];
  /** IaC resources with no live object. */
  unpairedIac: IacResource[];
  /** Live objects no IaC resource describes (controlled ones included: the caller decides). */
  unpairedLive: LiveResource[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function iacOrder(a: IacResource, b: IacResource): number {
  return (
    compareText(a.id, b.id) ||
    compareText(a.origin.state_source ?? '', b.origin.state_source ?? '') ||
    compareText(a.origin.address, b.origin.address)
  );
}

function liveOrder(a: LiveResource, b: LiveResource): number {
  return compareText(a.id, b.id) || compareText(a.uid ?? '', b.uid ?? '');
}

/**
 * Pairs IaC resources with live objects (CONTRACT "resource ID"): by UID first, where both sides carry
 * one (so when the IDs differ the UID decides), then by canonical ID among the live objects no UID
 * pairing claimed for another ID. Same ID with different UIDs (an object deleted and re-created by
 * hand) still pairs: it is the object Terraform declares. Two IaC resources declaring one object (two
 * state sources) are both paired with it.
 *
 * @example
 * pairResources(live, iac) // { pairs: [{ iac, live }], unpairedIac: [...], unpairedLive: [...] }
 */
export function pairResources(live: readonly LiveResource[], iac: readonly IacResource[]): PairedResources {
  const sortedLive = [...live].sort(liveOrder);
  const sortedIac = [...iac].sort(iacOrder);
  const liveByUid = new Map<string, LiveResource>();
  const liveById = new Map<string, LiveResource>();
  for (const resource of sortedLive) {
    if (resource.uid !== null && !liveByUid.has(resource.uid)) liveByUid.set(resource.uid, resource);
    if (!liveById.has(resource.id)) liveById.set(resource.id, resource);
  }
  const partner = new Map<IacResource, LiveResource>();
  // Live objects claimed by UID for an IaC resource of another ID are not available by ID.
  const claimedElsewhere = new Set<LiveResource>();
  for (const resource of sortedIac) {
    const match = resource.uid === null ? undefined : liveByUid.get(resource.uid);
    if (match === undefined) continue;
    partner.set(resource, match);
    if (match.id !== resource.id) claimedElsewhere.add(match);
  }
  for (const resource of sortedIac) {
    if (partner.has(resource)) continue;
    const match = liveById.get(resource.id);
    if (match !== undefined && !claimedElsewhere.has(match)) partner.set(resource, match);
  }
  const pairs: ResourcePair[] = [];
  const unpairedIac: IacResource[] = [];
  const paired = new Set<LiveResource>();
  for (const resource of sortedIac) {
    const match = partner.get(resource);
    if (match === undefined) unpairedIac.push(resource);
    else {
      pairs.push({ iac: resource, live: match });
      paired.add(match);
    }
  }
  return { pairs, unpairedIac, unpairedLive: sortedLive.filter((resource) => !paired.has(resource)) };
}
