import { type JsonObject, type ReportResource, redactSecret, type SecretHasher } from '@driftwise/core';
import type { KubeObject } from './kube-object.ts';

/** Options of {@link toReportResource}. */
export interface ToReportResourceOptions {
  /** The kind as discovery names it: list items often carry no `kind` (the List has it). */
  kind: string;
  apiVersion: string;
  region?: string | undefined;
  /** Hashes Secret values; required for Secrets (raw values never leave the cluster). */
  hasher?: SecretHasher | undefined;
}

/**
 * One report resource from a live object (CONTRACT "Operator report"): `id` is the object's UID,
 * `properties` the object as the API returns it, less what changes without anyone changing the object —
 * `status`, `metadata.resourceVersion` and the `status` subresource's managedFields entries — so that an
 * unchanged cluster sends unchanged bodies. A Secret's `data` / `stringData` values are replaced by their
 * keyed hashes here, in the cluster.
 *
 * @example toReportResource(deployment, { kind: 'Deployment', apiVersion: 'apps/v1' })
 */
export function toReportResource(
  object: KubeObject,
  { kind, apiVersion, region, hasher }: ToReportResourceOptions,
): ReportResource {
  const { status: _status, ...rest } = object;
  const { resourceVersion: _rv, managedFields, ...metadata } = object.metadata ?? {};
  const kept = managedFields?.filter((entry) => entry.subresource !== 'status');
  let properties = {
    ...rest,
    apiVersion,
    kind,
    metadata: kept === undefined ? metadata : { ...metadata, managedFields: kept },
  } as unknown as JsonObject;
  const key = kind.toLowerCase();
  if (key === 'secret') {
    if (hasher === undefined)
      throw new Error('a Secret needs the secret hasher: raw values never leave the cluster');
    properties = redactSecret(properties, hasher, { data: 'base64' });
  }
  const resource: ReportResource = {
    id: object.metadata?.uid ?? '',
    normalized_type: `k8s/${key}`,
    provider_type: key,
    provider: 'kubernetes',
    name: object.metadata?.name ?? '',
    tags: object.metadata?.labels ?? {},
    properties,
  };
  if (region !== undefined) resource.region = region;
  return resource;
}
