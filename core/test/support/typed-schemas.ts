import fc from 'fast-check';
import type { JsonObject } from '../../src/json.ts';
import type { BlockField, Conversion, Field, Fields } from './provider-apply.ts';

// The attribute schemas of the provider's typed resources (hashicorp/terraform-provider-kubernetes,
// kubernetes/schema_*.go and the resource_kubernetes_*.go schema functions), cut down to the attributes
// these property tests generate, with valid value pools. Names and API keys are transcribed by hand from
// the provider's expand/flatten functions, not taken from core's name table.

// --- field constructors --------------------------------------------------------------------------------

type Opt = Omit<Field & { t: 'str' }, 't' | 'arb'>;
const str = (arb: fc.Arbitrary<string>, opt: Opt = {}): Field => ({ t: 'str', arb, ...opt });
const pick = (...values: string[]) => fc.constantFrom(...values);
const int = (min: number, max: number, opt: Omit<Field, 't'> = {}): Field => ({
  t: 'int',
  arb: fc.integer({ min, max }),
  ...opt,
});
/** A number the provider keeps as a string in state (`replicas`, `run_as_user`). */
const intText = (min: number, max: number, opt: Opt = {}): Field =>
  str(fc.integer({ min, max }).map(String), { convert: 'int', ...opt });
const bool = (opt: Omit<Field & { t: 'bool' }, 't'> = {}): Field => ({ t: 'bool', ...opt });
const map = (arb: fc.Arbitrary<Record<string, string>>, opt: Omit<Field, 't'> = {}): Field => ({
  t: 'map',
  arb,
  ...opt,
});
const strs = (values: fc.Arbitrary<string>, opt: Omit<Field & { t: 'strs' }, 't' | 'arb'> = {}): Field => ({
  t: 'strs',
  arb: fc.array(values, { minLength: opt.required ? 1 : 0, maxLength: 3 }),
  ...opt,
});
const one = (fields: Fields, opt: Omit<BlockField, 't' | 'fields' | 'one'> = {}): Field => ({
  t: 'block',
  fields,
  one: true,
  ...opt,
});
const many = (fields: Fields, opt: Omit<BlockField, 't' | 'fields'> = {}): Field => ({
  t: 'block',
  fields,
  ...opt,
});
const computed = (field: Field): Field => ({ ...field, computed: true });
const conv = (arb: fc.Arbitrary<string>, convert: Conversion, opt: Opt = {}) => str(arb, { convert, ...opt });

// --- value pools ---------------------------------------------------------------------------------------

const dnsName = pick('web', 'api', 'db', 'cache', 'worker-1');
// A label value may be empty.
const labelMap = fc.dictionary(
  pick('app', 'tier', 'example.com/team', 'app.kubernetes.io/name'),
  fc.oneof(dnsName, fc.constant('')),
  { maxKeys: 3 },
);
const annotationMap = fc.dictionary(
  pick('note', 'example.com/owner', 'checksum/config'),
  pick('x', 'a b', '42'),
  {
    maxKeys: 2,
  },
);
const quantity = pick('100m', '250m', '1', '2', '64Mi', '1Gi', '500M');
const resourceMap = fc.dictionary(pick('cpu', 'memory'), quantity, { maxKeys: 2 });
const image = pick('nginx:1.27', 'nginx', 'ghcr.io/acme/api:2.1', 'redis:latest', 'busybox@sha256:abc');
const path = pick('/healthz', '/ready', '/');
const mountPath = pick('/data', '/etc/config', '/var/cache');
const octalMode = pick('0644', '0400', '0755');
const cidr = pick('10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12');
const ip = pick('10.1.2.3', '10.1.2.4', '192.168.1.10');
const verbs = pick('get', 'list', 'watch', 'create', 'delete');
const textMap = fc.dictionary(pick('A', 'config.yaml', 'LOG_LEVEL'), pick('1', 'debug', 'x: y', ''), {
  maxKeys: 3,
});

// --- metadata ------------------------------------------------------------------------------------------

const metadataFields = (namespaced: boolean): Fields => ({
  name: str(dnsName, { required: true, noEdit: true }),
  ...(namespaced ? { namespace: str(pick('shop'), { required: true, noEdit: true }) } : {}),
  labels: map(labelMap),
  annotations: map(annotationMap),
  generate_name: computed(str(pick(''))),
  generation: computed(int(0, 0)),
  resource_version: computed(str(pick(''))),
  uid: computed(str(pick(''))),
});
export const metadata = (namespaced: boolean): Field => one(metadataFields(namespaced), { required: true });

const templateMetadata: Field = one({
  labels: map(labelMap),
  annotations: map(annotationMap),
  name: str(pick('')),
  generate_name: str(pick('')),
  namespace: str(pick('')),
});

const labelSelector = (required = false): Field =>
  one(
    {
      match_labels: map(labelMap),
      match_expressions: many({
        key: str(pick('app', 'tier'), { required: true }),
        operator: str(pick('In', 'NotIn'), { required: true }),
        values: strs(dnsName, { set: true, required: true }),
      }),
    },
    { required },
  );

// --- pod spec (schema_pod_spec.go, schema_container.go) ---------------------------------------------------

// A probe has exactly one handler (validation); the provider's flatten writes the handler it finds.
const probe: Field = one(
  {
    http_get: one({
      path: str(path),
      port: conv(pick('8080', 'http'), 'intOrString', { required: true }),
      scheme: str(pick('HTTP', 'HTTPS')),
      http_header: many(
        {
          name: str(pick('X-Probe', 'Host'), { required: true }),
          value: str(pick('1', 'a'), { required: true }),
        },
        { key: 'name', api: 'httpHeaders' },
      ),
    }),
    tcp_socket: one({ port: conv(pick('8080', 'http'), 'intOrString', { required: true }) }),
    exec: one({ command: strs(pick('cat', '/tmp/ok'), { required: true }) }),
    grpc: one({ port: int(1000, 9000, { required: true }), service: str(pick('', 'health')) }),
    initial_delay_seconds: int(1, 30),
    period_seconds: int(1, 60),
    timeout_seconds: int(1, 10),
    success_threshold: int(1, 1),
    failure_threshold: int(1, 10),
  },
  { oneOf: ['http_get', 'tcp_socket', 'exec', 'grpc'] },
);

