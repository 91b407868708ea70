import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isInternalKey } from '../match/is-internal-key.ts';
import { ALLOCATED, DEFAULTED } from '../match/server-filled-zero.ts';

// What the API server writes into `metadata`: never configuration.
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
  'finalizers',
];

// Admission adds these to every Pod (service-account token volume, DefaultTolerationSeconds): the same
// items the matcher never counts as hand-added.
const INJECTED_VOLUME_PREFIX = 'kube-api-access-';
const ADMISSION_TOLERATIONS: ReadonlySet<string> = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
]);

// The Job controller's selector labels on a Job's pod template (see the matcher's isJobControllerLabel).
const JOB_CONTROLLER_LABELS: ReadonlySet<string> = new Set(['controller-uid', 'job-name']);

// Keys whose values are user maps: the generic walk below never drops keys inside them.
const USER_MAPS: ReadonlySet<string> = new Set([
  'labels',
  'annotations',
  'data',
  'binaryData',
  'stringData',
  'matchLabels',
  'nodeSelector',
  'selector',
  'parameters',
  'hard',
  'limits',
  'requests',
  'volumeAttributes',
]);

/**
 * Defaults the API server writes when a field is unset, by where they stand. Paths are relative to the
 * object (`spec.…`) or, under `pod.`, to every pod spec (a workload's template, a CronJob's job template,
 * a Pod's own spec); `[]` walks every item of a list. Values from the API's defaulting functions
 * (`pkg/apis/*\/v1/defaults.go`), which the provider's schema defaults mirror.
 */
const DEFAULTS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['spec.revisionHistoryLimit', 10],
  ['spec.progressDeadlineSeconds', 600],
  ['spec.strategy', { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }],
  ['spec.updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
  ['spec.updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }],
  ['spec.podManagementPolicy', 'OrderedReady'],
  ['spec.persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }],
  ['spec.volumeClaimTemplates[].apiVersion', 'v1'],
  ['spec.volumeClaimTemplates[].kind', 'PersistentVolumeClaim'],
  ['spec.volumeClaimTemplates[].spec.volumeMode', 'Filesystem'],
  ['spec.backoffLimit', 6],
  ['spec.completionMode', 'NonIndexed'],
  ['spec.completions', 1],
  ['spec.parallelism', 1],
  ['spec.suspend', false],
  ['spec.podReplacementPolicy', 'TerminatingOrFailed'],
  ['spec.manualSelector', false],
  ['spec.concurrencyPolicy', 'Allow'],
  ['spec.successfulJobsHistoryLimit', 3],
  ['spec.failedJobsHistoryLimit', 1],
  ['spec.jobTemplate.spec.backoffLimit', 6],
  ['spec.jobTemplate.spec.completionMode', 'NonIndexed'],
  ['spec.jobTemplate.spec.completions', 1],
  ['spec.jobTemplate.spec.parallelism', 1],
  ['spec.jobTemplate.spec.suspend', false],
  ['spec.jobTemplate.spec.podReplacementPolicy', 'TerminatingOrFailed'],
  // autoscaling/v2 HPA behavior the API server fills in when a direction is left out.
  [
    'spec.behavior.scaleUp',
    {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
  ],
  [
    'spec.behavior.scaleDown',
    {
      stabilizationWindowSeconds: 300,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    },
  ],
  ['spec.type', 'ClusterIP'],
  ['spec.ports[].protocol', 'TCP'],
  ['spec.allocateLoadBalancerNodePorts', true],
  ['spec.finalizers', ['kubernetes']],
  ['spec.template.metadata.creationTimestamp', null],
  ['spec.jobTemplate.metadata.creationTimestamp', null],
  ['spec.jobTemplate.spec.template.metadata.creationTimestamp', null],
  ['type', 'Opaque'],
  ['reclaimPolicy', 'Delete'],
  ['volumeBindingMode', 'Immediate'],
  ['preemptionPolicy', 'PreemptLowerPriority'],
  ['pod.dnsPolicy', 'ClusterFirst'],
  ['pod.restartPolicy', 'Always'],
  ['pod.schedulerName', 'default-scheduler'],
  ['pod.securityContext', {}],
  ['pod.terminationGracePeriodSeconds', 30],
  ['pod.enableServiceLinks', true],
  ['pod.automountServiceAccountToken', true],
  ['pod.shareProcessNamespace', false],
  ['pod.hostNetwork', false],
  ['pod.hostPID', false],
  ['pod.hostIPC', false],
  ['pod.containers[].volumeMounts[].mountPropagation', 'None'],
  ['pod.initContainers[].volumeMounts[].mountPropagation', 'None'],
  ['pod.priority', 0],
  ['pod.preemptionPolicy', 'PreemptLowerPriority'],
  ['pod.containers[].terminationMessagePath', '/dev/termination-log'],
  ['pod.containers[].terminationMessagePolicy', 'File'],
  ['pod.containers[].resources', {}],
  ['pod.containers[].ports[].protocol', 'TCP'],
  ['pod.initContainers[].terminationMessagePath', '/dev/termination-log'],
  ['pod.initContainers[].terminationMessagePolicy', 'File'],
  ['pod.initContainers[].resources', {}],
  ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe) => [
    [`pod.containers[].${probe}.timeoutSeconds`, 1] as const,
    [`pod.containers[].${probe}.periodSeconds`, 10] as const,
    [`pod.containers[].${probe}.successThreshold`, 1] as const,
    [`pod.containers[].${probe}.failureThreshold`, 3] as const,
    [`pod.containers[].${probe}.httpGet.scheme`, 'HTTP'] as const,
  ]),
  ['pod.volumes[].hostPath.type', ''],
  ['pod.volumes[].configMap.defaultMode', 420],
  ['pod.volumes[].secret.defaultMode', 420],
  ['pod.volumes[].projected.defaultMode', 420],
  ['pod.volumes[].downwardAPI.defaultMode', 420],
];

function podSpecPaths(kind: string): string[] {
  if (kind === 'pod') return ['spec'];
  if (kind === 'cronjob') return ['spec.jobTemplate.spec.template.spec'];
  return ['spec.template.spec'];
}

function deepEqual(a: JsonValue | undefined, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i] as JsonValue))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key] as JsonValue))
  );
}

