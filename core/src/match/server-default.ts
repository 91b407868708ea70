import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import type { PathSegment } from './change-path.ts';
import { valueAt } from './value-at.ts';

// Fields the API server allocates or fills whatever the value: a hand edit that causes them (a Service
// switched to NodePort allocates its nodePort) makes the editor their owner, yet nobody chose the value.
const ALLOCATED: ReadonlySet<string> = new Set([
  'clusterIP',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'nodePort',
  'healthCheckNodePort',
  'nodeName',
  'volumeName',
]);

// Defaults of the API server's defaulting functions (kubernetes/kubernetes `pkg/apis/core/v1/defaults.go`,
// `pkg/apis/apps/v1/defaults.go`, `pkg/apis/batch/v1/defaults.go`), by field name. A name with two
// values (`maxUnavailable`: 25 % on a Deployment, 1 on a DaemonSet) accepts either.
const DEFAULTS: Readonly<Record<string, readonly JsonValue[]>> = {
  externalTrafficPolicy: ['Cluster'],
  internalTrafficPolicy: ['Cluster'],
  sessionAffinity: ['None'],
  allocateLoadBalancerNodePorts: [true],
  protocol: ['TCP'],
  terminationMessagePath: ['/dev/termination-log'],
  terminationMessagePolicy: ['File'],
  timeoutSeconds: [1],
  periodSeconds: [10],
  successThreshold: [1],
  failureThreshold: [3],
  scheme: ['HTTP'],
  restartPolicy: ['Always'],
  dnsPolicy: ['ClusterFirst'],
  schedulerName: ['default-scheduler'],
  terminationGracePeriodSeconds: [30],
  enableServiceLinks: [true],
  serviceAccountName: ['default'],
  serviceAccount: ['default'],
  revisionHistoryLimit: [10],
  progressDeadlineSeconds: [600],
  maxSurge: ['25%', 0],
  maxUnavailable: ['25%', 1],
  partition: [0],
  podManagementPolicy: ['OrderedReady'],
  whenDeleted: ['Retain'],
  whenScaled: ['Retain'],
  backoffLimit: [6],
  completions: [1],
  parallelism: [1],
  completionMode: ['NonIndexed'],
  podReplacementPolicy: ['TerminatingOrFailed'],
  suspend: [false],
  concurrencyPolicy: ['Allow'],
  successfulJobsHistoryLimit: [3],
  failedJobsHistoryLimit: [1],
  defaultMode: [420],
  volumeMode: ['Filesystem'],
  replicas: [1],
};

// `type` means something else in every struct: the default by the key above it.
const TYPE_DEFAULTS: Readonly<Record<string, JsonValue>> = {
  spec: 'ClusterIP', // a Service's spec
  strategy: 'RollingUpdate',
  updateStrategy: 'RollingUpdate',
  hostPath: '',
};

function keyAt(segments: readonly PathSegment[], fromEnd: number): string | undefined {
  const segment = segments[segments.length - fromEnd];
  return segment !== undefined && 'key' in segment ? segment.key : undefined;
}

/** kubelet's rule for `imagePullPolicy` (core/v1 defaults): `Always` for `:latest` or no tag, else `IfNotPresent`. */
function defaultPullPolicy(image: JsonValue | undefined): string {
  if (typeof image !== 'string' || image.includes('@')) return 'IfNotPresent';
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon === -1 || name.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * True when the live value at an undeclared path is what the API server writes by itself: an allocated
 * address or port, or the default of its defaulting functions (`externalTrafficPolicy: Cluster`,
 * `terminationMessagePath`, probe thresholds, `targetPort` equal to `port`, the `imagePullPolicy` the
 * image's tag implies). A hand edit that triggers such defaulting makes the editor the field's owner in
 * managedFields; the CONTRACT says only the edited field is drift, not its defaulted neighbours.
 *
 * @example
 * isServerDefault('service', [{ key: 'spec' }, { key: 'externalTrafficPolicy' }], 'Cluster', svc) // true
 */
export function isServerDefault(
  kind: string,
  segments: readonly PathSegment[],
  live: JsonValue,
  liveRoot: JsonObject,
): boolean {
  const key = keyAt(segments, 1);
  if (key === undefined) return false;
  if (ALLOCATED.has(key)) return true;
  if (key === 'type') {
    if (kind === 'secret' && segments.length === 1) return live === 'Opaque';
    const parent = keyAt(segments, 2);
    if (parent === 'spec' && kind !== 'service') return false;
    return parent !== undefined && Object.hasOwn(TYPE_DEFAULTS, parent) && TYPE_DEFAULTS[parent] === live;
  }
  if (key === 'targetPort') {
    const port = valueAt(liveRoot, segments.slice(0, -1));
    return isJsonObject(port) && port.port === live;
  }
  if (key === 'imagePullPolicy') {
    const container = valueAt(liveRoot, segments.slice(0, -1));
    return isJsonObject(container) && live === defaultPullPolicy(container.image);
  }
  if (key === 'apiVersion' && keyAt(segments, 2) === 'fieldRef') return live === 'v1';
  const defaults = Object.hasOwn(DEFAULTS, key) ? DEFAULTS[key] : undefined;
  return defaults?.includes(live) === true;
}