const container = (names: fc.Arbitrary<string>): Fields => ({
  name: str(names, { required: true }),
  image: str(image, { required: true }),
  command: strs(pick('/bin/sh', '-c', 'run')),
  args: strs(pick('--port=8080', '-v', 'serve')),
  working_dir: str(pick('/app', '/srv')),
  image_pull_policy: str(pick('Always', 'IfNotPresent', 'Never')),
  termination_message_path: str(pick('/dev/termination-log', '/tmp/msg')),
  termination_message_policy: str(pick('File', 'FallbackToLogsOnError')),
  stdin: bool(),
  tty: bool(),
  port: many(
    {
      container_port: int(80, 9000, { required: true }),
      name: str(pick('http', 'metrics', 'grpc')),
      protocol: str(pick('TCP', 'UDP')),
      host_port: int(0, 0),
      host_ip: str(pick('')),
    },
    // Validation: port names are unique (validateContainerPorts).
    { key: 'container_port', unique: ['name'], api: 'ports' },
  ),
  env: many(
    {
      name: str(pick('A', 'B', 'LOG_LEVEL', 'POD_IP'), { required: true }),
      value: str(pick('1', 'x', '')),
      value_from: one(
        {
          field_ref: one({
            api_version: str(pick('v1')),
            field_path: str(pick('status.podIP', 'metadata.name'), { required: true }),
          }),
          config_map_key_ref: one({
            name: str(dnsName, { required: true }),
            key: str(pick('k'), { required: true }),
            optional: bool(),
          }),
          secret_key_ref: one({
            name: str(dnsName, { required: true }),
            key: str(pick('k'), { required: true }),
            optional: bool(),
          }),
          resource_field_ref: one({
            container_name: str(pick('', 'app')),
            resource: str(pick('limits.cpu', 'requests.memory'), { required: true }),
            divisor: str(pick('1', '1m', '1Mi')),
          }),
        },
        { oneOf: ['field_ref', 'config_map_key_ref', 'secret_key_ref', 'resource_field_ref'] },
      ),
    },
    { key: 'name' },
  ),
  env_from: many(
    {
      prefix: str(pick('', 'CFG_')),
      config_map_ref: one({ name: str(dnsName, { required: true }), optional: bool() }),
      secret_ref: one({ name: str(dnsName, { required: true }), optional: bool() }),
    },
    { oneOf: ['config_map_ref', 'secret_ref'], api: 'envFrom' },
  ),
  startup_probe: probe,
  resize_policy: many(
    {
      resource_name: str(pick('cpu', 'memory'), { required: true }),
      restart_policy: str(pick('NotRequired', 'RestartContainer')),
    },
    { key: 'resource_name', api: 'resizePolicy' },
  ),
  lifecycle: one({
    pre_stop: one({
      exec: one({ command: strs(pick('sleep', '5'), { required: true }) }, { required: true }),
    }),
  }),
  resources: one({ limits: map(resourceMap), requests: map(resourceMap) }),
  volume_mount: many(
    {
      name: str(pick('config', 'data'), { required: true }),
      mount_path: str(mountPath, { required: true }),
      read_only: bool(),
      sub_path: str(pick('', 'sub')),
      // flattenContainerVolumeMounts writes "None" when the API has no mountPropagation.
      mount_propagation: str(pick('None', 'HostToContainer'), { flattenDefault: 'None' }),
    },
    { key: 'name', api: 'volumeMounts' },
  ),
  liveness_probe: probe,
  readiness_probe: probe,
  security_context: one({
    allow_privilege_escalation: bool(),
    privileged: bool(),
    read_only_root_filesystem: bool(),
    run_as_non_root: bool(),
    run_as_user: intText(1, 65_000),
    run_as_group: intText(1, 65_000),
    capabilities: one({ add: strs(pick('NET_ADMIN', 'SYS_TIME')), drop: strs(pick('ALL', 'NET_RAW')) }),
  }),
});

const keyToPath = many({
  key: str(pick('a', 'b'), { required: true }),
  path: str(pick('a.txt', 'b/c'), { required: true }),
  mode: conv(octalMode, 'octal'),
});

const volume: Field = many(
  {
    name: str(pick('config', 'data', 'info', 'claim'), { required: true }),
    config_map: one({
      name: str(dnsName, { required: true }),
      default_mode: conv(octalMode, 'octal'),
      optional: bool(),
      items: keyToPath,
    }),
    secret: one({
      secret_name: str(dnsName, { required: true }),
      default_mode: conv(octalMode, 'octal'),
      optional: bool(),
      items: keyToPath,
    }),
    empty_dir: one({ medium: str(pick('', 'Memory')), size_limit: str(quantity) }),
    // The provider's block is `downward_api`, the API's `downwardAPI` (expandDownwardAPIVolumeSource).
    downward_api: one(
      {
        default_mode: conv(octalMode, 'octal'),
        items: many({
          path: str(pick('labels', 'name'), { required: true }),
          field_ref: one(
            {
              api_version: str(pick('v1')),
              field_path: str(pick('metadata.labels', 'metadata.name'), { required: true }),
            },
            { required: true },
          ),
          mode: conv(octalMode, 'octal'),
        }),
      },
      { api: 'downwardAPI' },
    ),
    // expandProjectedSources sends one API projection per source block; flattenProjectedVolumeSource
    // reads each back as one `sources` item holding that one block.
    projected: one({
      default_mode: conv(octalMode, 'octal'),
      sources: many(
        {
          config_map: one({ name: str(dnsName, { required: true }), items: keyToPath, optional: bool() }),
          secret: one({ name: str(dnsName, { required: true }), items: keyToPath, optional: bool() }),
          service_account_token: one({
            audience: str(pick('', 'vault')),
            expiration_seconds: int(600, 7200),
            path: str(pick('token'), { required: true }),
          }),
        },
        { min: 1, oneOf: ['config_map', 'secret', 'service_account_token'], required: true },
      ),
    }),
    persistent_volume_claim: one({ claim_name: str(dnsName, { required: true }), read_only: bool() }),
    host_path: one({
      path: str(pick('/var/log', '/tmp'), { required: true }),
      type: str(pick('', 'Directory')),
    }),
  },
  {
    key: 'name',
    oneOf: [
      'config_map',
      'secret',
      'empty_dir',
      'downward_api',
      'projected',
      'persistent_volume_claim',
      'host_path',
    ],
    api: 'volumes',
  },
);

