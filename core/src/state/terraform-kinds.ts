/** The Kubernetes object a typed Terraform resource declares. */
export interface TerraformKind {
  apiVersion: string;
  kind: string;
}

// Base names of the hashicorp/kubernetes provider's typed resources; each exists as `kubernetes_<base>`
// (legacy) and `kubernetes_<base>_v1`, except where listed separately below.
const BASES: ReadonlyArray<readonly [string, string, string]> = [
  ['deployment', 'apps/v1', 'Deployment'],
  ['stateful_set', 'apps/v1', 'StatefulSet'],
  ['replication_controller', 'v1', 'ReplicationController'],
  ['service', 'v1', 'Service'],
  ['config_map', 'v1', 'ConfigMap'],
  ['secret', 'v1', 'Secret'],
  ['namespace', 'v1', 'Namespace'],
  ['service_account', 'v1', 'ServiceAccount'],
  // Takes over a namespace's existing `default` ServiceAccount; same schema as service_account.
  ['default_service_account', 'v1', 'ServiceAccount'],
  ['network_policy', 'networking.k8s.io/v1', 'NetworkPolicy'],
  ['role', 'rbac.authorization.k8s.io/v1', 'Role'],
  ['role_binding', 'rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['cluster_role', 'rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['cluster_role_binding', 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['persistent_volume_claim', 'v1', 'PersistentVolumeClaim'],
  ['job', 'batch/v1', 'Job'],
  ['pod', 'v1', 'Pod'],
  ['limit_range', 'v1', 'LimitRange'],
  ['resource_quota', 'v1', 'ResourceQuota'],
  ['priority_class', 'scheduling.k8s.io/v1', 'PriorityClass'],
  ['storage_class', 'storage.k8s.io/v1', 'StorageClass'],
  ['pod_disruption_budget', 'policy/v1', 'PodDisruptionBudget'],
  ['persistent_volume', 'v1', 'PersistentVolume'],
  ['endpoints', 'v1', 'Endpoints'],
  ['ingress_class', 'networking.k8s.io/v1', 'IngressClass'],
  // The legacy names were v1beta1 objects; clusters serve them at v1 only (since 1.22), in the same shape.
  ['csi_driver', 'storage.k8s.io/v1', 'CSIDriver'],
  ['api_service', 'apiregistration.k8s.io/v1', 'APIService'],
  ['certificate_signing_request', 'certificates.k8s.io/v1', 'CertificateSigningRequest'],
  ['validating_webhook_configuration', 'admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
  ['mutating_webhook_configuration', 'admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
];

const TABLE: ReadonlyMap<string, TerraformKind> = new Map<string, TerraformKind>([
  ...BASES.flatMap(([base, apiVersion, kind]) => [
    [`kubernetes_${base}`, { apiVersion, kind }] as const,
    [`kubernetes_${base}_v1`, { apiVersion, kind }] as const,
  ]),
  ['kubernetes_runtime_class_v1', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass' }],
  ['kubernetes_endpoint_slice_v1', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' }],
  // The legacy DaemonSet name has no underscore.
  ['kubernetes_daemonset', { apiVersion: 'apps/v1', kind: 'DaemonSet' }],
  ['kubernetes_daemon_set_v1', { apiVersion: 'apps/v1', kind: 'DaemonSet' }],
  // The legacy Ingress is networking.k8s.io/v1beta1 in state; the reader translates it to v1, the only
  // version a cluster serves since Kubernetes 1.22, so it compares with what the operator reads.
  ['kubernetes_ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }],
  ['kubernetes_ingress_v1', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }],
  ['kubernetes_cron_job', { apiVersion: 'batch/v1beta1', kind: 'CronJob' }],
  ['kubernetes_cron_job_v1', { apiVersion: 'batch/v1', kind: 'CronJob' }],
  ['kubernetes_horizontal_pod_autoscaler', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' }],
  [
    'kubernetes_horizontal_pod_autoscaler_v1',
    { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' },
  ],
  [
    'kubernetes_horizontal_pod_autoscaler_v2',
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  ],
  [
    'kubernetes_horizontal_pod_autoscaler_v2beta2',
    { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' },
  ],
]);

/**
 * The apiVersion and kind a typed `kubernetes_*` resource declares, or `undefined` for a type the
 * reader does not translate (it is then counted in `skipped`).
 *
 * @example
 * terraformKind('kubernetes_daemon_set_v1') // { apiVersion: 'apps/v1', kind: 'DaemonSet' }
 */
export function terraformKind(type: string): TerraformKind | undefined {
  return TABLE.get(type);
}

/** Every typed resource type the reader translates, for documentation and tests. */
export function terraformTypes(): string[] {
  return [...TABLE.keys()].sort();
}
