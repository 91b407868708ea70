import fc from 'fast-check';
import type { JsonObject } from '../../src/json.ts';

/** One object as typed state declares it, with its identity. */
export interface DeclaredObject {
  kind: 'deployment' | 'service' | 'configmap';
  name: string;
  declared: JsonObject;
}

const dnsName = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/);
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._:/=-]{0,20}$/);
const labels = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}(\/[a-z]{1,6})?$/), dnsName, {
  maxKeys: 3,
});
const cpu = fc.constantFrom('50m', '100m', '250m', '500m', '1', '2');
const memory = fc.constantFrom('64Mi', '128Mi', '256Mi', '1Gi', '2G');

const container = fc.record({
  name: dnsName,
  image: fc
    .tuple(dnsName, fc.stringMatching(/^[0-9]\.[0-9]{1,2}\.[0-9]$/))
    .map(([n, v]) => `registry.example.org/${n}:${v}`),
  args: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: null }),
  env: fc.uniqueArray(fc.record({ name: envName, value: text }), { selector: (e) => e.name, maxLength: 4 }),
  ports: fc.uniqueArray(fc.record({ name: dnsName, containerPort: fc.integer({ min: 1, max: 65535 }) }), {
    selector: (p) => p.name,
    maxLength: 2,
  }),
  limits: fc.record({ cpu, memory }),
  requests: fc.record({ cpu, memory }),
  runAsUser: fc.integer({ min: 1000, max: 65535 }),
  readOnlyRootFilesystem: fc.boolean(),
});

type ContainerParams = typeof container extends fc.Arbitrary<infer T> ? T : never;

function typedContainer(c: ContainerParams): JsonObject {
  return {
    name: c.name,
    image: c.image,
    args: c.args,
    command: null,
    workingDir: '',
    stdin: false,
    tty: false,
    env: c.env.map((e) => ({ name: e.name, value: e.value, valueFrom: null })),
    ports: c.ports.map((p) => ({ ...p, protocol: 'TCP', hostPort: 0, hostIP: '' })),
    resources: { limits: { ...c.limits }, requests: { ...c.requests } },
    securityContext: {
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: c.readOnlyRootFilesystem,
      runAsNonRoot: true,
      runAsUser: c.runAsUser,
      capabilities: { add: null, drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'cache', mountPath: '/cache', subPath: '', readOnly: false }],
  };
}

/** A Deployment in typed-state shape (zero values included) with 1–2 containers. */
export const deploymentArb: fc.Arbitrary<DeclaredObject> = fc
  .record({
    name: dnsName,
    replicas: fc.integer({ min: 1, max: 12 }),
    labels,
    containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 2 }),
    sizeLimit: fc.constantFrom('512Mi', '1Gi', '2Gi'),
  })
  .map(({ name, replicas, labels: extraLabels, containers, sizeLimit }) => ({
    kind: 'deployment' as const,
    name,
    declared: {
      metadata: {
        name,
        namespace: 'shop',
        labels: { ...extraLabels, app: name },
        annotations: {},
        generateName: '',
      },
      spec: {
        replicas,
        minReadySeconds: 0,
        paused: false,
        selector: { matchLabels: { app: name }, matchExpressions: [] },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: name }, annotations: {}, name: '', namespace: '' },
          spec: {
            hostNetwork: false,
            hostPID: false,
            hostIPC: false,
            nodeSelector: null,
            serviceAccountName: '',
            affinity: null,
            tolerations: [],
            initContainers: [],
            securityContext: {},
            containers: containers.map(typedContainer),
            volumes: [{ name: 'cache', emptyDir: { medium: '', sizeLimit } }],
          },
        },
      },
    },
  }));

/** A Service in typed-state shape, with named ports and numeric target ports as strings. */
export const serviceArb: fc.Arbitrary<DeclaredObject> = fc
  .record({
    name: dnsName,
    ports: fc.uniqueArray(
      fc.record({
        name: dnsName,
        port: fc.integer({ min: 1, max: 65535 }),
        targetPort: fc.oneof(dnsName, fc.integer({ min: 1, max: 65535 }).map(String)),
      }),
      { selector: (p) => p.name, minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ name, ports }) => ({
    kind: 'service' as const,
    name,
    declared: {
      metadata: { name, namespace: 'shop', labels: { app: name }, annotations: {} },
      spec: {
        type: 'ClusterIP',
        selector: { app: name },
        ports: ports.map((p) => ({ ...p, protocol: 'TCP', nodePort: 0, appProtocol: '' })),
        externalIPs: [],
        externalName: '',
        publishNotReadyAddresses: false,
        allocateLoadBalancerNodePorts: true,
        healthCheckNodePort: 0,
      },
    },
  }));

/** A ConfigMap in typed-state shape. */
export const configMapArb: fc.Arbitrary<DeclaredObject> = fc
  .record({
    name: dnsName,
    data: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,10}$/), text, {
      minKeys: 1,
      maxKeys: 4,
    }),
  })
  .map(({ name, data }) => ({
    kind: 'configmap' as const,
    name,
    declared: {
      metadata: { name, namespace: 'shop', labels: {}, annotations: {} },
      data,
      binaryData: {},
      immutable: false,
    },
  }));

/** A set of distinct objects of the three kinds. */
export const declaredSetArb: fc.Arbitrary<DeclaredObject[]> = fc.uniqueArray(
  fc.oneof(deploymentArb, serviceArb, configMapArb),
  { selector: (o) => `${o.kind}/${o.name}`, minLength: 1, maxLength: 6 },
);