// schema_affinity_spec.go: node affinity's required term is one NodeSelector holding node_selector_term
// blocks; pod (anti-)affinity's are lists of terms; `values` and `namespaces` are TypeSets.
const nodeSelectorRequirements = many(
  {
    key: str(pick('zone', 'kubernetes.io/arch'), { required: true }),
    operator: str(pick('In', 'NotIn'), { required: true }),
    values: strs(pick('a', 'b', 'amd64'), { set: true, required: true }),
  },
  { min: 1 },
);

const podAffinityTerm: Fields = {
  label_selector: labelSelector(),
  namespaces: strs(pick('shop', 'infra', 'default'), { set: true }),
  topology_key: str(pick('kubernetes.io/hostname', 'zone'), { required: true }),
};

const affinity: Field = one({
  node_affinity: one({
    required_during_scheduling_ignored_during_execution: one({
      node_selector_term: many(
        {
          match_expressions: nodeSelectorRequirements,
          match_fields: many(
            {
              key: str(pick('metadata.name'), { required: true }),
              operator: str(pick('In', 'NotIn'), { required: true }),
              values: strs(pick('node-1', 'node-2'), { set: true, required: true }),
            },
            { api: 'matchFields' },
          ),
        },
        { min: 1, api: 'nodeSelectorTerms' },
      ),
    }),
    preferred_during_scheduling_ignored_during_execution: many({
      weight: int(1, 100, { required: true }),
      preference: one({ match_expressions: nodeSelectorRequirements }, { required: true }),
    }),
  }),
  pod_anti_affinity: one({
    required_during_scheduling_ignored_during_execution: many(podAffinityTerm),
    preferred_during_scheduling_ignored_during_execution: many({
      weight: int(1, 100, { required: true }),
      pod_affinity_term: one(podAffinityTerm, { required: true }),
    }),
  }),
});

export const podSpecFields = (restartPolicies: readonly string[]): Fields => ({
  affinity,
  topology_spread_constraint: many(
    {
      max_skew: int(1, 3),
      topology_key: str(pick('zone', 'kubernetes.io/hostname'), { required: true }),
      when_unsatisfiable: str(pick('DoNotSchedule', 'ScheduleAnyway')),
      label_selector: labelSelector(),
      match_label_keys: strs(pick('pod-template-hash', 'app'), { set: true }),
    },
    { api: 'topologySpreadConstraints' },
  ),
  dns_config: one({
    nameservers: strs(pick('1.1.1.1', '8.8.8.8')),
    searches: strs(pick('svc.cluster.local', 'example.com')),
    option: many(
      { name: str(pick('ndots', 'edns0'), { required: true }), value: str(pick('', '2')) },
      { key: 'name', api: 'options' },
    ),
  }),
  host_aliases: many(
    { ip: str(ip, { required: true }), hostnames: strs(pick('a.local', 'b.local'), { required: true }) },
    { api: 'hostAliases' },
  ),
  container: many(container(pick('app', 'sidecar')), {
    key: 'name',
    min: 1,
    max: 2,
    required: true,
    api: 'containers',
  }),
  init_container: many(container(pick('init')), { key: 'name', max: 1, api: 'initContainers' }),
  volume,
  node_selector: map(
    fc.dictionary(pick('disktype', 'kubernetes.io/os'), pick('ssd', 'linux'), { maxKeys: 2 }),
  ),
  service_account_name: str(pick('runner', 'default')),
  automount_service_account_token: bool(),
  host_network: bool(),
  host_pid: bool({ api: 'hostPID' }),
  host_ipc: bool({ api: 'hostIPC' }),
  restart_policy: str(pick(...restartPolicies)),
  dns_policy: str(pick('ClusterFirst', 'Default')),
  termination_grace_period_seconds: int(1, 120),
  priority_class_name: str(pick('', 'high')),
  scheduler_name: str(pick('default-scheduler')),
  hostname: str(pick('', 'box')),
  enable_service_links: bool(),
  security_context: one({
    run_as_non_root: bool(),
    run_as_user: intText(1, 65_000),
    fs_group: intText(1, 65_000),
    supplemental_groups: strs(fc.integer({ min: 1, max: 9 }).map(String), { set: true, ints: true }),
    sysctl: many(
      {
        name: str(pick('net.core.somaxconn', 'kernel.shm_rmid_forced'), { required: true }),
        value: str(pick('1024', '1'), { required: true }),
      },
      { key: 'name', api: 'sysctls' },
    ),
  }),
  toleration: many(
    {
      key: str(pick('dedicated', 'gpu')),
      operator: str(pick('Equal', 'Exists')),
      value: str(pick('', 'true')),
      effect: str(pick('NoSchedule', 'NoExecute')),
      toleration_seconds: intText(1, 300),
    },
    { api: 'tolerations' },
  ),
  image_pull_secrets: many({ name: str(dnsName, { required: true }) }, { key: 'name' }),
  readiness_gate: many(
    { condition_type: str(pick('example.com/ready', 'lb'), { required: true }) },
    { api: 'readinessGates' },
  ),
});

export const podTemplate = (restartPolicies: readonly string[], required = true): Field =>
  one(
    { metadata: templateMetadata, spec: one(podSpecFields(restartPolicies), { required: true }) },
    { required },
  );

/** The selector, template labels and strategy that make a workload valid (the API server checks them). */
export type Fixup = (attributes: JsonObject) => void;

// --- kinds ---------------------------------------------------------------------------------------------

export interface KindSchema {
  /** Kind in lower case, as core's resource ids name it. */
  kind: string;
  namespaced: boolean;
  fields: Fields;
  /** Makes a generated configuration valid where the schema alone cannot (selectors, exclusive fields). */
  fixup?: Fixup;
  /**
   * The stored object as the operator reads it, when the provider talks to another API version than the
   * cluster serves (the legacy Ingress: the provider reads v1beta1, the operator v1); `path` maps a change
   * path of the provider's version to the served one.
   */
  served?: { object: (stored: JsonObject) => JsonObject; path: (path: string, stored: JsonObject) => string };
  /** What the provider's create does beyond the generic expand (mutates the object it sends). */
  expanded?: (sent: JsonObject) => void;
  /** What the provider's read does beyond the generic flatten (mutates the refreshed state). */
  refreshed?: (state: JsonObject, stored: JsonObject, configuration: JsonObject) => void;
}

const first = (value: unknown): JsonObject | undefined =>
  Array.isArray(value) && value.length > 0 ? (value[0] as JsonObject) : undefined;

