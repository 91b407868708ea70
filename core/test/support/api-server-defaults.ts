import type { JsonObject, JsonValue } from '../../src/json.ts';

// What the API server writes into an object it creates: the defaulting functions of kubernetes/kubernetes
// (`pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`, `pkg/apis/batch/v1/defaults.go`,
// `pkg/apis/networking/v1/defaults.go`, `pkg/apis/storage/v1/defaults.go`, `pkg/apis/scheduling/v1/defaults.go`,
// `pkg/apis/admissionregistration/v1/defaults.go`, `pkg/apis/autoscaling/v2/defaults.go`), allocation
// (a Service's clusterIP and node ports) and the controllers or admission plugins that fill fields at create
// (the Namespace's name label, a Deployment's revision annotation). Written from those files for these
// tests, independent of core's own server-default tables.

type Obj = JsonObject;
const obj = (value: JsonValue | undefined): Obj | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
const list = (value: JsonValue | undefined): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);
const setDefault = (target: Obj, key: string, value: JsonValue) => {
  if (target[key] === undefined) target[key] = value;
};

/** core/v1 SetDefaults_Probe and the HTTPGetAction scheme. */
function probe(value: JsonValue | undefined): void {
  const p = obj(value);
  if (!p) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  const http = obj(p.httpGet);
  if (http) setDefault(http, 'scheme', 'HTTP');
}

/** core/v1 SetDefaults_Container: pull policy from the tag, termination message, port protocol. */
function container(c: Obj): void {
  if (c.imagePullPolicy === undefined) {
    const image = String(c.image);
    const name = image.slice(image.lastIndexOf('/') + 1);
    const tag = image.includes('@')
      ? 'digest'
      : name.includes(':')
        ? name.slice(name.lastIndexOf(':') + 1)
        : '';
    c.imagePullPolicy = tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  for (const port of list(c.ports)) setDefault(port, 'protocol', 'TCP');
  for (const env of list(c.env)) {
    const fieldRef = obj(obj(env.valueFrom)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
  probe(c.livenessProbe);
  probe(c.readinessProbe);
  probe(c.startupProbe);
}

/** core/v1 SetDefaults_PodSpec and the volume sources' defaults. */
export function podSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...list(spec.containers), ...list(spec.initContainers)]) container(c);
  for (const volume of list(spec.volumes)) {
    for (const source of ['configMap', 'secret', 'downwardAPI', 'projected']) {
      const value = obj(volume[source]);
      if (value) setDefault(value, 'defaultMode', 0o644);
    }
    for (const item of list(obj(volume.downwardAPI)?.items)) {
      const fieldRef = obj(item.fieldRef);
      if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
    }
    for (const source of list(obj(volume.projected)?.sources)) {
      const token = obj(source.serviceAccountToken);
      if (token) setDefault(token, 'expirationSeconds', 3600);
    }
    const hostPath = obj(volume.hostPath);
    if (hostPath) setDefault(hostPath, 'type', '');
  }
}

function template(value: JsonValue | undefined): void {
  const t = obj(value);
  if (!t) return;
  // The API returns a template's metadata with a null creationTimestamp.
  t.metadata = { ...(obj(t.metadata) ?? {}), creationTimestamp: null };
  const spec = obj(t.spec);
  if (spec) podSpec(spec);
}

function jobSpec(spec: Obj, uid: string, name: string): void {
  setDefault(spec, 'completions', 1);
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  // The Job controller generates the selector and stamps its labels onto the template.
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid };
  spec.selector = { matchLabels: { ...labels } };
  template(spec.template);
  const metadata = obj(obj(spec.template)?.metadata)!;
  metadata.labels = {
    ...(obj(metadata.labels) ?? {}),
    ...labels,
    'batch.kubernetes.io/job-name': name,
    'job-name': name,
  };
}

