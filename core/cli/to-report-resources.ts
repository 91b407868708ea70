import { isJsonObject, type JsonObject, type ReportResource } from '../src/index.ts';
import { UsageError } from './usage-error.ts';

/**
 * The objects of `kubectl get … -o json` output: a `List` (or a typed list such as `DeploymentList`)
 * gives its `items`, anything else is one object.
 */
export function kubernetesObjects(input: unknown): JsonObject[] {
  if (!isJsonObject(input)) throw new UsageError('the input is not a Kubernetes object or List');
  const items = typeof input.kind === 'string' && input.kind.endsWith('List') ? input.items : [input];
  if (!Array.isArray(items)) throw new UsageError(`a ${String(input.kind)} without an items array`);
  return items.map((item, index) => {
    if (!isJsonObject(item)) throw new UsageError(`items[${index}] is not an object`);
    return item;
  });
}

/**
 * One object as a resource of the operator report (CONTRACT "Operator report"): `id` the UID,
 * `normalized_type` `k8s/<lowercase kind>`, `tags` the labels, `properties` the object itself.
 *
 * @example
 * toReportResource({ kind: 'Deployment', metadata: { name: 'api', uid: '6f1c…' }, spec: {} });
 * // { id: '6f1c…', normalized_type: 'k8s/deployment', provider_type: 'deployment', provider: 'kubernetes', … }
 */
export function toReportResource(object: JsonObject, index: number): ReportResource {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const where = `object ${index}${typeof metadata.name === 'string' ? ` (${metadata.name})` : ''}`;
  if (typeof object.kind !== 'string' || object.kind === '') throw new UsageError(`${where} has no kind`);
  if (typeof metadata.name !== 'string') throw new UsageError(`${where} has no metadata.name`);
  // The UID is the report's resource id; objects read from the API always have one, files written by hand not.
  if (typeof metadata.uid !== 'string') {
    throw new UsageError(
      `${where} has no metadata.uid: give objects as the API returns them (kubectl get -o json)`,
    );
  }
  const kind = object.kind.toLowerCase();
  return {
    id: metadata.uid,
    normalized_type: `k8s/${kind}`,
    provider_type: kind,
    provider: 'kubernetes',
    name: metadata.name,
    tags: isJsonObject(metadata.labels) ? (metadata.labels as Record<string, string>) : {},
    properties: object as ReportResource['properties'],
  };
}