/** The template's labels include the selector's (validation: `selector does not match template labels`). */
const selectorMatchesTemplate: Fixup = (attributes) => {
  const spec = first(attributes.spec)!;
  const template = first(spec.template);
  const selector = first(spec.selector) ?? {};
  const labels = (selector.match_labels ?? {}) as Record<string, string>;
  selector.match_labels = Object.keys(labels).length > 0 ? labels : { app: 'web' };
  selector.match_expressions = [];
  spec.selector = [selector];
  if (template) {
    const metadata = first(template.metadata) ?? {};
    metadata.labels = {
      ...((metadata.labels ?? {}) as JsonObject),
      ...(selector.match_labels as JsonObject),
    };
    template.metadata = [metadata];
  }
};

const workloadSpec = (extra: Fields, restartPolicies: readonly string[] = ['Always']): Field =>
  one(
    { selector: labelSelector(true), template: podTemplate(restartPolicies), ...extra },
    { required: true },
  );

const deployment: KindSchema = {
  kind: 'deployment',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: workloadSpec({
      replicas: intText(0, 5),
      min_ready_seconds: int(1, 30),
      revision_history_limit: int(1, 20),
      progress_deadline_seconds: int(60, 900),
      paused: bool(),
      strategy: one({
        type: str(pick('RollingUpdate', 'Recreate')),
        rolling_update: one({
          max_surge: conv(pick('25%', '1', '50%'), 'intOrString'),
          max_unavailable: conv(pick('25%', '0', '1'), 'intOrString'),
        }),
      }),
    }),
  },
  fixup: (attributes) => {
    selectorMatchesTemplate(attributes);
    const strategy = first(first(attributes.spec)!.strategy);
    if (strategy?.type === 'Recreate') strategy.rolling_update = [];
  },
};

const pvcSpec = (required: boolean): Field =>
  one(
    {
      access_modes: strs(pick('ReadWriteOnce', 'ReadOnlyMany'), { set: true, required: true }),
      resources: one(
        { requests: map(fc.constant({ storage: '1Gi' }), { required: true }), limits: map(fc.constant({})) },
        { required: true },
      ),
      storage_class_name: str(pick('standard', 'fast'), { noEdit: true }),
      volume_name: computed(str(pick(''))),
      volume_mode: str(pick('Filesystem', 'Block'), { noEdit: true }),
      selector: labelSelector(),
    },
    { required },
  );

const statefulSet: KindSchema = {
  kind: 'statefulset',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: workloadSpec({
      replicas: intText(0, 5),
      service_name: str(dnsName, { required: true }),
      pod_management_policy: str(pick('OrderedReady', 'Parallel')),
      revision_history_limit: int(1, 20),
      update_strategy: one({
        type: str(pick('RollingUpdate', 'OnDelete')),
        rolling_update: one({ partition: int(1, 3) }),
      }),
      // persistentVolumeClaimFields: a metadata block and a PVC spec per template. The API refuses any
      // change to a StatefulSet's templates, so no hand edit there.
      volume_claim_template: many(
        {
          metadata: one(
            {
              name: str(pick('data', 'logs'), { required: true }),
              labels: map(labelMap),
              annotations: map(annotationMap),
            },
            { required: true },
          ),
          spec: pvcSpec(true),
        },
        { api: 'volumeClaimTemplates', noEdit: true },
      ),
      persistent_volume_claim_retention_policy: one({
        when_deleted: str(pick('Retain', 'Delete')),
        when_scaled: str(pick('Retain', 'Delete')),
      }),
    }),
  },
  fixup: (attributes) => {
    selectorMatchesTemplate(attributes);
    const strategy = first(first(attributes.spec)!.update_strategy);
    if (strategy?.type === 'OnDelete') strategy.rolling_update = [];
  },
};

const daemonSet: KindSchema = {
  kind: 'daemonset',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: workloadSpec({
      min_ready_seconds: int(1, 30),
      revision_history_limit: int(1, 20),
      // The provider calls the API's updateStrategy `strategy` (structures_daemonset.go).
      strategy: one(
        {
          type: str(pick('RollingUpdate', 'OnDelete')),
          rolling_update: one({ max_unavailable: conv(pick('1', '25%'), 'intOrString') }),
        },
        { api: 'updateStrategy' },
      ),
    }),
  },
  fixup: (attributes) => {
    selectorMatchesTemplate(attributes);
    const strategy = first(first(attributes.spec)!.strategy);
    if (strategy?.type === 'OnDelete') strategy.rolling_update = [];
  },
};

const replicationController: KindSchema = {
  kind: 'replicationcontroller',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        replicas: intText(0, 5),
        min_ready_seconds: int(1, 30),
        // A plain map here (structures_replication_controller.go), not a label selector block.
        selector: map(fc.constant({ app: 'web' }), { required: true }),
        template: podTemplate(['Always']),
      },
      { required: true },
    ),
  },
  fixup: (attributes) => {
    const spec = first(attributes.spec)!;
    const metadataBlock = first(first(spec.template)!.metadata) ?? {};
    metadataBlock.labels = { ...((metadataBlock.labels ?? {}) as JsonObject), app: 'web' };
    first(spec.template)!.metadata = [metadataBlock];
  },
};

const jobSpecFields: Fields = {
  active_deadline_seconds: int(10, 600),
  backoff_limit: int(1, 10),
  completions: int(1, 5),
  parallelism: int(1, 5),
  completion_mode: str(pick('NonIndexed', 'Indexed')),
  ttl_seconds_after_finished: intText(0, 600),
  manual_selector: bool({ noEdit: true }),
  template: podTemplate(['Never', 'OnFailure']),
};

const job: KindSchema = {
  kind: 'job',
  namespaced: true,
  fields: { metadata: metadata(true), spec: one(jobSpecFields, { required: true }) },
  fixup: (attributes) => {
    first(attributes.spec)!.manual_selector = false;
  },
};

const cronJob: KindSchema = {
  kind: 'cronjob',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        schedule: str(pick('*/5 * * * *', '0 3 * * *'), { required: true }),
        concurrency_policy: str(pick('Allow', 'Forbid', 'Replace')),
        failed_jobs_history_limit: int(1, 5),
        successful_jobs_history_limit: int(1, 5),
        starting_deadline_seconds: int(10, 600),
        suspend: bool(),
        timezone: str(pick('', 'Etc/UTC'), { api: 'timeZone' }),
        job_template: one(
          {
            metadata: templateMetadata,
            spec: one({ ...jobSpecFields, manual_selector: computed(bool()) }, { required: true }),
          },
          { required: true },
        ),
      },
      { required: true },
    ),
  },
};

