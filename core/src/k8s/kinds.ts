/**
 * Kinds whose objects have no namespace. Every other kind is namespaced, including unknown ones
 * (custom resources), whose scope comes from `metadata.namespace` alone.
 */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'namespace',
  'node',
  'persistentvolume',
  'clusterrole',
  'clusterrolebinding',
  'priorityclass',
  'storageclass',
  'csidriver',
  'csinode',
  'volumeattachment',
  'runtimeclass',
  'ingressclass',
  'customresourcedefinition',
  'apiservice',
  'mutatingwebhookconfiguration',
  'validatingwebhookconfiguration',
  'validatingadmissionpolicy',
  'validatingadmissionpolicybinding',
  'certificatesigningrequest',
  'flowschema',
  'prioritylevelconfiguration',
  'podsecuritypolicy',
]);

/**
 * Lowercase singular kind used in resource IDs and `normalized_type`: `Deployment` → `deployment`,
 * `HorizontalPodAutoscaler` → `horizontalpodautoscaler`.
 */
export function kindKey(kind: string): string {
  return kind.toLowerCase();
}

/** True when objects of this kind (lowercase singular) are cluster-scoped. */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kindKey(kind));
}
