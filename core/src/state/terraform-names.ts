/**
 * The one name table between typed Terraform state (hashicorp/kubernetes provider, snake_case,
 * every nested block a list) and the Kubernetes API's shape (camelCase, objects, plural lists).
 * The state reader walks it forwards (`findStateRule`), `toStatePath` walks it backwards
 * (`findApiRule`). Only the exceptions live here: any attribute without a rule is snake→camel,
 * a one-item block becomes an object and a map keeps its keys.
 *
 * Sources: the provider's `kubernetes/schema_*.go` and `structures_*.go` (flatten/expand) at v2.3x.
 */

/** How a state attribute's value maps onto the API. */
export type RuleShape =
  /** A repeated block: stays a list, each item translated (`container` → `containers`). */
  | 'list'
  /** A max-one block: `[{…}]` → `{…}` even where the provider allows more items. */
  | 'object'
  /** A map attribute: its keys are user strings and are never renamed (`labels`, `data`). */
  | 'map'
  /** A scalar or a list of scalars, kept (after `convert`). */
  | 'scalar'
  /** Terraform-only or server-computed: no live counterpart, never declared. */
  | 'drop'
  /**
   * A max-one block whose attributes the API keeps in the enclosing object: a PersistentVolume's
   * `spec[0].persistent_volume_source[0].host_path` is the API's `spec.hostPath`. `except` names the API
   * keys of the enclosing object that are not the block's (for walking an API path back to state).
   */
  | 'inline';

/** How a scalar from state becomes the API's value. */
export type ValueConversion =
  /** `"2"` → 2 (`replicas`, `run_as_user`); `""` stays `""` (unset). */
  | 'int'
  /** int-or-string: `"9464"` → 9464, `"rest"` and `"25%"` stay. */
  | 'intOrString'
  /** An octal file mode: `"0644"` → 420. */
  | 'octal'
  /** A `[]byte` field the provider keeps as text (`ca_bundle`, a CSR's `request`): the API's base64 of it. */
  | 'base64';

/** One exception to the default translation. */
export interface NameRule {
  /** Attribute name in state (snake_case). */
  readonly state: string;
  /** Key in the API object. */
  readonly api: string;
  readonly shape?: RuleShape;
  readonly convert?: ValueConversion;
  /**
   * API key of the enclosing attribute (`''` for the resource's top level); for items of a
   * list, the list's key. Absent: the rule holds everywhere.
   */
  readonly within?: string;
  /** Terraform resource types the rule is limited to. Absent: every type. */
  readonly types?: readonly string[];
  /** For `inline` rules: API keys of the enclosing object that the inlined block does not hold. */
  readonly except?: readonly string[];
}

const both = (name: string) => [`kubernetes_${name}`, `kubernetes_${name}_v1`];
const SERVICE = both('service');
const REPLICATION_CONTROLLER = both('replication_controller');
const DAEMON_SET = ['kubernetes_daemonset', 'kubernetes_daemon_set_v1'];
const SERVICE_ACCOUNT = [...both('service_account'), ...both('default_service_account')];
const LIMIT_RANGE = both('limit_range');
const INGRESS_LEGACY = ['kubernetes_ingress'];
const HPA_V2 = ['kubernetes_horizontal_pod_autoscaler_v2', 'kubernetes_horizontal_pod_autoscaler_v2beta2'];
const PERSISTENT_VOLUME = both('persistent_volume');
const ENDPOINTS = both('endpoints');
const ENDPOINT_SLICE = ['kubernetes_endpoint_slice_v1'];
const WEBHOOKS = [...both('validating_webhook_configuration'), ...both('mutating_webhook_configuration')];
const CSR = both('certificate_signing_request');