const pod: KindSchema = {
  kind: 'pod',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(podSpecFields(['Always', 'OnFailure', 'Never']), { required: true }),
  },
};

const servicePorts = many(
  {
    name: str(pick('http', 'https', 'metrics'), { required: true }),
    port: int(80, 9000, { required: true }),
    target_port: conv(pick('8080', 'http', '9090'), 'intOrString'),
    protocol: str(pick('TCP', 'UDP')),
    node_port: int(0, 0),
    app_protocol: str(pick('', 'http')),
  },
  { key: 'name', min: 1, max: 2, required: true, api: 'ports' },
);

const service: KindSchema = {
  kind: 'service',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        selector: map(labelMap),
        type: str(pick('ClusterIP', 'NodePort', 'LoadBalancer')),
        port: servicePorts,
        cluster_ip: computed(str(pick(''), { api: 'clusterIP' })),
        cluster_ips: computed(strs(pick(''), { api: 'clusterIPs' })),
        ip_families: computed(strs(pick(''))),
        ip_family_policy: computed(str(pick(''))),
        session_affinity: str(pick('None', 'ClientIP')),
        session_affinity_config: one({
          client_ip: one({ timeout_seconds: int(60, 86_400) }, { api: 'clientIP' }),
        }),
        external_ips: strs(ip, { set: true, api: 'externalIPs' }),
        load_balancer_source_ranges: strs(cidr, { set: true }),
        external_traffic_policy: str(pick('Cluster', 'Local')),
        internal_traffic_policy: str(pick('Cluster', 'Local')),
        publish_not_ready_addresses: bool(),
        health_check_node_port: computed(int(0, 0)),
        // flattenServiceSpec writes true before it looks at the API (which keeps it only on LoadBalancers).
        allocate_load_balancer_node_ports: bool({ flattenDefault: true }),
      },
      { required: true },
    ),
  },
  fixup: (attributes) => {
    const spec = first(attributes.spec)!;
    if (spec.type !== 'LoadBalancer') {
      spec.load_balancer_source_ranges = [];
      delete spec.allocate_load_balancer_node_ports;
    }
    // externalTrafficPolicy is valid only for NodePort and LoadBalancer Services.
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') delete spec.external_traffic_policy;
  },
};

const configMap: KindSchema = {
  kind: 'configmap',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    data: map(textMap),
    binary_data: map(fc.dictionary(pick('logo.png', 'blob'), pick('AAEC', '/w=='), { maxKeys: 2 })),
    immutable: bool({ noEdit: true }),
  },
};

const secret: KindSchema = {
  kind: 'secret',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    // Typed state keeps `data` as plain text; the API holds base64 (expandStringMapToByteMap).
    data: { t: 'map', arb: textMap, base64: true },
    binary_data: map(
      fc.dictionary(pick('cert.der', 'key.bin'), pick('AAEC', '/w==', 'aGk='), { maxKeys: 2 }),
    ),
    type: str(pick('Opaque', 'example.com/custom'), { noEdit: true }),
    immutable: bool({ noEdit: true }),
  },
  // resourceKubernetesSecretV1Create sends `data` as stringData and `binary_data` (base64) as data: the
  // API has one `data` map. Read takes the keys `binary_data` has from it and leaves the rest to `data`.
  expanded: (sent) => {
    if (sent.binaryData === undefined) return;
    sent.data = { ...((sent.data ?? {}) as JsonObject), ...(sent.binaryData as JsonObject) };
    delete sent.binaryData;
  },
  refreshed: (state, stored, configuration) => {
    const keys = new Set(Object.keys((configuration.binary_data ?? {}) as JsonObject));
    const data = (stored.data ?? {}) as JsonObject;
    state.binary_data = Object.fromEntries([...keys].map((key) => [key, data[key] as string]));
    state.data = Object.fromEntries(
      Object.entries(state.data as JsonObject).filter(([key]) => !keys.has(key)),
    );
  },
};

const namespace: KindSchema = { kind: 'namespace', namespaced: false, fields: { metadata: metadata(false) } };

const serviceAccount: KindSchema = {
  kind: 'serviceaccount',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    automount_service_account_token: bool(),
    secret: many({ name: str(dnsName, { required: true }) }, { key: 'name', api: 'secrets', set: true }),
    image_pull_secret: many(
      { name: str(dnsName, { required: true }) },
      { key: 'name', api: 'imagePullSecrets', set: true },
    ),
    default_secret_name: computed(str(pick(''))),
  },
};

// kubernetes_role(_v1) declares its rule's lists as TypeSets (resource_kubernetes_role_v1.go);
// kubernetes_cluster_role(_v1) as TypeLists (schema_rbac.go policyRuleSchema).
const policyRule = (set: boolean) =>
  many(
    {
      api_groups: strs(pick('', 'apps', 'batch'), { set, unordered: true, required: set }),
      resources: strs(pick('pods', 'deployments', 'secrets', 'configmaps'), {
        set,
        unordered: true,
        required: set,
      }),
      verbs: strs(verbs, { required: true, set, unordered: true }),
      resource_names: strs(dnsName, { set, unordered: true }),
    },
    { min: 1, api: 'rules' },
  );

const role: KindSchema = {
  kind: 'role',
  namespaced: true,
  fields: { metadata: metadata(true), rule: policyRule(true) },
};
const clusterRole: KindSchema = {
  kind: 'clusterrole',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    rule: policyRule(false),
    aggregation_rule: one({
      cluster_role_selectors: many({ match_labels: map(labelMap) }, { api: 'clusterRoleSelectors' }),
    }),
  },
};

const binding = (namespaced: boolean): Fields => ({
  metadata: metadata(namespaced),
  role_ref: one(
    {
      api_group: str(pick('rbac.authorization.k8s.io'), { required: true, noEdit: true }),
      kind: str(pick(namespaced ? 'Role' : 'ClusterRole'), { required: true, noEdit: true }),
      name: str(dnsName, { required: true, noEdit: true }),
    },
    { required: true },
  ),
  subject: many(
    {
      kind: str(pick('ServiceAccount'), { required: true }),
      name: str(dnsName, { required: true }),
      namespace: str(pick('shop')),
      api_group: str(pick('')),
    },
    { min: 1, key: 'name', api: 'subjects' },
  ),
});

const roleBinding: KindSchema = { kind: 'rolebinding', namespaced: true, fields: binding(true) };
const clusterRoleBinding: KindSchema = {
  kind: 'clusterrolebinding',
  namespaced: false,
  fields: binding(false),
};

