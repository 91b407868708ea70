import { isClusterScopedKind, kindKey } from './kinds.ts';

/** The parts a canonical resource ID is built from. */
export interface ResourceIdParts {
  kind: string;
  namespace: string | null;
  name: string;
}

/**
 * The canonical ID of a Kubernetes object (CONTRACT "resource ID"): `k8s/<kind>/<namespace>/<name>`
 * for namespaced objects, `k8s/<kind>/<name>` for cluster-scoped ones, kind lowercase singular.
 *
 * @example
 * resourceId({ kind: 'Deployment', namespace: 'payments', name: 'api' }) // 'k8s/deployment/payments/api'
 * resourceId({ kind: 'ClusterRole', namespace: null, name: 'view' })   // 'k8s/clusterrole/view'
 */
export function resourceId({ kind, namespace, name }: ResourceIdParts): string {
  const key = kindKey(kind);
  if (namespace === null || namespace === '' || isClusterScopedKind(key)) return `k8s/${key}/${name}`;
  return `k8s/${key}/${namespace}/${name}`;
}