/** The table. Order does not matter: the most specific matching rule wins. */
export const NAME_RULES: readonly NameRule[] = [
  // Terraform-only attributes (no live counterpart).
  { state: 'id', api: 'id', shape: 'drop', within: '' },
  { state: 'timeouts', api: 'timeouts', shape: 'drop', within: '' },
  { state: 'wait_for_rollout', api: 'waitForRollout', shape: 'drop', within: '' },
  { state: 'wait_for_load_balancer', api: 'waitForLoadBalancer', shape: 'drop', within: '' },
  { state: 'wait_for_service_account_token', api: 'waitForServiceAccountToken', shape: 'drop', within: '' },
  { state: 'wait_for_completion', api: 'waitForCompletion', shape: 'drop', within: '' },
  { state: 'wait_until_bound', api: 'waitUntilBound', shape: 'drop', within: '' },
  {
    state: 'wait_for_default_service_account',
    api: 'waitForDefaultServiceAccount',
    shape: 'drop',
    within: '',
  },
  { state: 'target_state', api: 'targetState', shape: 'drop', within: '' },
  // The Service's and Ingress's read-only `status` block is the load balancer's, not a declaration.
  { state: 'status', api: 'status', shape: 'drop', within: '' },
  // A ServiceAccount's deprecated, computed token secret name.
  { state: 'default_secret_name', api: 'defaultSecretName', shape: 'drop', within: '' },
  // Secret write-only data: state holds no value, only the revision counter.
  { state: 'data_wo', api: 'dataWo', shape: 'drop', within: '' },
  { state: 'data_wo_revision', api: 'dataWoRevision', shape: 'drop', within: '' },
  // A CSR's approval is a Terraform action, its certificate the signer's output (status).
  { state: 'auto_approve', api: 'autoApprove', shape: 'drop', within: '', types: CSR },
  { state: 'certificate', api: 'certificate', shape: 'drop', within: '', types: CSR },
  // Server-computed metadata, recorded at the last apply or refresh.
  { state: 'uid', api: 'uid', shape: 'drop', within: 'metadata' },
  { state: 'resource_version', api: 'resourceVersion', shape: 'drop', within: 'metadata' },
  { state: 'generation', api: 'generation', shape: 'drop', within: 'metadata' },
  { state: 'self_link', api: 'selfLink', shape: 'drop', within: 'metadata' },
  // autoscaling/v2 has no such field (v1 only).
  {
    state: 'target_cpu_utilization_percentage',
    api: 'targetCPUUtilizationPercentage',
    shape: 'drop',
    types: HPA_V2,
  },

  // Names the generic snake→camel gets wrong.
  { state: 'cluster_ip', api: 'clusterIP' },
  { state: 'cluster_ips', api: 'clusterIPs' },
  { state: 'external_ips', api: 'externalIPs' },
  { state: 'load_balancer_ip', api: 'loadBalancerIP' },
  { state: 'host_ip', api: 'hostIP' },
  { state: 'pod_ip', api: 'podIP' },
  { state: 'host_ipc', api: 'hostIPC' },
  { state: 'host_pid', api: 'hostPID' },
  { state: 'client_ip', api: 'clientIP', shape: 'object' },
  { state: 'non_resource_urls', api: 'nonResourceURLs' },
  { state: 'downward_api', api: 'downwardAPI', shape: 'object' },
  { state: 'ceph_fs', api: 'cephfs', shape: 'object' },
  { state: 'volume_id', api: 'volumeID' },
  { state: 'pd_id', api: 'pdID' },
  { state: 'data_disk_uri', api: 'diskURI' },
  { state: 'dataset_uuid', api: 'datasetUUID' },
  { state: 'target_ww_ns', api: 'targetWWNs' },
  { state: 'ceph_monitors', api: 'monitors', within: 'rbd' },
  { state: 'rbd_image', api: 'image', within: 'rbd' },
  { state: 'rbd_pool', api: 'pool', within: 'rbd' },
  { state: 'rados_user', api: 'user', within: 'rbd' },
  { state: 'run_as_username', api: 'runAsUserName' },
  { state: 'target_cpu_utilization_percentage', api: 'targetCPUUtilizationPercentage' },
  { state: 'timezone', api: 'timeZone' },
  { state: 'insecure_skip_tls_verify', api: 'insecureSkipTLSVerify' },
  // PersistentVolume: the provider nests the volume source in a block the API does not have.
  {
    state: 'persistent_volume_source',
    api: '',
    shape: 'inline',
    within: 'spec',
    types: PERSISTENT_VOLUME,
    except: [
      'accessModes',
      'capacity',
      'claimRef',
      'mountOptions',
      'nodeAffinity',
      'persistentVolumeReclaimPolicy',
      'storageClassName',
      'volumeMode',
    ],
  },
  { state: 'storage_provisioner', api: 'provisioner', within: '' },
  { state: 'strategy', api: 'updateStrategy', shape: 'object', within: 'spec', types: DAEMON_SET },
  // Legacy (networking.k8s.io/v1beta1) Ingress: its `backend` is v1's `defaultBackend`.
  { state: 'backend', api: 'defaultBackend', shape: 'object', within: 'spec', types: INGRESS_LEGACY },

  // Repeated blocks: singular in state, plural lists in the API.
  { state: 'container', api: 'containers', shape: 'list' },
  { state: 'init_container', api: 'initContainers', shape: 'list' },
  { state: 'port', api: 'ports', shape: 'list' },
  { state: 'volume_mount', api: 'volumeMounts', shape: 'list' },
  { state: 'volume_device', api: 'volumeDevices', shape: 'list' },
  { state: 'volume', api: 'volumes', shape: 'list' },
  { state: 'toleration', api: 'tolerations', shape: 'list' },
  { state: 'topology_spread_constraint', api: 'topologySpreadConstraints', shape: 'list' },
  { state: 'readiness_gate', api: 'readinessGates', shape: 'list' },
  { state: 'http_header', api: 'httpHeaders', shape: 'list' },
  { state: 'sysctl', api: 'sysctls', shape: 'list' },
  { state: 'option', api: 'options', shape: 'list', within: 'dnsConfig' },
  { state: 'node_selector_term', api: 'nodeSelectorTerms', shape: 'list' },
  { state: 'rule', api: 'rules', shape: 'list' },
  { state: 'subject', api: 'subjects', shape: 'list' },
  { state: 'path', api: 'paths', shape: 'list', within: 'http' },
  { state: 'metric', api: 'metrics', shape: 'list', within: 'spec' },
  { state: 'policy', api: 'policies', shape: 'list' },
  { state: 'limit', api: 'limits', shape: 'list', within: 'spec', types: LIMIT_RANGE },
  { state: 'match_expression', api: 'matchExpressions', shape: 'list', within: 'scopeSelector' },
  { state: 'on_pod_condition', api: 'onPodConditions', shape: 'list' },
  { state: 'volume_claim_template', api: 'volumeClaimTemplates', shape: 'list' },
  { state: 'secret', api: 'secrets', shape: 'list', within: '', types: SERVICE_ACCOUNT },
  { state: 'image_pull_secret', api: 'imagePullSecrets', shape: 'list', within: '', types: SERVICE_ACCOUNT },
  { state: 'subset', api: 'subsets', shape: 'list', within: '', types: ENDPOINTS },
  { state: 'address', api: 'addresses', shape: 'list', within: 'subsets', types: ENDPOINTS },
  {
    state: 'not_ready_address',
    api: 'notReadyAddresses',
    shape: 'list',
    within: 'subsets',
    types: ENDPOINTS,
  },
  { state: 'endpoint', api: 'endpoints', shape: 'list', within: '', types: ENDPOINT_SLICE },
  { state: 'condition', api: 'conditions', shape: 'object', within: 'endpoints', types: ENDPOINT_SLICE },
  { state: 'webhook', api: 'webhooks', shape: 'list', within: '', types: WEBHOOKS },
  // Repeated blocks whose state name is already the API's.
  { state: 'env', api: 'env', shape: 'list' },
  { state: 'env_from', api: 'envFrom', shape: 'list' },
  { state: 'host_aliases', api: 'hostAliases', shape: 'list' },
  { state: 'image_pull_secrets', api: 'imagePullSecrets', shape: 'list' },
  { state: 'items', api: 'items', shape: 'list' },
  { state: 'sources', api: 'sources', shape: 'list' },
  { state: 'match_expressions', api: 'matchExpressions', shape: 'list' },
  { state: 'match_fields', api: 'matchFields', shape: 'list' },
  { state: 'match_label_expressions', api: 'matchLabelExpressions', shape: 'list' },
  { state: 'cluster_role_selectors', api: 'clusterRoleSelectors', shape: 'list' },
  { state: 'allowed_topologies', api: 'allowedTopologies', shape: 'list' },
  { state: 'tls', api: 'tls', shape: 'list' },
  { state: 'ingress', api: 'ingress', shape: 'list', within: 'spec' },
  { state: 'egress', api: 'egress', shape: 'list', within: 'spec' },
  { state: 'from', api: 'from', shape: 'list' },
  { state: 'to', api: 'to', shape: 'list' },
  { state: 'ports', api: 'ports', shape: 'list', within: 'ingress' },
  { state: 'ports', api: 'ports', shape: 'list', within: 'egress' },
  { state: 'resize_policy', api: 'resizePolicy', shape: 'list' },
  // Pod (anti-)affinity terms are a list; node affinity's required term is one NodeSelector.
  {
    state: 'required_during_scheduling_ignored_during_execution',
    api: 'requiredDuringSchedulingIgnoredDuringExecution',
    shape: 'list',
  },
  {
    state: 'required_during_scheduling_ignored_during_execution',
    api: 'requiredDuringSchedulingIgnoredDuringExecution',
    shape: 'object',
    within: 'nodeAffinity',
  },
  {
    state: 'preferred_during_scheduling_ignored_during_execution',
    api: 'preferredDuringSchedulingIgnoredDuringExecution',
    shape: 'list',
  },
  // Max-one blocks whose name is also used for a repeated block elsewhere.
  { state: 'port', api: 'port', shape: 'object', within: 'service' },
  { state: 'volume_claim_template', api: 'volumeClaimTemplate', shape: 'object', within: 'ephemeral' },

  // Maps: keys are user strings (`toStatePath` stops walking names after one of these).
  { state: 'labels', api: 'labels', shape: 'map' },
  { state: 'annotations', api: 'annotations', shape: 'map' },
  { state: 'data', api: 'data', shape: 'map', within: '' },
  { state: 'binary_data', api: 'binaryData', shape: 'map', within: '' },
  { state: 'node_selector', api: 'nodeSelector', shape: 'map' },
  { state: 'match_labels', api: 'matchLabels', shape: 'map' },
  {
    state: 'selector',
    api: 'selector',
    shape: 'map',
    within: 'spec',
    types: [...SERVICE, ...REPLICATION_CONTROLLER],
  },
  { state: 'limits', api: 'limits', shape: 'map', within: 'resources' },
  { state: 'requests', api: 'requests', shape: 'map', within: 'resources' },
  { state: 'hard', api: 'hard', shape: 'map' },
  { state: 'parameters', api: 'parameters', shape: 'map', within: '' },
  { state: 'default', api: 'default', shape: 'map', within: 'limits' },
  { state: 'default_request', api: 'defaultRequest', shape: 'map', within: 'limits' },
  { state: 'max', api: 'max', shape: 'map', within: 'limits' },
  { state: 'min', api: 'min', shape: 'map', within: 'limits' },
  { state: 'max_limit_request_ratio', api: 'maxLimitRequestRatio', shape: 'map', within: 'limits' },
  { state: 'volume_attributes', api: 'volumeAttributes', shape: 'map' },
  { state: 'options', api: 'options', shape: 'map', within: 'flexVolume' },

  // Scalars whose state representation differs from the API's.
  { state: 'replicas', api: 'replicas', convert: 'int' },
  { state: 'run_as_user', api: 'runAsUser', convert: 'int' },
  { state: 'run_as_group', api: 'runAsGroup', convert: 'int' },
  { state: 'fs_group', api: 'fsGroup', convert: 'int' },
  { state: 'toleration_seconds', api: 'tolerationSeconds', convert: 'int' },
  { state: 'ttl_seconds_after_finished', api: 'ttlSecondsAfterFinished', convert: 'int' },
  { state: 'port', api: 'port', convert: 'intOrString' },
  { state: 'target_port', api: 'targetPort', convert: 'intOrString' },
  { state: 'service_port', api: 'servicePort', convert: 'intOrString' },
  { state: 'max_surge', api: 'maxSurge', convert: 'intOrString' },
  { state: 'max_unavailable', api: 'maxUnavailable', convert: 'intOrString' },
  { state: 'min_available', api: 'minAvailable', convert: 'intOrString' },
  { state: 'default_mode', api: 'defaultMode', convert: 'octal' },
  { state: 'ca_bundle', api: 'caBundle', convert: 'base64' },
  { state: 'request', api: 'request', convert: 'base64', within: 'spec', types: CSR },
  { state: 'mode', api: 'mode', convert: 'octal' },
];