/** A deep copy (core has no structuredClone: ES library only). */
function clone(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(clone);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) defineField(out, key, clone(value[key] as JsonValue));
  return out;
}

// The DEFAULTS paths split once per pod spec location (they are walked for every object).
const SPLIT = new Map<string, ReadonlyArray<readonly [readonly string[], JsonValue]>>();

function defaultsFor(kind: string): ReadonlyArray<readonly [readonly string[], JsonValue]> {
  const podSpecs = podSpecPaths(kind);
  const key = podSpecs.join(' ');
  let split = SPLIT.get(key);
  if (split === undefined) {
    split = DEFAULTS.flatMap(([path, value]) =>
      path.startsWith('pod.')
        ? podSpecs.map((podSpec) => [`${podSpec}.${path.slice(4)}`.split('.'), value] as const)
        : [[path.split('.'), value] as const],
    );
    SPLIT.set(key, split);
  }
  return split;
}

/** Deletes `path` (dotted, `[]` = every list item) under `node` where its value equals `value`. */
function dropWhere(node: JsonValue | undefined, steps: readonly string[], value: JsonValue): void {
  const [step, ...rest] = steps;
  if (step === undefined) return;
  const list = step.endsWith('[]');
  const key = list ? step.slice(0, -2) : step;
  if (!isJsonObject(node) || !Object.hasOwn(node, key)) return;
  if (list) {
    const items = node[key];
    if (Array.isArray(items)) for (const item of items) dropWhere(item, rest, value);
    return;
  }
  if (rest.length === 0) {
    if (deepEqual(node[key], value)) delete node[key];
    return;
  }
  dropWhere(node[key], rest, value);
}

/** Drops the allocated (`clusterIP`, `nodePort`, …) and defaulted (`sessionAffinity: None`) fields. */
function dropServerFilled(node: JsonValue): void {
  if (Array.isArray(node)) {
    for (const item of node) dropServerFilled(item);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const key of Object.keys(node)) {
    if (ALLOCATED.has(key) || (Object.hasOwn(DEFAULTED, key) && DEFAULTED[key] === node[key])) {
      delete node[key];
    } else if (!USER_MAPS.has(key)) {
      dropServerFilled(node[key] as JsonValue);
    }
  }
}

function cleanMetadata(metadata: JsonValue | undefined, jobTemplate: boolean): void {
  if (!isJsonObject(metadata)) return;
  for (const key of SERVER_METADATA) delete metadata[key];
  for (const map of ['labels', 'annotations']) {
    const entries = metadata[map];
    if (!isJsonObject(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (isInternalKey(key) || (jobTemplate && JOB_CONTROLLER_LABELS.has(key))) delete entries[key];
    }
  }
}

function cleanPodSpec(spec: JsonValue | undefined): void {
  if (!isJsonObject(spec)) return;
  if (Array.isArray(spec.volumes)) {
    spec.volumes = spec.volumes.filter(
      (volume) => !(isJsonObject(volume) && String(volume.name).startsWith(INJECTED_VOLUME_PREFIX)),
    );
  }
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isJsonObject(container)) continue;
      if (Array.isArray(container.volumeMounts)) {
        container.volumeMounts = container.volumeMounts.filter(
          (mount) => !(isJsonObject(mount) && String(mount.name).startsWith(INJECTED_VOLUME_PREFIX)),
        );
      }
      // imagePullPolicy defaults to Always for `:latest` (or no tag), IfNotPresent otherwise.
      const image = typeof container.image === 'string' ? container.image : '';
      const tag = image.includes('@') ? 'digest' : (image.split('/').at(-1)?.split(':')[1] ?? 'latest');
      if (container.imagePullPolicy === (tag === 'latest' ? 'Always' : 'IfNotPresent'))
        delete container.imagePullPolicy;
    }
  }
  if (Array.isArray(spec.tolerations)) {
    spec.tolerations = spec.tolerations.filter(
      (item) => !(isJsonObject(item) && ADMISSION_TOLERATIONS.has(item.key as string)),
    );
  }
  // Debug containers (`kubectl debug`) exist only through the Pod's ephemeralcontainers subresource: the
  // API refuses them on create, so no Terraform can declare them.
  delete spec.ephemeralContainers;
  // The Priority admission plugin copies the PriorityClass's value and policy into the Pod spec.
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '') {
    delete spec.priority;
    delete spec.preemptionPolicy;
  }
  // Pods name their ServiceAccount twice (`serviceAccount` is the deprecated alias).
  if (spec.serviceAccount === spec.serviceAccountName) delete spec.serviceAccount;
}

