import { describe, expect, it } from 'vitest';
import { toLiveResources } from '../../src/live/to-live-resources.ts';
import { operatorReportRequestSchema } from '../../src/schema/operator-report.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readExample } from '../support/examples.ts';

const hasher = secretHasher('test-key', 'k1test');

function resource(kind: string, name: string, properties: Record<string, unknown>) {
  return {
    id: `uid-${name}`,
    normalized_type: `k8s/${kind}`,
    provider_type: kind,
    provider: 'kubernetes',
    name,
    properties,
  };
}

function live(namespace: string, resources: unknown[]) {
  const report = operatorReportRequestSchema.parse({ cluster_id: 'c1', namespace, resources });
  return toLiveResources(report, { secretHasher: hasher });
}

describe('toLiveResources', () => {
  it('takes the namespace from metadata.namespace when the object has one', () => {
    const [cm] = live('payments', [resource('configmap', 'a', { metadata: { namespace: 'other' } })]);
    expect(cm).toMatchObject({ id: 'k8s/configmap/other/a', namespace: 'other' });
  });

  it('falls back to the report namespace when the object has none', () => {
    const [cm] = live('payments', [resource('configmap', 'a', { metadata: {} })]);
    expect(cm).toMatchObject({ id: 'k8s/configmap/payments/a', namespace: 'payments' });
  });

  it('gives cluster-scoped kinds no namespace, even in a namespace report', () => {
    const [role] = live('payments', [resource('clusterrole', 'view', { metadata: {} })]);
    expect(role).toMatchObject({ id: 'k8s/clusterrole/view', namespace: null, kind: 'clusterrole' });
  });

  it('marks objects with a controller owner reference as controlled', () => {
    const owned = resource('replicaset', 'api-7d9', {
      metadata: { ownerReferences: [{ kind: 'Deployment', name: 'api', controller: true }] },
    });
    const ownedNotController = resource('configmap', 'x', {
      metadata: { ownerReferences: [{ kind: 'Deployment', name: 'api', controller: false }] },
    });
    expect(live('ns', [owned, ownedNotController]).map((r) => r.controlled)).toEqual([true, false]);
  });

  it.each([
    ['configmap', 'kube-root-ca.crt', {}],
    ['serviceaccount', 'default', {}],
    [
      'endpoints',
      'api',
      { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' } },
    ],
    ['service', 'kubernetes', { namespace: 'default' }],
    ['namespace', 'kube-system', {}],
  ])('marks the %s %s the control plane creates as controlled', (kind, name, metadata) => {
    expect(live('default', [resource(kind, name, { metadata })])[0]?.controlled).toBe(true);
  });

  it.each([
    ['configmap', 'settings', {}],
    ['serviceaccount', 'api', {}],
    ['endpoints', 'external-db', {}],
    ['service', 'kubernetes', { namespace: 'payments' }],
    ['namespace', 'payments', {}],
  ])('leaves the %s %s that someone created uncontrolled', (kind, name, metadata) => {
    expect(live('default', [resource(kind, name, { metadata })])[0]?.controlled).toBe(false);
  });

  it('keeps the UID and the object', () => {
    const [cm] = live('ns', [resource('configmap', 'a', { metadata: { uid: 'u-1' }, data: { k: 'v' } })]);
    expect(cm?.uid).toBe('u-1');
    expect(cm?.object.data).toEqual({ k: 'v' });
  });

  it('replaces Secret values by keyed hashes of the decoded bytes and drops last-applied-configuration', () => {
    const secret = resource('secret', 's', {
      kind: 'Secret',
      metadata: {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"p":"aHVudGVyMg=="}}' },
      },
      data: { password: 'aHVudGVyMg==' },
    });
    const [s] = live('ns', [secret]);
    const serialized = JSON.stringify(s);
    expect(serialized).not.toContain('aHVudGVyMg');
    expect(serialized).not.toContain('hunter2');
    expect(s?.object.data).toEqual({ password: hasher(new TextEncoder().encode('hunter2')) });
  });

  it('reads every resource of the example reports', () => {
    const report = operatorReportRequestSchema.parse(readExample('missing-extra-manifest', 'report.json'));
    const resources = toLiveResources(report, { secretHasher: hasher });
    expect(resources).toHaveLength(7);
    expect(
      resources
        .filter((r) => r.controlled)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['pod', 'pod', 'replicaset', 'replicaset']);
  });
});

describe('toLiveResources on HorizontalPodAutoscalers', () => {
  it('reads an autoscaling/v1 object in autoscaling/v2 shape', () => {
    const hpa = {
      id: 'uid-hpa',
      normalized_type: 'k8s/horizontalpodautoscaler',
      provider_type: 'horizontalpodautoscaler',
      provider: 'kubernetes',
      name: 'web',
      properties: {
        apiVersion: 'autoscaling/v1',
        spec: { maxReplicas: 5, targetCPUUtilizationPercentage: 60 },
      },
    };
    const report = operatorReportRequestSchema.parse({ cluster_id: 'c', namespace: 'n', resources: [hpa] });
    const [live] = toLiveResources(report, { secretHasher: secretHasher('k', 'k1test') });
    expect(live?.object.spec).toEqual({
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
        },
      ],
    });
  });
});
