import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/json.ts';
import { compareObjects } from '../../src/match/compare-objects.ts';

/** Compares and keeps only what a reader of the result sees: path, iac, live. */
function diff(options: {
  kind?: string;
  declared: JsonObject;
  live: JsonObject;
  recorded?: JsonObject;
  skipPaths?: Set<string>;
}) {
  return compareObjects({
    kind: options.kind ?? 'deployment',
    declared: options.declared,
    recorded: options.recorded ?? options.declared,
    live: options.live,
    ...(options.skipPaths ? { skipPaths: options.skipPaths } : {}),
  }).map(({ path, iac, live }) => ({ path, iac, live }));
}

function podSpec(spec: JsonObject): JsonObject {
  return { spec: { template: { spec } } };
}

describe('compareObjects', () => {
  describe('zero values mean unset', () => {
    it.each<[string, JsonValue]>([
      ['""', ''],
      ['0', 0],
      ['false', false],
      ['null', null],
      ['[]', []],
      ['{}', {}],
    ])('finds no drift when a declared %s field is absent live', (_, zero) => {
      expect(diff({ declared: { spec: { field: zero } }, live: { spec: {} } })).toEqual([]);
    });

    it.each<[string, JsonValue, JsonValue]>([
      ['"" against 0', '', 0],
      ['false against null', false, null],
      ['null against []', null, []],
      ['{} against {}', {}, {}],
    ])('finds no drift when a declared zero meets a live zero (%s)', (_, declared, live) => {
      expect(diff({ declared: { spec: { field: declared } }, live: { spec: { field: live } } })).toEqual([]);
    });

    it('reports a declared false against a live true with the declared zero as iac', () => {
      const declared = podSpec({ hostNetwork: false });
      const live = podSpec({ hostNetwork: true });
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.template.spec.hostNetwork', iac: false, live: true },
      ]);
    });

    it('reports a declared empty string against a live value', () => {
      const declared = { spec: { workingDir: '' } };
      expect(diff({ declared, live: { spec: { workingDir: '/srv' } } })).toEqual([
        { path: 'spec.workingDir', iac: '', live: '/srv' },
      ]);
    });

    it('reports a declared null list against live items, item by item', () => {
      const declared = { spec: { args: null } };
      expect(diff({ declared, live: { spec: { args: ['--debug'] } } })).toEqual([
        { path: 'spec.args[0]', iac: null, live: '--debug' },
      ]);
    });

    it.each<[string, JsonValue]>([
      ['[]', []],
      ['null', null],
    ])('treats an unset block written as %s like {} against a live object', (_, unset) => {
      const declared = podSpec({ securityContext: unset });
      expect(diff({ declared, live: podSpec({ securityContext: { fsGroup: 2000 } }) })).toEqual([]);
    });

    it('treats an unset list written as {} like [] against a live list', () => {
      const declared = podSpec({ containers: [{ name: 'api', args: {} }] });
      const live = podSpec({ containers: [{ name: 'api', args: ['--debug'] }] });
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.template.spec.containers[api].args[0]', iac: null, live: '--debug' },
      ]);
    });

    it('reports a declared non-zero field that is absent live', () => {
      expect(diff({ declared: { spec: { replicas: 3 } }, live: { spec: {} } })).toEqual([
        { path: 'spec.replicas', iac: 3, live: null },
      ]);
    });
  });

  describe('only declared fields', () => {
    it('ignores fields the server adds to structured objects', () => {
      const declared = { spec: { strategy: { type: 'RollingUpdate' } } };
      const live = {
        spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } }, paused: true },
      };
      expect(diff({ declared, live })).toEqual([]);
    });

    it.each<[string, JsonObject, JsonObject]>([
      ['status', { status: { replicas: 1 } }, { status: { replicas: 3 } }],
      ['apiVersion', { apiVersion: 'apps/v1beta2' }, { apiVersion: 'apps/v1' }],
      [
        'metadata.managedFields',
        { metadata: { managedFields: [] } },
        { metadata: { managedFields: [{ a: 1 }] } },
      ],
      [
        'metadata.resourceVersion',
        { metadata: { resourceVersion: '1' } },
        { metadata: { resourceVersion: '2' } },
      ],
      ['metadata.uid', { metadata: { uid: 'a' } }, { metadata: { uid: 'b' } }],
      ['metadata.generation', { metadata: { generation: 1 } }, { metadata: { generation: 4 } }],
      [
        'metadata.creationTimestamp',
        { metadata: { creationTimestamp: 'x' } },
        { metadata: { creationTimestamp: 'y' } },
      ],
      ['metadata.selfLink', { metadata: { selfLink: '/a' } }, { metadata: { selfLink: '/b' } }],
      [
        'spec.template.metadata.creationTimestamp',
        { spec: { template: { metadata: { creationTimestamp: 'x' } } } },
        { spec: { template: { metadata: { creationTimestamp: null } } } },
      ],
    ])('never reports %s', (_, declared, live) => {
      expect(diff({ declared, live })).toEqual([]);
    });

    it('skips the paths it is told to skip', () => {
      const declared = { spec: { replicas: 2 } };
      const live = { spec: { replicas: 5 } };
      expect(diff({ declared, live, skipPaths: new Set(['spec.replicas']) })).toEqual([]);
    });
  });

  describe('named lists', () => {
    const api = { name: 'api', image: 'api:1' };
    const proxy = { name: 'proxy', image: 'proxy:1' };

    it('finds no drift when a named list is reordered', () => {
      expect(
        diff({
          declared: podSpec({ containers: [api, proxy] }),
          live: podSpec({ containers: [proxy, api] }),
        }),
      ).toEqual([]);
    });

    it('addresses a changed item by name', () => {
      const live = podSpec({ containers: [proxy, { name: 'api', image: 'api:2' }] });
      expect(diff({ declared: podSpec({ containers: [api, proxy] }), live })).toEqual([
        { path: 'spec.template.spec.containers[api].image', iac: 'api:1', live: 'api:2' },
      ]);
    });

    it('reports a live item absent from the record as an addition holding the whole item', () => {
      const sidecar = { name: 'miner', image: 'evil:latest' };
      const live = podSpec({ containers: [api, sidecar] });
      expect(diff({ declared: podSpec({ containers: [api] }), live })).toEqual([
        { path: 'spec.template.spec.containers[miner]', iac: null, live: sidecar },
      ]);
    });

    it('finds no drift for a live item that the record holds but the declaration leaves out', () => {
      const declared = podSpec({ containers: [api] });
      const recorded = podSpec({ containers: [api, proxy] });
      expect(diff({ declared, recorded, live: podSpec({ containers: [api, proxy] }) })).toEqual([]);
    });

    it('reports a declared item absent live with live null', () => {
      expect(
        diff({ declared: podSpec({ containers: [api, proxy] }), live: podSpec({ containers: [api] }) }),
      ).toEqual([{ path: 'spec.template.spec.containers[proxy]', iac: proxy, live: null }]);
    });

    it('matches any list whose items all have a name by name', () => {
      const declared = {
        spec: {
          listeners: [
            { name: 'a', port: 1 },
            { name: 'b', port: 2 },
          ],
        },
      };
      const live = {
        spec: {
          listeners: [
            { name: 'b', port: 2 },
            { name: 'a', port: 3 },
          ],
        },
      };
      expect(diff({ declared, live })).toEqual([{ path: 'spec.listeners[a].port', iac: 1, live: 3 }]);
    });

    it('compares lists whose items have no name by index', () => {
      const declared = { spec: { rules: [{ host: 'a.example' }, { host: 'b.example' }] } };
      const live = { spec: { rules: [{ host: 'b.example' }, { host: 'a.example' }] } };
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.rules[0].host', iac: 'a.example', live: 'b.example' },
        { path: 'spec.rules[1].host', iac: 'b.example', live: 'a.example' },
      ]);
    });

    // Argo CD's structured-merge test data (smd-deploy2): the API keeps unnamed ports as a map keyed by
    // port and protocol, and an apply appends, so the live order is not the declared one.
    it('matches unnamed ports by port and protocol, not by position', () => {
      const declared: JsonObject = {
        spec: { ports: [{ port: 80 }, { port: 443 }, { port: 53, protocol: 'UDP' }] },
      };
      const live: JsonObject = {
        spec: { ports: [{ port: 53, protocol: 'UDP' }, { port: 443, protocol: 'TCP' }, { port: 80 }] },
      };
      expect(diff({ declared, live })).toEqual([]);
    });

    it('reports a live-only container port once, at its live index, when the others moved', () => {
      const container = (ports: JsonObject[]): JsonObject => ({
        spec: { template: { spec: { containers: [{ name: 'web', ports }] } } },
      });
      const declared = container([
        { containerPort: 8081, protocol: 'UDP' },
        { containerPort: 80, protocol: 'TCP' },
      ]);
      const live = container([
        { containerPort: 80, protocol: 'TCP' },
        { containerPort: 8080, protocol: 'TCP' },
        { containerPort: 8081, protocol: 'UDP' },
      ]);
      expect(diff({ declared, live })).toEqual([
        {
          path: 'spec.template.spec.containers[web].ports[1]',
          iac: null,
          live: { containerPort: 8080, protocol: 'TCP' },
        },
      ]);
    });

    it('reports a port number edited in place as one change of that field', () => {
      const declared: JsonObject = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
      const live: JsonObject = { spec: { ports: [{ port: 81, targetPort: 8080 }, { port: 443 }] } };
      expect(diff({ declared, live })).toEqual([{ path: 'spec.ports[0].port', iac: 80, live: 81 }]);
    });

    it('reports a declared port the live object lacks as removed, at its declared index', () => {
      const declared = { spec: { ports: [{ port: 80 }, { port: 443 }] } };
      const live = { spec: { ports: [{ port: 443 }] } };
      expect(diff({ declared, live })).toEqual([{ path: 'spec.ports[0]', iac: { port: 80 }, live: null }]);
    });

    it('reports no live-only port when additions are off (a patch declares only what it sets)', () => {
      const declared: JsonObject = { spec: { ports: [{ port: 80 }] } };
      const live: JsonObject = { spec: { ports: [{ port: 8443 }, { port: 80 }] } };
      const changes = compareObjects({
        kind: 'service',
        declared,
        recorded: declared,
        live,
        additions: false,
      });
      expect(changes).toEqual([]);
      expect(diff({ kind: 'service', declared, live })).toEqual([
        { path: 'spec.ports[0]', iac: null, live: { port: 8443 } },
      ]);
    });

    it('reports a length difference of an index list at the index', () => {
      const declared = { spec: { ports: [{ port: 80 }] } };
      const live = { spec: { ports: [{ port: 80 }, { port: 8443 }] } };
      expect(diff({ declared, live })).toEqual([{ path: 'spec.ports[1]', iac: null, live: { port: 8443 } }]);
    });

    it('compares by index when names repeat', () => {
      const declared = {
        spec: {
          volumeMounts: [
            { name: 'data', mountPath: '/a' },
            { name: 'data', mountPath: '/b' },
          ],
        },
      };
      const live = {
        spec: {
          volumeMounts: [
            { name: 'data', mountPath: '/a' },
            { name: 'data', mountPath: '/c' },
          ],
        },
      };
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.volumeMounts[1].mountPath', iac: '/b', live: '/c' },
      ]);
    });

    it('reports a hand-added item of a named list the declaration leaves out', () => {
      const declared = podSpec({ containers: [api] });
      const init = { name: 'setup', image: 'busybox' };
      const live = podSpec({ containers: [api], initContainers: [init] });
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.template.spec.initContainers[setup]', iac: null, live: init },
      ]);
    });

    it('ignores the service-account token volume that admission injects', () => {
      const declared = { spec: { volumes: [{ name: 'data', emptyDir: {} }] } };
      const injected = { name: 'kube-api-access-7xk2p', projected: { sources: [] } };
      const live = { spec: { volumes: [{ name: 'data', emptyDir: {} }, injected] } };
      expect(diff({ kind: 'pod', declared, live })).toEqual([]);
    });
  });

  describe('free-form maps', () => {
    it.each<[string, string, (map: JsonObject) => JsonObject]>([
      ['metadata.labels', 'metadata.labels', (map) => ({ metadata: { labels: map } })],
      ['metadata.annotations', 'metadata.annotations', (map) => ({ metadata: { annotations: map } })],
      [
        'template labels',
        'spec.template.metadata.labels',
        (map) => ({ spec: { template: { metadata: { labels: map } } } }),
      ],
      ['data', 'data', (map) => ({ data: map })],
      ['binaryData', 'binaryData', (map) => ({ binaryData: map })],
      ['nodeSelector', 'spec.template.spec.nodeSelector', (map) => podSpec({ nodeSelector: map })],
      ['matchLabels', 'spec.selector.matchLabels', (map) => ({ spec: { selector: { matchLabels: map } } })],
    ])('reports a key of %s present live but not recorded', (_, path, wrap) => {
      const declared = wrap({ a: '1' });
      expect(diff({ declared, live: wrap({ a: '1', NEW_KEY: 'x' }) })).toEqual([
        { path: `${path}.NEW_KEY`, iac: null, live: 'x' },
      ]);
    });

    it("reports a key added to a Service's spec.selector", () => {
      const declared = { spec: { selector: { app: 'api' } } };
      const live = { spec: { selector: { app: 'api', canary: 'true' } } };
      expect(diff({ kind: 'service', declared, live })).toEqual([
        { path: 'spec.selector.canary', iac: null, live: 'true' },
      ]);
    });

    it.each(['constructor', 'toString', '__proto__'])('reports a hand-added data key named %s', (key) => {
      const live = JSON.parse(`{"data":{"a":"1","${key}":"x"}}`) as JsonObject;
      expect(diff({ kind: 'configmap', declared: { data: { a: '1' } }, live })).toEqual([
        { path: `data.${key}`, iac: null, live: 'x' },
      ]);
    });

    it('reports a declared data key named constructor that is gone live', () => {
      const declared = JSON.parse('{"data":{"constructor":"x"}}') as JsonObject;
      expect(diff({ kind: 'configmap', declared, live: { data: {} } })).toEqual([
        { path: 'data.constructor', iac: 'x', live: null },
      ]);
    });

    it('finds no drift for a live map key that the record holds', () => {
      const declared = { data: { a: '1' } };
      const recorded = { data: { a: '1', b: '2' } };
      expect(diff({ kind: 'configmap', declared, recorded, live: { data: { a: '1', b: '2' } } })).toEqual([]);
    });

    it('reports a hand-added label when the declaration has no labels at all', () => {
      const declared = { metadata: { name: 'api' } };
      const live = { metadata: { name: 'api', labels: { owner: 'bob' } } };
      expect(diff({ declared, live })).toEqual([{ path: 'metadata.labels.owner', iac: null, live: 'bob' }]);
    });

    it.each([
      'deployment.kubernetes.io/revision',
      'kubectl.kubernetes.io/last-applied-configuration',
      'kubectl.kubernetes.io/restartedAt',
      'deprecated.daemonset.template.generation',
    ])('never reports the controller-written key %s', (key) => {
      const declared = { metadata: { annotations: {} } };
      expect(diff({ declared, live: { metadata: { annotations: { [key]: 'x' } } } })).toEqual([]);
    });

    it('never reports the labels the Job controller stamps on a Job', () => {
      const declared = {
        spec: { selector: { matchLabels: {} }, template: { metadata: { labels: { app: 'migrate' } } } },
      };
      const stamped = {
        'controller-uid': 'u-1',
        'job-name': 'migrate',
        'batch.kubernetes.io/controller-uid': 'u-1',
      };
      const live = {
        spec: {
          selector: { matchLabels: stamped },
          template: { metadata: { labels: { app: 'migrate', ...stamped } } },
        },
      };
      expect(diff({ kind: 'job', declared, live })).toEqual([]);
    });

    it('reports a job-name selector label added to a Deployment', () => {
      const declared = { spec: { selector: { matchLabels: { app: 'api' } } } };
      const live = { spec: { selector: { matchLabels: { app: 'api', 'job-name': 'x' } } } };
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.selector.matchLabels.job-name', iac: null, live: 'x' },
      ]);
    });

    it.each(['app.kubernetes.io/version', 'service.beta.kubernetes.io/aws-load-balancer-type'])(
      'reports the user key %s under a kept kubernetes.io host',
      (key) => {
        const declared = { metadata: { labels: {} } };
        expect(diff({ declared, live: { metadata: { labels: { [key]: 'x' } } } })).toEqual([
          { path: `metadata.labels.${key}`, iac: null, live: 'x' },
        ]);
      },
    );
  });

  describe('values by meaning', () => {
    const limits = (cpu: JsonValue) =>
      podSpec({ containers: [{ name: 'api', resources: { limits: { cpu } } }] });

    it.each<[JsonValue, JsonValue]>([
      ['1000m', '1'],
      ['0.5', '500m'],
      ['1e3', '1k'],
      [1, '1000m'],
    ])('finds no drift between quantities %s and %s in resource limits', (declared, live) => {
      expect(diff({ declared: limits(declared), live: limits(live) })).toEqual([]);
    });

    it.each<[string, (q: string) => JsonObject]>([
      ['requests', (q) => ({ spec: { resources: { requests: { memory: q } } } })],
      ['ResourceQuota hard', (q) => ({ spec: { hard: { 'requests.memory': q } } })],
      ['LimitRange max', (q) => ({ spec: { limits: [{ type: 'Container', max: { memory: q } }] } })],
      ['emptyDir sizeLimit', (q) => podSpec({ volumes: [{ name: 'tmp', emptyDir: { sizeLimit: q } }] })],
      ['PVC storage', (q) => ({ spec: { resources: { requests: { storage: q } } } })],
    ])('compares %s as quantities', (_, wrap) => {
      expect(diff({ declared: wrap('1Gi'), live: wrap('1024Mi') })).toEqual([]);
    });

    it('reports a quantity that differs in amount', () => {
      expect(diff({ declared: limits('500m'), live: limits('1') })).toEqual([
        { path: 'spec.template.spec.containers[api].resources.limits.cpu', iac: '500m', live: '1' },
      ]);
    });

    it('compares strings outside resource-like fields as strings', () => {
      expect(
        diff({ kind: 'configmap', declared: { data: { CPU: '1000m' } }, live: { data: { CPU: '1' } } }),
      ).toEqual([{ path: 'data.CPU', iac: '1000m', live: '1' }]);
    });

    it('treats a number and its decimal string as equal (int-or-string)', () => {
      const declared = { spec: { ports: [{ name: 'http', targetPort: 8080 }] } };
      const live = { spec: { ports: [{ name: 'http', targetPort: '8080' }] } };
      expect(diff({ kind: 'service', declared, live })).toEqual([]);
    });

    it('reports a named port that replaced a numeric one', () => {
      const declared = { spec: { ports: [{ name: 'http', targetPort: '8080' }] } };
      const live = { spec: { ports: [{ name: 'http', targetPort: 'web' }] } };
      expect(diff({ kind: 'service', declared, live })).toEqual([
        { path: 'spec.ports[http].targetPort', iac: '8080', live: 'web' },
      ]);
    });

    it('treats an octal mode string as its decimal value', () => {
      const volume = (defaultMode: JsonValue) =>
        podSpec({ volumes: [{ name: 'cfg', configMap: { defaultMode } }] });
      expect(diff({ declared: volume('0644'), live: volume(420) })).toEqual([]);
    });
  });

  describe('Terraform-set lists', () => {
    it.each([
      [
        'accessModes',
        { spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } },
        { spec: { accessModes: ['ReadOnlyMany', 'ReadWriteOnce'] } },
      ],
      [
        'matchExpressions values',
        { spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } } },
        { spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } } },
      ],
      [
        'externalIPs',
        { spec: { externalIPs: ['10.0.0.2', '10.0.0.1'] } },
        { spec: { externalIPs: ['10.0.0.1', '10.0.0.2'] } },
      ],
    ])('finds no drift when %s differ only in order', (_, declared, live) => {
      expect(diff({ kind: 'service', declared: declared as JsonObject, live: live as JsonObject })).toEqual(
        [],
      );
    });

    it('reports the whole set when a value was added', () => {
      expect(
        diff({
          kind: 'service',
          declared: { spec: { externalIPs: ['10.0.0.1'] } },
          live: { spec: { externalIPs: ['10.0.0.1', '6.6.6.6'] } },
        }),
      ).toEqual([{ path: 'spec.externalIPs', iac: ['10.0.0.1'], live: ['10.0.0.1', '6.6.6.6'] }]);
    });

    // Found by typed-kinds.property.test.ts: the provider keeps these as TypeSets, so state holds them in
    // cty's value order while the API keeps the order they were sent in (the SDK's hash order) or typed.
    it.each([
      [
        "a CertificateSigningRequest's usages",
        'certificatesigningrequest',
        { spec: { usages: ['client auth', 'digital signature'] } },
        { spec: { usages: ['digital signature', 'client auth'] } },
      ],
      [
        "a Role rule's verbs, resources, apiGroups and resourceNames",
        'role',
        {
          rules: [
            {
              apiGroups: ['', 'apps'],
              resources: ['pods', 'secrets'],
              resourceNames: ['a', 'b'],
              verbs: ['get', 'list'],
            },
          ],
        },
        {
          rules: [
            {
              apiGroups: ['apps', ''],
              resources: ['secrets', 'pods'],
              resourceNames: ['b', 'a'],
              verbs: ['list', 'get'],
            },
          ],
        },
      ],
      [
        "a ClusterRole rule's nonResourceURLs and verbs",
        'clusterrole',
        { rules: [{ nonResourceURLs: ['/healthz', '/metrics'], verbs: ['get', 'head'] }] },
        { rules: [{ nonResourceURLs: ['/metrics', '/healthz'], verbs: ['head', 'get'] }] },
      ],
      [
        'pod affinity namespaces',
        'deployment',
        podSpec({
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', namespaces: ['a', 'b'] }],
            },
          },
        }),
        podSpec({
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', namespaces: ['b', 'a'] }],
            },
          },
        }),
      ],
    ])('finds no drift when %s differ only in order', (_, kind, declared, live) => {
      expect(diff({ kind, declared: declared as JsonObject, live: live as JsonObject })).toEqual([]);
    });

    it('reports a changed RBAC verb once, at the whole list', () => {
      expect(
        diff({
          kind: 'role',
          declared: { rules: [{ resources: ['pods'], verbs: ['get', 'list'] }] },
          live: { rules: [{ resources: ['pods'], verbs: ['list', 'delete'] }] },
        }),
      ).toEqual([{ path: 'rules[0].verbs', iac: ['get', 'list'], live: ['list', 'delete'] }]);
    });

    it('still compares other scalar lists in order', () => {
      expect(
        diff({
          declared: podSpec({ containers: [{ name: 'a', args: ['x', 'y'] }] }),
          live: podSpec({ containers: [{ name: 'a', args: ['y', 'x'] }] }),
        }),
      ).toHaveLength(2);
    });
  });

  // Found by typed-kinds.property.test.ts: kubernetes_endpoints(_v1) keeps subsets, addresses and ports as
  // TypeSets of blocks (schema_endpoints.go), so their order in state is not the API's.
  describe('Endpoints subsets and addresses as sets', () => {
    const address = (ip: string) => ({ ip, hostname: '', nodeName: '' });
    const endpoints = (...ips: string[][]) => ({
      subsets: ips.map((list) => ({ addresses: list.map(address), notReadyAddresses: [], ports: [] })),
    });
    const live = (...ips: string[][]) => ({
      subsets: ips.map((list) => ({ addresses: list.map((ip) => ({ ip })) })),
    });

    it('finds no drift when subsets and addresses differ only in order', () => {
      expect(
        diff({
          kind: 'endpoints',
          declared: endpoints(['10.0.0.1', '10.0.0.2'], ['10.0.1.1']),
          live: live(['10.0.1.1'], ['10.0.0.2', '10.0.0.1']),
        }),
      ).toEqual([]);
    });

    it('reports one edited address at its live index', () => {
      expect(
        diff({
          kind: 'endpoints',
          declared: endpoints(['10.0.0.1', '10.0.0.2']),
          live: live(['10.0.0.2', '10.0.0.9']),
        }),
      ).toEqual([{ path: 'subsets[0].addresses[1].ip', iac: '10.0.0.1', live: '10.0.0.9' }]);
    });

    it('reports an added address as an addition and a missing one as a removal', () => {
      expect(
        diff({ kind: 'endpoints', declared: endpoints(['10.0.0.1']), live: live(['10.0.0.7', '10.0.0.1']) }),
      ).toEqual([{ path: 'subsets[0].addresses[0]', iac: null, live: { ip: '10.0.0.7' } }]);
      expect(
        diff({ kind: 'endpoints', declared: endpoints(['10.0.0.1', '10.0.0.2']), live: live(['10.0.0.2']) }),
      ).toEqual([{ path: 'subsets[0].addresses[1]', iac: { ip: '10.0.0.1' }, live: null }]);
    });

    it("keeps comparing other kinds' unnamed lists by index", () => {
      expect(
        diff({
          kind: 'deployment',
          declared: podSpec({ tolerations: [{ key: 'a' }, { key: 'b' }] }),
          live: podSpec({ tolerations: [{ key: 'b' }, { key: 'a' }] }),
        }),
      ).toHaveLength(2);
    });
  });

  describe('admission tolerations', () => {
    const injected = [
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

    it('finds no drift when a Pod carries the tolerations admission adds', () => {
      expect(
        diff({
          kind: 'pod',
          declared: { spec: { tolerations: [] } },
          live: { spec: { tolerations: injected } },
        }),
      ).toEqual([]);
    });

    it('reports a hand-added toleration on a Pod', () => {
      const added = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
      expect(
        diff({
          kind: 'pod',
          declared: { spec: { tolerations: [] } },
          live: { spec: { tolerations: [...injected, added] } },
        }),
      ).toEqual([{ path: 'spec.tolerations[0]', iac: null, live: added }]);
    });
  });

  // Argo CD's util/argo/testdata: the external-secrets chart declares `caBundle: Cg==` (a line feed) and
  // its controller injects the CA.
  describe('CA bundle placeholders', () => {
    const webhook = (caBundle: string | undefined): JsonObject => ({
      webhooks: [
        {
          name: 'validate.example.io',
          clientConfig:
            caBundle === undefined ? { service: { name: 'w' } } : { caBundle, service: { name: 'w' } },
        },
      ],
    });
    const CA = btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

    it.each([
      ['a line feed', 'Cg=='],
      ['blanks', btoa(' \r\n\t')],
    ])('takes a caBundle of %s as unset, in sync with an injected CA', (_, placeholder) => {
      const kind = 'validatingwebhookconfiguration';
      expect(diff({ kind, declared: webhook(placeholder), live: webhook(CA) })).toEqual([]);
      expect(diff({ kind, declared: webhook(placeholder), live: webhook(undefined) })).toEqual([]);
    });

    it('still reports a declared CA that differs from the live one', () => {
      const kind = 'validatingwebhookconfiguration';
      expect(diff({ kind, declared: webhook(btoa('another CA')), live: webhook(CA) })).toEqual([
        { path: 'webhooks[validate.example.io].clientConfig.caBundle', iac: btoa('another CA'), live: CA },
      ]);
    });
  });

  describe('values the server fills', () => {
    const service = (spec: JsonObject): JsonObject => ({ spec });
    const declaredService = service({
      type: 'ClusterIP',
      externalTrafficPolicy: '',
      healthCheckNodePort: 0,
      ports: [{ name: 'http', port: 80, nodePort: 0 }],
    });

    it('reports only the type when a Service was switched to NodePort', () => {
      const live = service({
        type: 'NodePort',
        externalTrafficPolicy: 'Cluster',
        ports: [{ name: 'http', port: 80, nodePort: 31847 }],
      });
      expect(diff({ kind: 'service', declared: declaredService, live })).toEqual([
        { path: 'spec.type', iac: 'ClusterIP', live: 'NodePort' },
      ]);
    });

    it('still reports a non-default traffic policy', () => {
      const live = service({
        type: 'ClusterIP',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'http', port: 80 }],
      });
      expect(diff({ kind: 'service', declared: declaredService, live })).toEqual([
        { path: 'spec.externalTrafficPolicy', iac: '', live: 'Local' },
      ]);
    });

    const container = (ports: JsonObject[]) => ({ name: 'api', ports });

    it('does not report the hostPort that hostNetwork forces', () => {
      const declared = podSpec({
        hostNetwork: false,
        containers: [container([{ name: 'https', containerPort: 8443, hostPort: 0 }])],
      });
      const live = podSpec({
        hostNetwork: true,
        containers: [container([{ name: 'https', containerPort: 8443, hostPort: 8443 }])],
      });
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.template.spec.hostNetwork', iac: false, live: true },
      ]);
    });

    it('reports a hostPort set by hand without hostNetwork', () => {
      const declared = podSpec({
        hostNetwork: false,
        containers: [container([{ name: 'https', containerPort: 8443, hostPort: 0 }])],
      });
      const live = podSpec({
        containers: [container([{ name: 'https', containerPort: 8443, hostPort: 8443 }])],
      });
      expect(diff({ declared, live })).toEqual([
        { path: 'spec.template.spec.containers[api].ports[https].hostPort', iac: 0, live: 8443 },
      ]);
    });
  });

  it('shows a removed item in API shape, without typed state zero fill', () => {
    const declared = podSpec({
      containers: [
        {
          name: 'api',
          env: [
            { name: 'KEEP', value: 'x', valueFrom: [] },
            { name: 'LEGACY', value: '1', valueFrom: [] },
          ],
        },
      ],
    });
    const live = podSpec({ containers: [{ name: 'api', env: [{ name: 'KEEP', value: 'x' }] }] });
    expect(diff({ declared, live })).toEqual([
      {
        path: 'spec.template.spec.containers[api].env[LEGACY]',
        iac: { name: 'LEGACY', value: '1' },
        live: null,
      },
    ]);
  });

  it('does not report a driftwise.io annotation added live', () => {
    const declared = { metadata: { annotations: {} } };
    const live = { metadata: { annotations: { 'driftwise.io/ignore': 'spec.replicas' } } };
    expect(diff({ declared, live })).toEqual([]);
  });
});
