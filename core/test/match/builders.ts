import { isJsonObject, type JsonObject, type JsonValue } from '../../src/json.ts';
import { resourceId } from '../../src/k8s/resource-id.ts';
import type { IacResource, LiveResource } from '../../src/model.ts';

/** The parts of a test resource; everything else is derived. */
export interface ResourceSpec {
  kind: string;
  namespace?: string | null;
  name: string;
  uid?: string | null;
}

/** A live resource as `toLiveResources` would build it. */
export function liveOf(spec: ResourceSpec & { object: JsonObject; controlled?: boolean }): LiveResource {
  const namespace = spec.namespace === undefined ? 'shop' : spec.namespace;
  return {
    id: resourceId({ kind: spec.kind, namespace, name: spec.name }),
    kind: spec.kind,
    namespace,
    name: spec.name,
    uid: spec.uid ?? null,
    controlled: spec.controlled ?? false,
    object: spec.object,
  };
}

/** An IaC resource as the state reader would build it; `recorded` defaults to `declared` (typed state). */
export function iacOf(
  spec: ResourceSpec & { declared: JsonObject; recorded?: JsonObject; address?: string },
): IacResource {
  const namespace = spec.namespace === undefined ? 'shop' : spec.namespace;
  return {
    id: resourceId({ kind: spec.kind, namespace, name: spec.name }),
    kind: spec.kind,
    namespace,
    name: spec.name,
    uid: spec.uid ?? null,
    terraform_type: `kubernetes_${spec.kind}_v1`,
    origin: { state_source: 'main', address: spec.address ?? `kubernetes_${spec.kind}_v1.${spec.name}` },
    declared: spec.declared,
    recorded: spec.recorded ?? spec.declared,
  };
}

/** A deep copy, so a test can edit one side without touching the other. */
export function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/**
 * A Deployment as typed state declares it (after translation to API shape): realistic, with the zero
 * values typed state fills unset attributes with (`hostNetwork: false`, `args: null`, `subPath: ""`…).
 */
export function declaredDeployment(name = 'api', namespace = 'shop'): JsonObject {
  return {
    metadata: {
      name,
      namespace,
      labels: { app: name, 'app.kubernetes.io/part-of': 'shop' },
      annotations: {},
      generateName: '',
    },
    spec: {
      replicas: 2,
      minReadySeconds: 0,
      paused: false,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: name }, matchExpressions: [] },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: name }, annotations: {}, name: '', namespace: '' },
        spec: {
          hostNetwork: false,
          hostPID: false,
          hostIPC: false,
          activeDeadlineSeconds: 0,
          nodeSelector: null,
          serviceAccountName: '',
          affinity: null,
          tolerations: [],
          imagePullSecrets: [],
          initContainers: [],
          securityContext: {},
          containers: [
            {
              name,
              image: `images.example.org/shop/${name}:1.4.2`,
              args: null,
              command: null,
              workingDir: '',
              stdin: false,
              tty: false,
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP', hostPort: 0, hostIP: '' }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                {
                  name: 'DB_PASSWORD',
                  value: '',
                  valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password', optional: false } },
                },
              ],
              resources: {
                limits: { cpu: '500m', memory: '256Mi' },
                requests: { cpu: '100m', memory: '128Mi' },
              },
              securityContext: {
                privileged: false,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: 10001,
                capabilities: { add: null, drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'cache', mountPath: '/cache', subPath: '', readOnly: false }],
            },
          ],
          volumes: [{ name: 'cache', emptyDir: { medium: '', sizeLimit: '1Gi' } }],
        },
      },
    },
  };
}

