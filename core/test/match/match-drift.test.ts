import { describe, expect, it } from 'vitest';
import { parseIgnoreRules } from '../../src/ignore/parse-ignore-rules.ts';
import type { JsonObject } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { DriftItem, IacResource, LiveResource } from '../../src/model.ts';
import { REDACTED, secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';
import {
  appliedLive,
  clone,
  declaredConfigMap,
  declaredDeployment,
  declaredService,
  iacOf,
  liveOf,
} from './builders.ts';

function iacConfigMap(name: string, data: JsonObject, namespace: string | null = 'shop'): IacResource {
  return iacOf({ kind: 'configmap', name, namespace, declared: { metadata: { name }, data } });
}

function liveConfigMap(name: string, data: JsonObject, namespace: string | null = 'shop'): LiveResource {
  return liveOf({ kind: 'configmap', name, namespace, object: { metadata: { name }, data } });
}

function deploymentPair(edit: (live: JsonObject) => void = () => {}) {
  const declared = declaredDeployment();
  const object = appliedLive('deployment', declared);
  edit(object);
  return {
    iac: iacOf({ kind: 'deployment', name: 'api', declared }),
    live: liveOf({ kind: 'deployment', name: 'api', object }),
  };
}

function podSpecOf(object: JsonObject): JsonObject {
  return ((object.spec as JsonObject).template as JsonObject).spec as JsonObject;
}

describe('matchDrift', () => {
  describe('item shape', () => {
    it('reports a missing resource with its origin and no changes', () => {
      const iac = iacConfigMap('settings', { a: '1' });
      expect(matchDrift({ live: [], iac: [iac], namespace: 'shop' }).items).toEqual([
        {
          status: 'missing',
          resource_id: 'k8s/configmap/shop/settings',
          normalized_type: 'k8s/configmap',
          namespace: 'shop',
          name: 'settings',
          severity: 'medium',
          iac: { state_source: 'main', address: 'kubernetes_configmap_v1.settings' },
          changes: [],
          ignored: false,
          accepted: false,
        },
      ]);
    });

    it('reports an extra resource with iac null and no changes', () => {
      const live = liveConfigMap('debug', { a: '1' });
      expect(matchDrift({ live: [live], iac: [], namespace: 'shop' }).items).toEqual([
        {
          status: 'extra',
          resource_id: 'k8s/configmap/shop/debug',
          normalized_type: 'k8s/configmap',
          namespace: 'shop',
          name: 'debug',
          severity: 'medium',
          iac: null,
          changes: [],
          ignored: false,
          accepted: false,
        },
      ]);
    });

    it('reports a changed resource with its changes', () => {
      const result = matchDrift({
        live: [liveConfigMap('rules', { MAX: '40' })],
        iac: [iacConfigMap('rules', { MAX: '24' })],
        namespace: 'shop',
      });
      expect(result.items).toEqual([
        {
          status: 'changed',
          resource_id: 'k8s/configmap/shop/rules',
          normalized_type: 'k8s/configmap',
          namespace: 'shop',
          name: 'rules',
          severity: 'medium',
          iac: { state_source: 'main', address: 'kubernetes_configmap_v1.rules' },
          changes: [{ path: 'data.MAX', iac: '24', live: '40', severity: 'medium', changed_by: null }],
          ignored: false,
          accepted: false,
        },
      ]);
    });

    it('reports nothing for a resource in sync', () => {
      const result = matchDrift({
        live: [liveConfigMap('rules', { MAX: '24' })],
        iac: [iacConfigMap('rules', { MAX: '24' })],
        namespace: 'shop',
      });
      expect(result.items).toEqual([]);
    });
  });

  describe('order', () => {
    it('orders items by status, then resource_id in plain string order', () => {
      const result = matchDrift({
        live: [
          liveConfigMap('b', { x: '2' }),
          liveConfigMap('Z', {}),
          liveConfigMap('a', {}),
          liveConfigMap('A', { x: '2' }),
        ],
        iac: [iacConfigMap('b', { x: '1' }), iacConfigMap('m', {}), iacConfigMap('A', { x: '1' })],
        namespace: 'shop',
      });
      expect(result.items.map((item) => `${item.status} ${item.resource_id}`)).toEqual([
        'missing k8s/configmap/shop/m',
        'extra k8s/configmap/shop/Z',
        'extra k8s/configmap/shop/a',
        'changed k8s/configmap/shop/A',
        'changed k8s/configmap/shop/b',
      ]);
    });

    it('orders an item paired by UID by its live resource_id', () => {
      const renamed = liveOf({ kind: 'configmap', name: 'z', uid: 'u-1', object: { data: { x: '2' } } });
      const result = matchDrift({
        live: [renamed, liveConfigMap('b', { x: '2' })],
        iac: [
          iacOf({ kind: 'configmap', name: 'a', uid: 'u-1', declared: { data: { x: '1' } } }),
          iacConfigMap('b', { x: '1' }),
        ],
        namespace: 'shop',
      });
      expect(result.items.map((item) => item.resource_id)).toEqual([
        'k8s/configmap/shop/b',
        'k8s/configmap/shop/z',
      ]);
    });

    it('orders changes by path in plain string order', () => {
      const result = matchDrift({
        live: [liveConfigMap('c', { b: '2', a: '2', B: '2' })],
        iac: [iacConfigMap('c', { b: '1', a: '1', B: '1' })],
        namespace: 'shop',
      });
      expect(result.items[0]?.changes.map((change) => change.path)).toEqual(['data.B', 'data.a', 'data.b']);
    });
  });

  describe('scope', () => {
    it('never reports IaC resources of other namespaces or cluster-scoped ones as missing in a namespace report', () => {
      const iac = [
        iacConfigMap('other', {}, 'billing'),
        iacOf({ kind: 'clusterrole', name: 'reader', namespace: null, declared: {} }),
      ];
      expect(matchDrift({ live: [], iac, namespace: 'shop' })).toEqual({
        summary: { live: 0, iac: 0, in_sync: 0, missing: 0, extra: 0, changed: 0, accepted: 0, coverage: 1 },
        warnings: [expect.objectContaining({ code: 'empty_scope' })],
        items: [],
      });
    });

    it('ignores live resources outside the report namespace', () => {
      const live = [
        liveConfigMap('other', {}, 'billing'),
        liveOf({ kind: 'namespace', name: 'shop', namespace: null, object: {} }),
      ];
      expect(matchDrift({ live, iac: [], namespace: 'shop' }).summary.live).toBe(0);
    });

    it('takes every namespace and cluster-scoped resources in a whole-cluster report', () => {
      const iac = [
        iacConfigMap('a', {}, 'billing'),
        iacOf({ kind: 'clusterrole', name: 'r', namespace: null, declared: {} }),
      ];
      const result = matchDrift({ live: [], iac, namespace: '*' });
      expect(result.items.map((item) => item.resource_id)).toEqual([
        'k8s/clusterrole/r',
        'k8s/configmap/billing/a',
      ]);
    });
  });

  describe('controlled objects', () => {
    it('never reports a controller-owned live object as extra', () => {
      const pod = liveOf({ kind: 'pod', name: 'api-6d4f-x', controlled: true, object: {} });
      expect(matchDrift({ live: [pod], iac: [], namespace: 'shop' }).items).toEqual([]);
    });

    it('compares a controller-owned object that IaC declares', () => {
      const live = liveOf({ kind: 'configmap', name: 'c', controlled: true, object: { data: { a: '2' } } });
      const result = matchDrift({ live: [live], iac: [iacConfigMap('c', { a: '1' })], namespace: 'shop' });
      expect(result.items.map((item) => item.status)).toEqual(['changed']);
    });
  });

  describe('summary', () => {
    it('counts live, iac, in sync, missing, extra, changed and coverage', () => {
      const result = matchDrift({
        live: [
          liveConfigMap('same', {}),
          liveConfigMap('edited', { a: '2' }),
          liveConfigMap('hand-made', {}),
          liveOf({ kind: 'pod', name: 'p', controlled: true, object: {} }),
        ],
        iac: [iacConfigMap('same', {}), iacConfigMap('edited', { a: '1' }), iacConfigMap('deleted', {})],
        namespace: 'shop',
      });
      expect(result.summary).toEqual({
        live: 3,
        iac: 3,
        in_sync: 1,
        missing: 1,
        extra: 1,
        changed: 1,
        accepted: 0,
        coverage: 0.67,
      });
    });

    it('gives coverage 1 when there is no live resource', () => {
      expect(matchDrift({ live: [], iac: [iacConfigMap('a', {})], namespace: 'shop' }).summary.coverage).toBe(
        1,
      );
    });

    it('leaves ignored items out of the counts', () => {
      const result = matchDrift({
        live: [liveConfigMap('edited', { a: '2' }), liveConfigMap('hand-made', {})],
        iac: [iacConfigMap('edited', { a: '1' }), iacConfigMap('deleted', {})],
        namespace: 'shop',
        ignoreRules: parseIgnoreRules('k8s/configmap/shop/*'),
      });
      expect(result.summary).toEqual({
        live: 2,
        iac: 2,
        in_sync: 2,
        missing: 0,
        extra: 0,
        changed: 0,
        accepted: 0,
        coverage: 1,
      });
    });
  });

  describe('HPA', () => {
    const hpa = liveOf({
      kind: 'horizontalpodautoscaler',
      name: 'api',
      object: { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } },
    });

    it('reports a differing spec.replicas when no HPA scales the workload', () => {
      const { iac, live } = deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
      });
      expect(matchDrift({ live: [live], iac: [iac], namespace: 'shop' }).items[0]?.changes).toEqual([
        { path: 'spec.replicas', iac: 2, live: 4, severity: 'low', changed_by: null },
      ]);
    });

    it('finds no drift in spec.replicas of a workload an HPA in its namespace scales', () => {
      const { iac, live } = deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
      });
      const hpaIac = iacOf({ kind: 'horizontalpodautoscaler', name: 'api', declared: {} });
      expect(matchDrift({ live: [live, hpa], iac: [iac, hpaIac], namespace: 'shop' }).items).toEqual([]);
    });

    it('still reports spec.replicas when the HPA is in another namespace', () => {
      const { iac, live } = deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
      });
      const elsewhere = { ...hpa, namespace: 'billing', id: 'k8s/horizontalpodautoscaler/billing/api' };
      const result = matchDrift({ live: [live, elsewhere], iac: [iac], namespace: '*' });
      expect(result.items.find((item) => item.status === 'changed')?.changes.map((c) => c.path)).toEqual([
        'spec.replicas',
      ]);
    });
  });

  describe('Secrets', () => {
    const hash = secretHasher('test-key', 'k1test');
    const secret = (data: Record<string, string>) => ({
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, hash(textBytes(v))])),
    });

    it('shows a changed Secret value as redacted on both sides', () => {
      const result = matchDrift({
        live: [liveOf({ kind: 'secret', name: 'db', object: secret({ password: 'new' }) })],
        iac: [iacOf({ kind: 'secret', name: 'db', declared: secret({ password: 'old' }) })],
        namespace: 'shop',
      });
      expect(result.items[0]?.changes).toEqual([
        { path: 'data.password', iac: REDACTED, live: REDACTED, severity: 'medium', changed_by: null },
      ]);
    });

    it('finds no drift between equal Secret hashes', () => {
      const result = matchDrift({
        live: [liveOf({ kind: 'secret', name: 'db', object: secret({ password: 'same' }) })],
        iac: [iacOf({ kind: 'secret', name: 'db', declared: secret({ password: 'same' }) })],
        namespace: 'shop',
      });
      expect(result.items).toEqual([]);
    });

    it('never outputs a hash for a hand-added Secret key', () => {
      const result = matchDrift({
        live: [liveOf({ kind: 'secret', name: 'db', object: secret({ password: 'a', token: 'b' }) })],
        iac: [iacOf({ kind: 'secret', name: 'db', declared: secret({ password: 'a' }) })],
        namespace: 'shop',
      });
      expect(result.items[0]?.changes).toEqual([
        { path: 'data.token', iac: null, live: REDACTED, severity: 'medium', changed_by: null },
      ]);
    });
  });

  describe('ignore rules', () => {
    const scaledAndRetagged = () =>
      deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
        ((podSpecOf(object).containers as JsonObject[])[0] as JsonObject).image =
          'images.example.org/shop/api:9';
      });

    it('marks a field hidden by a path rule and keeps it out of the item severity', () => {
      const { iac, live } = deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
        podSpecOf(object).hostNetwork = true;
      });
      const rules = parseIgnoreRules('k8s/deployment/*/api:spec.template.spec.hostNetwork');
      const [item] = matchDrift({ live: [live], iac: [iac], namespace: 'shop', ignoreRules: rules }).items;
      expect(item).toMatchObject({
        severity: 'low',
        ignored: false,
        changes: [
          { path: 'spec.replicas', severity: 'low' },
          {
            path: 'spec.template.spec.hostNetwork',
            severity: 'high',
            ignored: true,
            ignore_rule: 'k8s/deployment/*/api:spec.template.spec.hostNetwork',
          },
        ],
      });
      expect(item && 'ignore_rule' in item).toBe(false);
    });

    it('ignores an item whose changes are all hidden, with the first change rule', () => {
      const { iac, live } = scaledAndRetagged();
      const rules = parseIgnoreRules(
        'k8s/*/shop/api:spec.template.spec.containers[*].image\n**:spec.replicas',
      );
      const [item] = matchDrift({ live: [live], iac: [iac], namespace: 'shop', ignoreRules: rules }).items;
      expect({ ignored: item?.ignored, ignore_rule: item?.ignore_rule }).toEqual({
        ignored: true,
        ignore_rule: '**:spec.replicas',
      });
    });

    it('hides a whole missing resource and keeps it in the result', () => {
      const result = matchDrift({
        live: [],
        iac: [iacConfigMap('gone', {})],
        namespace: 'shop',
        ignoreRules: parseIgnoreRules('k8s/configmap/*/gone'),
      });
      expect(result.items.map(({ ignored, ignore_rule }) => ({ ignored, ignore_rule }))).toEqual([
        { ignored: true, ignore_rule: 'k8s/configmap/*/gone' },
      ]);
    });

    it('does not hide a whole extra resource with a path rule', () => {
      const result = matchDrift({
        live: [liveConfigMap('debug', {})],
        iac: [],
        namespace: 'shop',
        ignoreRules: parseIgnoreRules('k8s/configmap/shop/debug:data'),
      });
      expect(result.items[0]?.ignored).toBe(false);
    });

    it('un-ignores with a later negated rule', () => {
      const { iac, live } = scaledAndRetagged();
      const rules = parseIgnoreRules('k8s/deployment/**\n!k8s/deployment/shop/api:spec.replicas');
      const [item] = matchDrift({ live: [live], iac: [iac], namespace: 'shop', ignoreRules: rules }).items;
      expect(item?.changes.map((change) => [change.path, change.ignored ?? false])).toEqual([
        ['spec.replicas', false],
        ['spec.template.spec.containers[api].image', true],
      ]);
    });
  });

  describe('the driftwise.io/ignore annotation', () => {
    const annotate = (value: string) =>
      deploymentPair((object) => {
        (object.spec as JsonObject).replicas = 4;
        ((object.metadata as JsonObject).annotations as JsonObject)['driftwise.io/ignore'] = value;
      });
    const iacWithAnnotations = (iac: IacResource, value: string): IacResource => {
      const declared = clone(iac.declared);
      ((declared.metadata as JsonObject).annotations as JsonObject)['driftwise.io/ignore'] = value;
      return { ...iac, declared, recorded: declared };
    };

    it('hides the paths it lists', () => {
      const { iac, live } = annotate('spec.replicas,metadata.labels');
      const declared = iacWithAnnotations(iac, 'spec.replicas,metadata.labels');
      const [item] = matchDrift({ live: [live], iac: [declared], namespace: 'shop' }).items;
      expect({ ignored: item?.ignored, ignore_rule: item?.ignore_rule }).toEqual({
        ignored: true,
        ignore_rule: 'annotation driftwise.io/ignore: spec.replicas,metadata.labels',
      });
    });

    it('hides a whole extra object with "*"', () => {
      const live = liveOf({
        kind: 'configmap',
        name: 'scratch',
        object: { metadata: { annotations: { 'driftwise.io/ignore': '*' } } },
      });
      const [item] = matchDrift({ live: [live], iac: [], namespace: 'shop' }).items;
      expect({ ignored: item?.ignored, ignore_rule: item?.ignore_rule }).toEqual({
        ignored: true,
        ignore_rule: 'annotation driftwise.io/ignore: *',
      });
    });

    it('is overridden by a later .driftignore negation', () => {
      const { iac, live } = annotate('spec.replicas');
      const declared = iacWithAnnotations(iac, 'spec.replicas');
      const rules = parseIgnoreRules('!k8s/deployment/shop/api');
      const [item] = matchDrift({
        live: [live],
        iac: [declared],
        namespace: 'shop',
        ignoreRules: rules,
      }).items;
      expect(item?.ignored).toBe(false);
    });
  });

  describe('a realistic Deployment', () => {
    it('finds no drift when declared zeros are absent live', () => {
      const { iac, live } = deploymentPair();
      expect(podSpecOf(live.object).hostNetwork).toBeUndefined();
      expect(matchDrift({ live: [live], iac: [iac], namespace: 'shop' }).items).toEqual([]);
    });

    it('reports hostNetwork turned on live as one change of high severity or more', () => {
      const { iac, live } = deploymentPair((object) => {
        podSpecOf(object).hostNetwork = true;
      });
      const items = matchDrift({ live: [live], iac: [iac], namespace: 'shop' }).items;
      expect(
        items.map((item) => item.changes.map(({ path, iac: was, live: now }) => ({ path, was, now }))),
      ).toEqual([[{ path: 'spec.template.spec.hostNetwork', was: false, now: true }]]);
      expect(['high', 'critical']).toContain(items[0]?.severity);
    });

    it('reports the hand-added env var of the hand-edits example as an addition', () => {
      const { iac, live } = deploymentPair((object) => {
        const container = (podSpecOf(object).containers as JsonObject[])[0] as JsonObject;
        (container.env as JsonObject[]).push({ name: 'TRACE_SAMPLING', value: '0.25' });
      });
      expect(matchDrift({ live: [live], iac: [iac], namespace: 'shop' }).items[0]?.changes).toEqual([
        {
          path: 'spec.template.spec.containers[api].env[TRACE_SAMPLING]',
          iac: null,
          live: { name: 'TRACE_SAMPLING', value: '0.25' },
          severity: 'medium',
          changed_by: null,
        },
      ]);
    });

    it('finds no drift for a Service and a ConfigMap applied without edits', () => {
      const service = declaredService();
      const settings = declaredConfigMap();
      const result = matchDrift({
        live: [
          liveOf({ kind: 'service', name: 'api', object: appliedLive('service', service) }),
          liveOf({ kind: 'configmap', name: 'api-settings', object: appliedLive('configmap', settings) }),
        ],
        iac: [
          iacOf({ kind: 'service', name: 'api', declared: service }),
          iacOf({ kind: 'configmap', name: 'api-settings', declared: settings }),
        ],
        namespace: 'shop',
      });
      expect(result.items).toEqual([]);
    });

    it('compares allocateLoadBalancerNodePorts on a LoadBalancer Service', () => {
      const service = declaredService();
      (service.spec as JsonObject).type = 'LoadBalancer';
      const object = appliedLive('service', service);
      (object.spec as JsonObject).allocateLoadBalancerNodePorts = false;
      const result = matchDrift({
        live: [liveOf({ kind: 'service', name: 'api', object })],
        iac: [iacOf({ kind: 'service', name: 'api', declared: service })],
        namespace: 'shop',
      });
      expect(result.items[0]?.changes.map((change) => change.path)).toEqual([
        'spec.allocateLoadBalancerNodePorts',
      ]);
    });
  });

  describe('determinism', () => {
    it('gives an identical result for the same input in another order', () => {
      const live = [
        liveConfigMap('b', { x: '2', y: '2' }),
        liveConfigMap('extra', {}),
        liveOf({
          kind: 'deployment',
          name: 'api',
          uid: 'u1',
          object: appliedLive('deployment', declaredDeployment()),
        }),
      ];
      const iac = [
        iacConfigMap('b', { y: '1', x: '1' }),
        iacConfigMap('gone', {}),
        iacOf({ kind: 'deployment', name: 'api', uid: 'u1', declared: declaredDeployment() }),
      ];
      const rules = parseIgnoreRules('k8s/configmap/*/b:data.y');
      const forward = matchDrift({ live, iac, namespace: 'shop', ignoreRules: rules });
      const backward = matchDrift({
        live: [...live].reverse(),
        iac: [...iac].reverse(),
        namespace: 'shop',
        ignoreRules: rules,
      });
      expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
      expect(forward.items.map((item: DriftItem) => item.status)).toEqual(['missing', 'extra', 'changed']);
    });
  });
});