const DEFAULTERS: Readonly<Record<string, (object: Obj, uid: string) => void>> = {
  deployment: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
    const strategy = obj(spec.strategy) ?? {};
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const rolling = obj(strategy.rollingUpdate) ?? {};
      setDefault(rolling, 'maxUnavailable', '25%');
      setDefault(rolling, 'maxSurge', '25%');
      strategy.rollingUpdate = rolling;
    }
    spec.strategy = strategy;
    template(spec.template);
    o.metadata = {
      ...obj(o.metadata),
      annotations: { ...obj(obj(o.metadata)!.annotations), 'deployment.kubernetes.io/revision': '1' },
    };
  },
  statefulset: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'podManagementPolicy', 'OrderedReady');
    setDefault(spec, 'revisionHistoryLimit', 10);
    const strategy = obj(spec.updateStrategy) ?? {};
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const rolling = obj(strategy.rollingUpdate) ?? {};
      setDefault(rolling, 'partition', 0);
      strategy.rollingUpdate = rolling;
    }
    spec.updateStrategy = strategy;
    const retention = obj(spec.persistentVolumeClaimRetentionPolicy) ?? {};
    setDefault(retention, 'whenDeleted', 'Retain');
    setDefault(retention, 'whenScaled', 'Retain');
    spec.persistentVolumeClaimRetentionPolicy = retention;
    template(spec.template);
    // The API returns each claim template as a whole PVC: type meta, the defaulted volumeMode, a status.
    spec.volumeClaimTemplates = list(spec.volumeClaimTemplates).map((claim) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      ...claim,
      spec: { volumeMode: 'Filesystem', ...obj(claim.spec) },
      status: { phase: 'Pending' },
    }));
    if ((spec.volumeClaimTemplates as Obj[]).length === 0) delete spec.volumeClaimTemplates;
  },
  daemonset: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'revisionHistoryLimit', 10);
    const strategy = obj(spec.updateStrategy) ?? {};
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const rolling = obj(strategy.rollingUpdate) ?? {};
      setDefault(rolling, 'maxUnavailable', 1);
      setDefault(rolling, 'maxSurge', 0);
      strategy.rollingUpdate = rolling;
    }
    spec.updateStrategy = strategy;
    template(spec.template);
  },
  replicationcontroller: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'replicas', 1);
    template(spec.template);
  },
  job: (o, uid) => jobSpec(obj(o.spec)!, uid, obj(o.metadata)!.name as string),
  cronjob: (o, uid) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'concurrencyPolicy', 'Allow');
    setDefault(spec, 'suspend', false);
    setDefault(spec, 'successfulJobsHistoryLimit', 3);
    setDefault(spec, 'failedJobsHistoryLimit', 1);
    // A CronJob's job template is not a Job yet: no selector is generated, only the template defaults.
    const jobTemplateSpec = obj(obj(spec.jobTemplate)?.spec);
    if (jobTemplateSpec) {
      setDefault(jobTemplateSpec, 'completions', 1);
      setDefault(jobTemplateSpec, 'parallelism', 1);
      setDefault(jobTemplateSpec, 'backoffLimit', 6);
      setDefault(jobTemplateSpec, 'completionMode', 'NonIndexed');
      setDefault(jobTemplateSpec, 'suspend', false);
      setDefault(jobTemplateSpec, 'podReplacementPolicy', 'TerminatingOrFailed');
      template(jobTemplateSpec.template);
    }
    void uid;
  },
  pod: (o) => {
    const spec = obj(o.spec)!;
    podSpec(spec);
    setDefault(spec, 'enableServiceLinks', true);
    setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
    setDefault(spec, 'priority', 0);
    setDefault(spec, 'serviceAccountName', 'default');
    spec.serviceAccount = spec.serviceAccountName as string;
    spec.nodeName = 'node-1';
    // The DefaultTolerationSeconds admission plugin.
    spec.tolerations = [
      ...list(spec.tolerations),
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ];
  },
  service: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'type', 'ClusterIP');
    setDefault(spec, 'sessionAffinity', 'None');
    // core/v1 SetDefaults_Service: ClientIP affinity gets the default timeout of 3 hours; None has no config.
    if (spec.sessionAffinity === 'ClientIP') {
      const config = obj(spec.sessionAffinityConfig) ?? {};
      const clientIP = obj(config.clientIP) ?? {};
      setDefault(clientIP, 'timeoutSeconds', 10_800);
      spec.sessionAffinityConfig = { ...config, clientIP };
    } else delete spec.sessionAffinityConfig;
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    spec.clusterIP = '10.96.0.17';
    spec.clusterIPs = ['10.96.0.17'];
    spec.ipFamilies = ['IPv4'];
    spec.ipFamilyPolicy = 'SingleStack';
    const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    if (external) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
    if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
    else delete spec.allocateLoadBalancerNodePorts;
    list(spec.ports).forEach((port, index) => {
      setDefault(port, 'protocol', 'TCP');
      setDefault(port, 'targetPort', port.port as number);
      if (external) port.nodePort = 30_000 + index;
    });
  },
  secret: (o) => {
    setDefault(o, 'type', 'Opaque');
  },
  namespace: (o) => {
    const metadata = obj(o.metadata)!;
    metadata.labels = { ...obj(metadata.labels), 'kubernetes.io/metadata.name': metadata.name as string };
    o.spec = { finalizers: ['kubernetes'] };
  },
  persistentvolumeclaim: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'volumeMode', 'Filesystem');
    setDefault(spec, 'storageClassName', 'standard');
    spec.volumeName = 'pvc-0001';
  },
  persistentvolume: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
  },
  networkpolicy: (o) => {
    const spec = obj(o.spec)!;
    for (const rule of [...list(spec.ingress), ...list(spec.egress)])
      for (const port of list(rule.ports)) setDefault(port, 'protocol', 'TCP');
  },
  priorityclass: (o) => setDefault(o, 'preemptionPolicy', 'PreemptLowerPriority'),
  storageclass: (o) => {
    setDefault(o, 'reclaimPolicy', 'Delete');
    setDefault(o, 'volumeBindingMode', 'Immediate');
  },
  endpoints: (o) => {
    for (const subset of list(o.subsets))
      for (const port of list(subset.ports)) setDefault(port, 'protocol', 'TCP');
  },
  endpointslice: (o) => {
    for (const port of list(o.ports)) setDefault(port, 'protocol', 'TCP');
  },
  csidriver: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'attachRequired', true);
    setDefault(spec, 'podInfoOnMount', false);
    setDefault(spec, 'storageCapacity', false);
    setDefault(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
    setDefault(spec, 'requiresRepublish', false);
    setDefault(spec, 'seLinuxMount', false);
    setDefault(spec, 'volumeLifecycleModes', ['Persistent']);
  },
  apiservice: (o) => {
    const service = obj(obj(o.spec)!.service);
    if (service) setDefault(service, 'port', 443);
  },
  validatingwebhookconfiguration: (o) => webhooks(o, false),
  mutatingwebhookconfiguration: (o) => webhooks(o, true),
  horizontalpodautoscaler: (o) => {
    const spec = obj(o.spec)!;
    setDefault(spec, 'minReplicas', 1);
    // autoscaling/v2 SetDefaults_HorizontalPodAutoscalerBehavior: a behavior that is given is completed
    // with GenerateHPAScaleUpRules / GenerateHPAScaleDownRules.
    const behavior = obj(spec.behavior);
    if (behavior) {
      const scaleUp = obj(behavior.scaleUp) ?? {};
      setDefault(scaleUp, 'stabilizationWindowSeconds', 0);
      setDefault(scaleUp, 'selectPolicy', 'Max');
      setDefault(scaleUp, 'policies', [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ]);
      const scaleDown = obj(behavior.scaleDown) ?? {};
      setDefault(scaleDown, 'stabilizationWindowSeconds', 300);
      setDefault(scaleDown, 'selectPolicy', 'Max');
      setDefault(scaleDown, 'policies', [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
      behavior.scaleUp = scaleUp;
      behavior.scaleDown = scaleDown;
    }
  },
};

/** admissionregistration/v1 SetDefaults_ValidatingWebhook / MutatingWebhook / Rule / ServiceReference. */
function webhooks(o: Obj, mutating: boolean): void {
  for (const hook of list(o.webhooks)) {
    setDefault(hook, 'failurePolicy', 'Fail');
    setDefault(hook, 'matchPolicy', 'Equivalent');
    setDefault(hook, 'namespaceSelector', {});
    setDefault(hook, 'objectSelector', {});
    setDefault(hook, 'timeoutSeconds', 10);
    if (mutating) setDefault(hook, 'reinvocationPolicy', 'Never');
    const service = obj(obj(hook.clientConfig)?.service);
    if (service) setDefault(service, 'port', 443);
    for (const rule of list(hook.rules)) setDefault(rule, 'scope', '*');
  }
}

/**
 * The object the API server stores for a created `object` (mutated in place): defaults, allocations and
 * the server's metadata.
 */
export function applyServerDefaults(kind: string, object: Obj, uid: string): Obj {
  DEFAULTERS[kind]?.(object, uid);
  object.metadata = {
    ...obj(object.metadata),
    uid,
    resourceVersion: '4711',
    generation: 1,
    creationTimestamp: '2026-11-01T10:00:00Z',
  };
  return object;
}