/** What kind of value a rule is asked about: it must agree with the rule's shape. */
export type ValueKind = 'block' | 'map' | 'scalar';

function shapeFits(rule: NameRule, kind: ValueKind | undefined): boolean {
  if (kind === undefined || rule.shape === 'drop') return true;
  if (rule.shape === 'list' || rule.shape === 'object' || rule.shape === 'inline') return kind === 'block';
  if (rule.shape === 'map') return kind === 'map';
  if (rule.convert !== undefined || rule.shape === 'scalar') return kind === 'scalar';
  return true;
}

function specificity(rule: NameRule): number {
  return (rule.types ? 2 : 0) + (rule.within !== undefined ? 1 : 0);
}

function applies(rule: NameRule, type: string, within: string): boolean {
  return (
    (rule.types === undefined || rule.types.includes(type)) &&
    (rule.within === undefined || rule.within === within)
  );
}

function indexBy(key: 'state' | 'api'): ReadonlyMap<string, readonly NameRule[]> {
  const index = new Map<string, NameRule[]>();
  for (const rule of NAME_RULES) {
    const list = index.get(rule[key]) ?? [];
    list.push(rule);
    index.set(rule[key], list);
  }
  for (const list of index.values()) list.sort((a, b) => specificity(b) - specificity(a));
  return index;
}