const persistentVolumeClaim: KindSchema = {
  kind: 'persistentvolumeclaim',
  namespaced: true,
  fields: { metadata: metadata(true), spec: pvcSpec(true) },
};

const persistentVolume: KindSchema = {
  kind: 'persistentvolume',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    spec: one(
      {
        capacity: map(fc.constant({ storage: '5Gi' }), { required: true }),
        access_modes: strs(pick('ReadWriteOnce', 'ReadWriteMany'), { set: true, required: true }),
        persistent_volume_reclaim_policy: str(pick('Retain', 'Delete')),
        storage_class_name: str(pick('', 'manual')),
        mount_options: strs(pick('hard', 'nfsvers=4.1'), { set: true }),
        volume_mode: str(pick('Filesystem')),
        // The provider nests the volume source in a block the API inlines into spec.
        persistent_volume_source: {
          t: 'block',
          inline: true,
          required: true,
          fields: {
            host_path: one(
              { path: str(pick('/mnt/data'), { required: true }), type: str(pick('', 'Directory')) },
              { required: true },
            ),
          },
        },
      },
      { required: true },
    ),
  },
};

const limitRange: KindSchema = {
  kind: 'limitrange',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one({
      limit: many(
        {
          type: str(pick('Container', 'Pod'), { required: true }),
          max: map(resourceMap),
          min: map(resourceMap),
        },
        { api: 'limits' },
      ),
    }),
  },
};

const resourceQuota: KindSchema = {
  kind: 'resourcequota',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one({
      hard: map(
        fc.dictionary(pick('pods', 'requests.cpu', 'limits.memory'), pick('10', '4', '8Gi'), { maxKeys: 3 }),
      ),
      scopes: strs(pick('BestEffort', 'NotTerminating'), { set: true }),
    }),
  },
};

const priorityClass: KindSchema = {
  kind: 'priorityclass',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    value: int(1, 1_000_000, { required: true, noEdit: true }),
    description: str(pick('', 'batch jobs')),
    global_default: bool(),
    preemption_policy: str(pick('PreemptLowerPriority', 'Never'), { noEdit: true }),
  },
};

const storageClass: KindSchema = {
  kind: 'storageclass',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    storage_provisioner: str(pick('kubernetes.io/no-provisioner', 'ebs.csi.aws.com'), {
      required: true,
      api: 'provisioner',
      noEdit: true,
    }),
    reclaim_policy: str(pick('Delete', 'Retain'), { noEdit: true }),
    volume_binding_mode: str(pick('Immediate', 'WaitForFirstConsumer'), { noEdit: true }),
    allow_volume_expansion: bool(),
    parameters: map(fc.dictionary(pick('type', 'fsType'), pick('gp3', 'ext4'), { maxKeys: 2 }), {
      noEdit: true,
    }),
    mount_options: strs(pick('debug', 'noatime'), { set: true, noEdit: true }),
    allowed_topologies: many(
      {
        match_label_expressions: many(
          {
            key: str(pick('topology.kubernetes.io/zone'), { required: true }),
            values: strs(pick('eu-1a', 'eu-1b'), { set: true, required: true }),
          },
          { api: 'matchLabelExpressions' },
        ),
      },
      { max: 1, noEdit: true },
    ),
  },
};

const podDisruptionBudget: KindSchema = {
  kind: 'poddisruptionbudget',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        min_available: conv(pick('1', '50%'), 'intOrString'),
        max_unavailable: conv(pick('1', '25%'), 'intOrString'),
        selector: labelSelector(true),
      },
      { required: true },
    ),
  },
  fixup: (attributes) => {
    const spec = first(attributes.spec)!;
    // minAvailable and maxUnavailable are exclusive.
    if (spec.min_available !== undefined) delete spec.max_unavailable;
  },
};

const endpoints: KindSchema = {
  kind: 'endpoints',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    subset: many(
      {
        address: many(
          { ip: str(ip, { required: true }), hostname: str(pick('', 'a')), node_name: str(pick('')) },
          { api: 'addresses', set: true, key: 'ip' },
        ),
        not_ready_address: many(
          { ip: str(ip, { required: true }) },
          { api: 'notReadyAddresses', set: true, key: 'ip' },
        ),
        port: many(
          {
            name: str(pick('http', 'grpc'), { required: true }),
            port: int(80, 9000, { required: true }),
            protocol: str(pick('TCP', 'UDP')),
          },
          { key: 'name', api: 'ports', set: true },
        ),
      },
      // Endpoints' subset, address, not_ready_address and port are TypeSets (schema_endpoints.go).
      { api: 'subsets', set: true },
    ),
  },
};

const endpointSlice: KindSchema = {
  kind: 'endpointslice',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    address_type: str(pick('IPv4'), { required: true, noEdit: true }),
    endpoint: many(
      {
        addresses: strs(ip, { required: true }),
        hostname: str(pick('', 'a')),
        node_name: str(pick('', 'node-1')),
        condition: one({ ready: bool(), serving: bool(), terminating: bool() }, { api: 'conditions' }),
      },
      { min: 1, api: 'endpoints' },
    ),
    port: many(
      {
        name: str(pick('http', 'grpc'), { required: true }),
        port: int(80, 9000),
        protocol: str(pick('TCP', 'UDP')),
        app_protocol: str(pick('', 'http')),
      },
      { key: 'name', api: 'ports' },
    ),
  },
};

const ingressClass: KindSchema = {
  kind: 'ingressclass',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    spec: one({
      controller: str(pick('k8s.io/ingress-nginx', 'example.com/lb'), { noEdit: true }),
      parameters: one({
        api_group: str(pick('k8s.example.com')),
        kind: str(pick('IngressParameters'), { required: true }),
        name: str(dnsName, { required: true }),
        scope: str(pick('Cluster')),
      }),
    }),
  },
};

const backendV1: Field = one(
  {
    service: one(
      {
        name: str(dnsName, { required: true }),
        port: one({ number: int(80, 9000), name: str(pick('')) }, { required: true }),
      },
      { required: true },
    ),
  },
  { required: true },
);

// kubernetes_ingress: networking.k8s.io/v1beta1 (structure_ingress_spec.go), served as v1 since 1.22.
const backendV1beta1 = (required: boolean): Field =>
  one(
    {
      service_name: str(dnsName, { required: true }),
      service_port: conv(pick('80', 'http', '8080'), 'intOrString', { required: true }),
    },
    { required },
  );

