import { type ReportResource, resourceId, type SecretHasher } from '@driftwise/core';
import { toReportResource } from './to-report-resource.ts';
import type { CachedObject } from './watch-cache.ts';

/** Options of {@link scopeResources}. */
export interface ScopeResourcesOptions {
  hasher?: SecretHasher | undefined;
  region?: string | undefined;
}

/**
 * The report resources of one scope's objects, sorted by canonical resource ID (then UID), so the body does
 * not depend on the order informers happened to deliver objects in.
 *
 * @example scopeResources(cache.objects('payments'), { hasher })
 */
export function scopeResources(
  objects: CachedObject[],
  { hasher, region }: ScopeResourcesOptions = {},
): ReportResource[] {
  const keyed = objects.map(({ kind, object }) => {
    const apiVersion = kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
    const id = resourceId({
      kind: kind.kind,
      namespace: kind.namespaced ? (object.metadata?.namespace ?? null) : null,
      name: object.metadata?.name ?? '',
    });
    return { key: `${id}\u0000${object.metadata?.uid ?? ''}`, object, kind: kind.kind, apiVersion };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ object, kind, apiVersion }) =>
    toReportResource(object, { kind, apiVersion, region, hasher }),
  );
}