const BY_STATE = indexBy('state');
const BY_API = indexBy('api');

/**
 * The rule for state attribute `key` of a `type` resource, inside the attribute whose API key is
 * `within` (`''` at the top level), for a value of `kind`; `undefined` when the defaults apply.
 */
export function findStateRule(
  type: string,
  within: string,
  key: string,
  kind: ValueKind,
): NameRule | undefined {
  return BY_STATE.get(key)?.find((rule) => applies(rule, type, within) && shapeFits(rule, kind));
}

/** The rule whose API key is `key` at that place, for walking an API path back to state. */
export function findApiRule(type: string, within: string, key: string): NameRule | undefined {
  return BY_API.get(key)?.find((rule) => rule.shape !== 'drop' && applies(rule, type, within));
}

const INLINE_RULES = NAME_RULES.filter((rule) => rule.shape === 'inline');

/**
 * The `inline` block that holds API key `key` of the object at `within`, for walking an API path back to
 * state (`spec.hostPath` of a PersistentVolume is under `persistent_volume_source`); `undefined` when none.
 */
export function findInlineRule(type: string, within: string, key: string): NameRule | undefined {
  return INLINE_RULES.find((rule) => applies(rule, type, within) && !rule.except?.includes(key));
}

// Attribute names repeat across every instance of a state file: remember each translation once (the
// regex replace was the reader's hottest line on a 50k-object state).
const CAMEL = new Map<string, string>();

/** Generic snake_case → camelCase (`container_port` → `containerPort`). */
export function snakeToCamel(name: string): string {
  let camel = CAMEL.get(name);
  if (camel === undefined) {
    camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    // Attribute names are a bounded vocabulary; the cap keeps map keys from user data from growing it.
    if (CAMEL.size < 10_000) CAMEL.set(name, camel);
  }
  return camel;
}

/** Generic camelCase → snake_case (`containerPort` → `container_port`). */
export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
