import type { SecretHasher } from '@driftwise/core';
import type { SerializedResource } from './build-report-bodies.ts';
import { canonicalJson } from './canonical-json.ts';
import type { CompactObject } from './compact-object.ts';
import type { KubeObject } from './kube-object.ts';
import { toReportResource } from './to-report-resource.ts';

/** Options of {@link scopeResources}. */
export interface ScopeResourcesOptions {
  /** Hashes Secret values; required when `objects` holds a Secret. */
  hasher?: SecretHasher | undefined;
  region?: string | undefined;
}

/**
 * The report resources of one scope's cached objects, serialized (canonical JSON), sorted by canonical
 * resource ID (then UID), so the body does not depend on the order informers happened to deliver objects
 * in. Every object but a Secret is already serialized in the cache, so an unchanged cycle only sorts
 * references; a Secret is hashed with the current key once and memoized on its cache entry until the key
 * id changes (or the object does: a new entry).
 *
 * @example scopeResources(cache.objects('payments'), { hasher })
 */
export function scopeResources(
  objects: CompactObject[],
  { hasher, region }: ScopeResourcesOptions = {},
): SerializedResource[] {
  const sorted = [...objects].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return sorted.map((object) => ({
    id: object.metadata.uid ?? '',
    json: serialized(object, hasher, region),
  }));
}

function serialized(object: CompactObject, hasher: SecretHasher | undefined, region: string | undefined) {
  if (object.json !== undefined) return object.json;
  const secret = object.secret!;
  if (hasher === undefined)
    throw new Error('a Secret needs the secret hasher: raw values never leave the cluster');
  if (secret.hashed?.keyId !== hasher.keyId) {
    const parsed = JSON.parse(secret.source) as KubeObject;
    const resource = toReportResource(parsed, {
      kind: 'Secret',
      apiVersion: secret.apiVersion,
      region,
      hasher,
    });
    secret.hashed = { keyId: hasher.keyId, json: canonicalJson(resource) };
  }
  return secret.hashed.json;
}