/** Kind-specific fields the control plane fills: a PVC's bound volume, a pre-1.24 token Secret. */
function cleanKind(kind: string, object: JsonObject): void {
  const spec = object.spec;
  if (kind === 'persistentvolumeclaim' && isJsonObject(spec)) delete spec.volumeName;
  if (kind === 'serviceaccount' && Array.isArray(object.secrets)) {
    const prefix = `${String(at(object, 'metadata.name'))}-token-`;
    object.secrets = object.secrets.filter(
      (secret) => !(isJsonObject(secret) && String(secret.name).startsWith(prefix)),
    );
  }
}

function at(root: JsonObject, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const key of path.split('.')) node = isJsonObject(node) ? node[key] : undefined;
  return node;
}

/** Removes `{}` and `[]` left behind by the steps above (the original had content there). */
function pruneEmptied(node: JsonValue, original: JsonValue | undefined): void {
  if (!isJsonObject(node) || !isJsonObject(original)) return;
  for (const key of Object.keys(node)) {
    const value = node[key] as JsonValue;
    pruneEmptied(value, original[key]);
    const empty =
      (Array.isArray(value) && value.length === 0) ||
      (isJsonObject(value) && Object.keys(value).length === 0);
    const was = original[key];
    const hadContent =
      (Array.isArray(was) && was.length > 0) || (isJsonObject(was) && Object.keys(was).length > 0);
    if (empty && hadContent) delete node[key];
  }
}

/**
 * A live object as a person would declare it: without `status`, the server's metadata (`uid`,
 * `resourceVersion`, `managedFields`, …), labels and annotations controllers and kubectl write
 * (`kubectl.kubernetes.io/last-applied-configuration`, `deployment.kubernetes.io/revision`, the provider's
 * `isInternalKey`), what admission injects into Pods, allocated fields (`clusterIP`, `nodePort`) and
 * values equal to the API server's defaults. A copy; the input is not changed.
 *
 * @example
 * withoutServerFields('configmap', { metadata: { name: 'a', uid: 'u', resourceVersion: '7' }, data: { K: 'v' } })
 * // { metadata: { name: 'a' }, data: { K: 'v' } }
 */
export function withoutServerFields(kind: string, object: JsonObject): JsonObject {
  // Copied without the two biggest server-written parts, which are dropped anyway.
  const { status: _status, metadata, ...rest } = object;
  const { managedFields: _managedFields, ...meta } = isJsonObject(metadata) ? metadata : {};
  const copy = clone({ ...rest, ...(isJsonObject(metadata) ? { metadata: meta } : {}) }) as JsonObject;
  cleanMetadata(copy.metadata, false);
  cleanMetadata(at(copy, 'spec.template.metadata'), kind === 'job');
  cleanMetadata(at(copy, 'spec.jobTemplate.metadata'), false);
  cleanMetadata(at(copy, 'spec.jobTemplate.spec.template.metadata'), true);
  const templates = at(copy, 'spec.volumeClaimTemplates');
  if (Array.isArray(templates)) {
    for (const template of templates) {
      if (!isJsonObject(template)) continue;
      delete template.status;
      cleanMetadata(template.metadata, false);
      // A claim template's claims are made in the StatefulSet's namespace, whatever the template says.
      if (isJsonObject(template.metadata)) delete template.metadata.namespace;
    }
  }
  if (kind === 'job' || kind === 'cronjob') {
    // Unless `manualSelector` is set, the API server generates the Job's selector.
    const jobSpec = kind === 'job' ? at(copy, 'spec') : at(copy, 'spec.jobTemplate.spec');
    if (isJsonObject(jobSpec) && jobSpec.manualSelector !== true) delete jobSpec.selector;
  }
  const podSpecs = podSpecPaths(kind);
  for (const path of podSpecs) cleanPodSpec(at(copy, path));
  cleanKind(kind, copy);
  if (isJsonObject(copy.spec)) dropServerFilled(copy.spec);
  const service = kind === 'service' && isJsonObject(copy.spec) ? copy.spec : undefined;
  if (service && Array.isArray(service.ports)) {
    // targetPort defaults to port.
    for (const port of service.ports)
      if (isJsonObject(port) && port.targetPort === port.port) delete port.targetPort;
  }
  for (const [steps, value] of defaultsFor(kind)) dropWhere(copy, steps, value);
  pruneEmptied(copy, object);
  return copy;
}