/** networking/v1beta1 → v1 conversion of a backend (Convert_v1beta1_IngressBackend_To_networking_IngressBackend). */
function backendToV1(backend: JsonObject): JsonObject {
  const { serviceName, servicePort, ...rest } = backend;
  const port: JsonObject =
    typeof servicePort === 'number' ? { number: servicePort } : { name: servicePort as string };
  return { ...rest, service: { name: serviceName as string, port } };
}

function ingressToV1(stored: JsonObject): JsonObject {
  const { backend, rules, ...spec } = stored.spec as JsonObject;
  return {
    ...stored,
    apiVersion: 'networking.k8s.io/v1',
    spec: {
      ...spec,
      ...(backend ? { defaultBackend: backendToV1(backend as JsonObject) } : {}),
      ...(rules
        ? {
            rules: (rules as JsonObject[]).map((rule) => ({
              ...rule,
              http: {
                paths: ((rule.http as JsonObject).paths as JsonObject[]).map((path) => ({
                  // networking/v1beta1 SetDefaults_HTTPIngressPath.
                  pathType: 'ImplementationSpecific',
                  ...path,
                  backend: backendToV1(path.backend as JsonObject),
                })),
              },
            })),
          }
        : {}),
    },
  };
}

const ingressLegacy: KindSchema = {
  kind: 'ingress',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        ingress_class_name: str(pick('nginx', 'internal')),
        backend: backendV1beta1(false),
        rule: many(
          {
            host: str(pick('shop.example.com', 'api.example.com')),
            http: one(
              {
                path: many(
                  { path: str(path), backend: backendV1beta1(true) },
                  { min: 1, api: 'paths', required: true },
                ),
              },
              { required: true },
            ),
          },
          { api: 'rules' },
        ),
        tls: many({ hosts: strs(pick('shop.example.com')), secret_name: str(dnsName) }),
      },
      { required: true },
    ),
  },
  served: {
    object: ingressToV1,
    path: (path, stored) => {
      const match =
        /^(?:spec\.backend|spec\.rules\[(\d+)\]\.http\.paths\[(\d+)\]\.backend)\.(serviceName|servicePort)$/.exec(
          path,
        );
      if (match === null) return path;
      const [, rule, item, field] = match;
      const spec = stored.spec as JsonObject;
      const prefix =
        rule === undefined ? 'spec.defaultBackend' : `spec.rules[${rule}].http.paths[${item}].backend`;
      if (field === 'serviceName') return `${prefix}.service.name`;
      const backend = (
        rule === undefined
          ? spec.backend
          : (((spec.rules as JsonObject[])[Number(rule)]!.http as JsonObject).paths as JsonObject[])[
              Number(item)
            ]!.backend
      ) as JsonObject;
      // The port's v1 key follows its value: a number or a name.
      return `${prefix}.service.port.${typeof backend.servicePort === 'number' ? 'number' : 'name'}`;
    },
  },
};

const ingressV1: KindSchema = {
  kind: 'ingress',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        ingress_class_name: str(pick('nginx', 'internal')),
        default_backend: backendV1,
        rule: many(
          {
            host: str(pick('shop.example.com', 'api.example.com')),
            http: one(
              {
                path: many(
                  {
                    path: str(path),
                    path_type: str(pick('Prefix', 'Exact', 'ImplementationSpecific')),
                    backend: backendV1,
                  },
                  { min: 1, api: 'paths' },
                ),
              },
              { required: true },
            ),
          },
          { api: 'rules' },
        ),
        tls: many({ hosts: strs(pick('shop.example.com')), secret_name: str(dnsName) }),
      },
      { required: true },
    ),
  },
};

const csiDriver: KindSchema = {
  kind: 'csidriver',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    spec: one(
      {
        attach_required: bool({ required: true, noEdit: true }),
        pod_info_on_mount: bool({ noEdit: true }),
        volume_lifecycle_modes: strs(pick('Persistent', 'Ephemeral'), { set: true, noEdit: true }),
      },
      { required: true },
    ),
  },
};

const runtimeClass: KindSchema = {
  kind: 'runtimeclass',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    handler: str(pick('runc', 'gvisor'), { required: true, noEdit: true }),
  },
};

const apiService: KindSchema = {
  kind: 'apiservice',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    spec: one(
      {
        group: str(pick('metrics.k8s.io'), { required: true }),
        version: str(pick('v1beta1'), { required: true }),
        group_priority_minimum: int(100, 1000, { required: true }),
        version_priority: int(1, 100, { required: true }),
        insecure_skip_tls_verify: bool({ api: 'insecureSkipTLSVerify' }),
        ca_bundle: conv(pick('', '-----BEGIN CERTIFICATE-----'), 'base64'),
        service: one({
          name: str(dnsName, { required: true }),
          namespace: str(pick('kube-system'), { required: true }),
          port: int(443, 443),
        }),
      },
      { required: true },
    ),
  },
  fixup: (attributes) => {
    const spec = first(attributes.spec)!;
    // insecureSkipTLSVerify and a caBundle are exclusive (validation).
    if (spec.insecure_skip_tls_verify === true) spec.ca_bundle = '';
  },
};

const csr: KindSchema = {
  kind: 'certificatesigningrequest',
  namespaced: false,
  fields: {
    metadata: metadata(false),
    spec: one(
      {
        request: conv(
          pick('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n'),
          'base64',
          {
            required: true,
            noEdit: true,
          },
        ),
        signer_name: str(pick('kubernetes.io/kube-apiserver-client'), { required: true, noEdit: true }),
        usages: strs(pick('client auth', 'digital signature'), { set: true, noEdit: true }),
      },
      { required: true },
    ),
  },
};

const webhook = (mutating: boolean): Field =>
  many(
    {
      name: str(pick('a.example.com', 'b.example.com'), { required: true }),
      admission_review_versions: strs(pick('v1'), { required: true }),
      failure_policy: str(pick('Fail', 'Ignore')),
      match_policy: str(pick('Equivalent', 'Exact')),
      side_effects: str(pick('None', 'NoneOnDryRun'), { required: true }),
      timeout_seconds: int(1, 30),
      ...(mutating ? { reinvocation_policy: str(pick('Never', 'IfNeeded')) } : {}),
      client_config: one(
        {
          ca_bundle: conv(pick('', '-----BEGIN CERTIFICATE-----'), 'base64'),
          service: one(
            {
              name: str(dnsName, { required: true }),
              namespace: str(pick('shop'), { required: true }),
              path: str(path),
              port: int(443, 9443),
            },
            { required: true },
          ),
        },
        { required: true },
      ),
      rule: many(
        {
          api_groups: strs(pick('', 'apps'), { required: true, unordered: true }),
          api_versions: strs(pick('v1'), { required: true }),
          operations: strs(pick('CREATE', 'UPDATE'), { required: true }),
          resources: strs(pick('pods', 'deployments'), { required: true, unordered: true }),
          scope: str(pick('*', 'Namespaced')),
        },
        { api: 'rules' },
      ),
    },
    { key: 'name', min: 1, api: 'webhooks' },
  );