function dropZeros(value: JsonValue): JsonValue | undefined {
  if (value === null || value === '' || value === 0 || value === false) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(dropZeros).filter((item): item is JsonValue => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = dropZeros(item);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

const MANAGED_FIELDS: JsonValue = [
  { manager: 'HashiCorp', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {} },
];

function defaultContainer(container: JsonValue): JsonValue {
  if (!isJsonObject(container)) return container;
  return {
    ...container,
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function defaultPodSpec(spec: JsonObject): JsonObject {
  const out: JsonObject = {
    ...spec,
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: isJsonObject(spec.securityContext) ? spec.securityContext : {},
  };
  for (const key of ['containers', 'initContainers']) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map(defaultContainer);
  }
  return out;
}

/**
 * What the API server returns for an object applied from `declared` with no hand edits: zero-valued
 * fields dropped, server defaults added (imagePullPolicy, terminationMessagePath, dnsPolicy…), server
 * fields set (status, managedFields, uid, resourceVersion, creationTimestamp, a revision annotation).
 */
export function appliedLive(kind: string, declared: JsonObject, uid = 'uid-0001'): JsonObject {
  const object = (dropZeros(clone(declared)) ?? {}) as JsonObject;
  const metadata = (isJsonObject(object.metadata) ? object.metadata : {}) as JsonObject;
  object.metadata = {
    ...metadata,
    uid,
    resourceVersion: '48213',
    generation: 1,
    creationTimestamp: '2026-11-01T10:00:00Z',
    managedFields: MANAGED_FIELDS,
  };
  const spec = isJsonObject(object.spec) ? object.spec : undefined;
  if (kind === 'deployment' && spec) {
    const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
    object.metadata.annotations = { ...annotations, 'deployment.kubernetes.io/revision': '1' };
    const template = isJsonObject(spec.template) ? spec.template : {};
    const podSpec = isJsonObject(template.spec) ? template.spec : {};
    const templateMetadata = isJsonObject(template.metadata) ? template.metadata : {};
    object.spec = {
      ...spec,
      template: {
        ...template,
        metadata: { ...templateMetadata, creationTimestamp: null },
        spec: defaultPodSpec(podSpec),
      },
    };
    object.status = {
      replicas: spec.replicas ?? 1,
      readyReplicas: spec.replicas ?? 1,
      observedGeneration: 1,
    };
  }
  if (kind === 'service' && spec) {
    // The API returns a numeric targetPort as a number; typed state keeps it as a string.
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    object.spec = {
      ...spec,
      ports: ports.map((port) =>
        isJsonObject(port) && typeof port.targetPort === 'string' && /^\d+$/.test(port.targetPort)
          ? { ...port, targetPort: Number(port.targetPort) }
          : port,
      ),
      clusterIP: '10.96.14.7',
      clusterIPs: ['10.96.14.7'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      type: spec.type ?? 'ClusterIP',
    };
    // The API server keeps allocateLoadBalancerNodePorts only on LoadBalancer Services.
    if (spec.type !== 'LoadBalancer') delete object.spec.allocateLoadBalancerNodePorts;
    object.status = { loadBalancer: {} };
  }
  return object;
}

/** A Service as typed state declares it, zero values included. */
export function declaredService(name = 'api', namespace = 'shop'): JsonObject {
  return {
    metadata: { name, namespace, labels: { app: name }, annotations: {} },
    spec: {
      type: 'ClusterIP',
      selector: { app: name },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 0, appProtocol: '' },
        { name: 'metrics', port: 9464, targetPort: '9464', protocol: 'TCP', nodePort: 0, appProtocol: '' },
      ],
      externalIPs: [],
      externalName: '',
      loadBalancerSourceRanges: [],
      publishNotReadyAddresses: false,
      allocateLoadBalancerNodePorts: true,
      healthCheckNodePort: 0,
    },
  };
}

/** A ConfigMap as typed state declares it. */
export function declaredConfigMap(name = 'api-settings', namespace = 'shop'): JsonObject {
  return {
    metadata: { name, namespace, labels: { app: 'api' }, annotations: {} },
    data: { LOG_FORMAT: 'json', 'app.toml': '[server]\nlisten = ":8080"\n' },
    binaryData: {},
    immutable: false,
  };
}