const validatingWebhooks: KindSchema = {
  kind: 'validatingwebhookconfiguration',
  namespaced: false,
  fields: { metadata: metadata(false), webhook: webhook(false) },
};
const mutatingWebhooks: KindSchema = {
  kind: 'mutatingwebhookconfiguration',
  namespaced: false,
  fields: { metadata: metadata(false), webhook: webhook(true) },
};

const hpaTarget = one(
  {
    api_version: str(pick('apps/v1'), { required: true }),
    kind: str(pick('Deployment'), { required: true }),
    name: str(dnsName, { required: true }),
  },
  { required: true },
);

const hpaV1: KindSchema = {
  kind: 'horizontalpodautoscaler',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        max_replicas: int(2, 20, { required: true }),
        min_replicas: int(1, 2),
        scale_target_ref: hpaTarget,
        target_cpu_utilization_percentage: int(10, 90, { api: 'targetCPUUtilizationPercentage' }),
      },
      { required: true },
    ),
  },
};

// `policy` blocks are the API's `policies` (the name table's generic `policy` rule).
const scalingPolicy = many(
  {
    type: str(pick('Pods', 'Percent'), { required: true }),
    value: int(1, 100, { required: true }),
    period_seconds: int(15, 60, { required: true }),
  },
  { min: 1, api: 'policies' },
);

const hpaV2: KindSchema = {
  kind: 'horizontalpodautoscaler',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        max_replicas: int(2, 20, { required: true }),
        min_replicas: int(1, 2),
        scale_target_ref: hpaTarget,
        metric: many(
          {
            type: str(pick('Resource'), { required: true, noEdit: true }),
            resource: one(
              {
                name: str(pick('cpu', 'memory'), { required: true }),
                target: one(
                  {
                    type: str(pick('Utilization'), { required: true, noEdit: true }),
                    average_utilization: int(10, 90, { required: true }),
                  },
                  { required: true },
                ),
              },
              { required: true },
            ),
          },
          { min: 1, max: 1, api: 'metrics' },
        ),
        behavior: one({
          scale_up: one({
            stabilization_window_seconds: int(1, 600),
            select_policy: str(pick('Max', 'Min')),
            policy: scalingPolicy,
          }),
          scale_down: one({
            stabilization_window_seconds: int(1, 600),
            select_policy: str(pick('Max', 'Min')),
            policy: scalingPolicy,
          }),
        }),
      },
      { required: true },
    ),
  },
};

const networkPolicy: KindSchema = {
  kind: 'networkpolicy',
  namespaced: true,
  fields: {
    metadata: metadata(true),
    spec: one(
      {
        pod_selector: labelSelector(true),
        policy_types: strs(pick('Ingress'), { required: true }),
        ingress: many({
          from: many({
            ip_block: one({ cidr: str(cidr, { required: true }), except: strs(pick('10.1.0.0/16')) }),
          }),
          ports: many({ port: conv(pick('80', 'http'), 'intOrString'), protocol: str(pick('TCP', 'UDP')) }),
        }),
        egress: many({
          to: many({
            ip_block: one({ cidr: str(cidr, { required: true }), except: strs(pick('10.1.0.0/16')) }),
          }),
          ports: many({ port: conv(pick('53', 'dns'), 'intOrString'), protocol: str(pick('TCP', 'UDP')) }),
        }),
      },
      { required: true },
    ),
  },
};

const BOTH_NAMES: readonly (readonly [readonly string[], KindSchema])[] = [
  [['deployment'], deployment],
  [['stateful_set'], statefulSet],
  [['replication_controller'], replicationController],
  [['service'], service],
  [['config_map'], configMap],
  [['secret'], secret],
  [['namespace'], namespace],
  [['service_account', 'default_service_account'], serviceAccount],
  [['network_policy'], networkPolicy],
  [['role'], role],
  [['role_binding'], roleBinding],
  [['cluster_role'], clusterRole],
  [['cluster_role_binding'], clusterRoleBinding],
  [['persistent_volume_claim'], persistentVolumeClaim],
  [['job'], job],
  [['pod'], pod],
  [['limit_range'], limitRange],
  [['resource_quota'], resourceQuota],
  [['priority_class'], priorityClass],
  [['storage_class'], storageClass],
  [['pod_disruption_budget'], podDisruptionBudget],
  [['persistent_volume'], persistentVolume],
  [['endpoints'], endpoints],
  [['ingress_class'], ingressClass],
  [['csi_driver'], csiDriver],
  [['api_service'], apiService],
  [['certificate_signing_request'], csr],
  [['validating_webhook_configuration'], validatingWebhooks],
  [['mutating_webhook_configuration'], mutatingWebhooks],
];

/** Every typed resource type of core's name table that these tests generate, with its attributes' schema. */
export const KIND_SCHEMAS: Readonly<Record<string, KindSchema>> = {
  ...Object.fromEntries(
    BOTH_NAMES.flatMap(([bases, schema]) =>
      bases.flatMap((base) => [
        [`kubernetes_${base}`, schema],
        [`kubernetes_${base}_v1`, schema],
      ]),
    ),
  ),
  kubernetes_daemonset: daemonSet,
  kubernetes_daemon_set_v1: daemonSet,
  kubernetes_ingress: ingressLegacy,
  kubernetes_ingress_v1: ingressV1,
  kubernetes_cron_job: cronJob,
  kubernetes_cron_job_v1: cronJob,
  kubernetes_runtime_class_v1: runtimeClass,
  kubernetes_endpoint_slice_v1: endpointSlice,
  kubernetes_horizontal_pod_autoscaler: hpaV1,
  kubernetes_horizontal_pod_autoscaler_v1: hpaV1,
  kubernetes_horizontal_pod_autoscaler_v2: hpaV2,
  kubernetes_horizontal_pod_autoscaler_v2beta2: hpaV2,
};
