import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { DriftChange, IacResource, LiveResource } from '../../src/model.ts';
import { iacOf, liveOf } from './builders.ts';

const CREATED = '2025-03-01T10:00:00Z';
const APPLIED = '2025-03-01T10:00:00Z';
const LATER = '2025-06-03T02:25:37Z';

function entry(manager: string, time: string, fieldsV1: JsonObject, operation = 'Update'): JsonObject {
  return { manager, operation, apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1 };
}

/** A Service a kubernetes_manifest declares without `spec.type`, then `kubectl patch`ed to NodePort. */
function patchedService(): { iac: IacResource; live: LiveResource } {
  const declared: JsonObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'catalog', namespace: 'shop' },
    spec: { selector: { app: 'catalog' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
  const iac = {
    ...iacOf({ kind: 'service', name: 'catalog', declared }),
    terraform_type: 'kubernetes_manifest',
  };
  const live = liveOf({
    kind: 'service',
    name: 'catalog',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'catalog',
        namespace: 'shop',
        creationTimestamp: CREATED,
        managedFields: [
          entry(
            'Terraform',
            APPLIED,
            {
              'f:spec': {
                'f:ports': {
                  'k:{"port":80,"protocol":"TCP"}': {
                    '.': {},
                    'f:name': {},
                    'f:port': {},
                    'f:targetPort': {},
                  },
                },
                'f:selector': {},
              },
            },
            'Apply',
          ),
          entry('kubectl-patch', LATER, {
            'f:spec': {
              'f:externalTrafficPolicy': {},
              'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { 'f:nodePort': {} } },
              'f:type': {},
            },
          }),
        ],
      },
      spec: {
        type: 'NodePort',
        selector: { app: 'catalog' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31234 }],
        clusterIP: '10.0.0.12',
        externalTrafficPolicy: 'Cluster',
        sessionAffinity: 'None',
      },
    },
  });
  return { iac, live };
}

function changesOf(
  live: LiveResource,
  iac: IacResource,
  options: { personTools?: string[] } = {},
): DriftChange[] {
  return matchDrift({ live: [live], iac: [iac], namespace: 'shop', ...options }).items.flatMap(
    (item) => item.changes,
  );
}

/** A ConfigMap typed state declares with one key; `extra` is merged into the live object's metadata. */
function configMap(managedFields: JsonObject[], liveExtra: JsonObject = {}, metadataExtra: JsonObject = {}) {
  const iac = iacOf({
    kind: 'configmap',
    name: 'settings',
    declared: { metadata: { name: 'settings' }, data: { A: '1' } },
  });
  const live = liveOf({
    kind: 'configmap',
    name: 'settings',
    object: {
      metadata: {
        name: 'settings',
        namespace: 'shop',
        creationTimestamp: CREATED,
        managedFields,
        ...metadataExtra,
      },
      data: { A: '1' },
      ...liveExtra,
    },
  });
  return { iac, live };
}

describe('matchDrift: undeclared fields', () => {
  it('reports a kubectl patch to NodePort of a manifest that does not declare spec.type', () => {
    const { iac, live } = patchedService();
    expect(changesOf(live, iac)).toEqual([
      {
        path: 'spec.type',
        iac: null,
        live: 'NodePort',
        severity: 'high',
        changed_by: { manager: 'kubectl-patch', operation: 'Update', subresource: null, time: LATER },
        undeclared: true,
      },
    ]);
  });

  it('does not report the values the server defaulted or allocated with the patch', () => {
    const { iac, live } = patchedService();
    const paths = changesOf(live, iac).map((change) => change.path);
    expect(paths).not.toContain('spec.externalTrafficPolicy');
    expect(paths).not.toContain('spec.ports[http].nodePort');
  });

  it('does not report a CA bundle a controller injected', () => {
    const webhook = {
      metadata: {
        name: 'hooks',
        creationTimestamp: CREATED,
        managedFields: [
          entry('HashiCorp', APPLIED, {
            'f:webhooks': { 'k:{"name":"v.example.com"}': { '.': {}, 'f:name': {} } },
          }),
          entry('cert-manager-cainjector', LATER, {
            'f:webhooks': { 'k:{"name":"v.example.com"}': { 'f:clientConfig': { 'f:caBundle': {} } } },
          }),
        ],
      },
      webhooks: [{ name: 'v.example.com', clientConfig: { caBundle: 'LS0tLS1CRUdJTi...' } }],
    };
    const iac = iacOf({
      kind: 'validatingwebhookconfiguration',
      name: 'hooks',
      namespace: null,
      declared: { metadata: { name: 'hooks' }, webhooks: [{ name: 'v.example.com', clientConfig: {} }] },
    });
    const live = liveOf({
      kind: 'validatingwebhookconfiguration',
      name: 'hooks',
      namespace: null,
      object: webhook,
    });
    expect(matchDrift({ live: [live], iac: [iac], namespace: '*' }).items).toEqual([]);
  });

  it('does not report fields of an object created with kubectl apply, then imported', () => {
    const { iac, live } = configMap(
      [entry('kubectl-client-side-apply', CREATED, { 'f:data': { '.': {}, 'f:A': {} }, 'f:immutable': {} })],
      { immutable: true },
    );
    expect(changesOf(live, iac)).toEqual([]);
  });

  it('reports a field of the imported object once someone edits it', () => {
    const { iac, live } = configMap(
      [
        entry('kubectl-client-side-apply', CREATED, { 'f:data': { '.': {}, 'f:A': {} } }),
        entry('kubectl-edit', LATER, { 'f:immutable': {} }),
      ],
      { immutable: true },
    );
    expect(changesOf(live, iac).map(({ path, undeclared }) => [path, undeclared])).toEqual([
      ['immutable', true],
    ]);
  });

  it('does not report what a person wrote before Terraform last wrote the object', () => {
    const { iac, live } = configMap(
      [
        entry('kubectl-edit', '2025-04-01T00:00:00Z', { 'f:spec': { 'f:x': {} } }),
        entry('HashiCorp', '2025-05-01T00:00:00Z', { 'f:data': { 'f:A': {} } }),
      ],
      { spec: { x: 'hand' } },
    );
    expect(changesOf(live, iac)).toEqual([]);
  });

  it('does not report a field a controller wrote after Terraform', () => {
    const { iac, live } = configMap([entry('some-operator', LATER, { 'f:spec': { 'f:x': {} } })], {
      spec: { x: 'auto' },
    });
    expect(changesOf(live, iac)).toEqual([]);
  });

  it('does not report a field a controller took over from a person', () => {
    const { iac, live } = configMap(
      [
        entry('kubectl-edit', '2025-06-01T00:00:00Z', { 'f:spec': { 'f:x': {} } }),
        entry('some-operator', '2025-06-02T00:00:00Z', { 'f:spec': { 'f:x': {} } }),
      ],
      { spec: { x: 'auto' } },
    );
    expect(changesOf(live, iac)).toEqual([]);
  });

  it('does not report Kubernetes-internal annotations, also under spec.template.metadata', () => {
    const iac = iacOf({
      kind: 'deployment',
      name: 'api',
      declared: { metadata: { name: 'api' }, spec: { replicas: 2 } },
    });
    const live = liveOf({
      kind: 'deployment',
      name: 'api',
      object: {
        metadata: {
          name: 'api',
          creationTimestamp: CREATED,
          managedFields: [
            entry('kubectl-rollout', LATER, {
              'f:spec': {
                'f:template': {
                  'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/restartedAt': {} } },
                },
              },
            }),
          ],
        },
        spec: {
          replicas: 2,
          template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': LATER } } },
        },
      },
    });
    expect(changesOf(live, iac)).toEqual([]);
  });

  it('does not report a field the IaC side declares a second time', () => {
    const { iac, live } = configMap([entry('kubectl-edit', LATER, { 'f:data': { 'f:A': {} } })]);
    (live.object.data as JsonObject).A = '2';
    expect(changesOf(live, iac).map(({ path, undeclared }) => [path, undeclared ?? false])).toEqual([
      ['data.A', false],
    ]);
  });

  it('reports a list item a person added as the whole item', () => {
    const { iac, live } = configMap(
      [
        entry('kubectl-edit', LATER, {
          'f:spec': { 'f:rules': { 'k:{"host":"a.example.com"}': { '.': {}, 'f:host': {}, 'f:port': {} } } },
        }),
      ],
      { spec: { rules: [{ host: 'a.example.com', port: 443 }] } },
    );
    expect(changesOf(live, iac).map(({ path, live: value }) => [path, value])).toEqual([
      ['spec.rules[0]', { host: 'a.example.com', port: 443 }],
    ]);
  });

  it('follows the org list of person tools', () => {
    const { iac, live } = configMap([entry('rancher', LATER, { 'f:spec': { 'f:x': {} } })], {
      spec: { x: 'hand' },
    });
    expect(changesOf(live, iac)).toEqual([]);
    expect(changesOf(live, iac, { personTools: ['rancher'] }).map((change) => change.path)).toEqual([
      'spec.x',
    ]);
  });

  it("never takes the IaC side's own writes for a person's, even under a kubectl name", () => {
    const { iac, live } = configMap([entry('kubectl', LATER, { 'f:spec': { 'f:x': {} } }, 'Apply')], {
      spec: { x: 'v' },
    });
    const kubectlManifest = { ...iac, terraform_type: 'kubectl_manifest' };
    expect(changesOf(live, kubectlManifest)).toEqual([]);
    expect(changesOf(live, iac).map((change) => change.path)).toEqual(['spec.x']);
  });

  it('uses the field_manager a kubernetes_manifest names', () => {
    const { iac, live } = configMap(
      [
        entry('kubectl-edit', '2025-06-01T00:00:00Z', { 'f:spec': { 'f:x': {} } }),
        entry('platform-team', '2025-06-02T00:00:00Z', { 'f:data': { 'f:A': {} } }, 'Apply'),
      ],
      { spec: { x: 'hand' } },
    );
    const manifest = { ...iac, terraform_type: 'kubernetes_manifest' };
    expect(changesOf(live, { ...manifest, field_manager: 'platform-team' })).toEqual([]);
    expect(changesOf(live, manifest).map((change) => change.path)).toEqual(['spec.x']);
  });

  it('bounds the rule by creationTimestamp alone when the IaC manager has no entry', () => {
    const { iac, live } = configMap([entry('kubectl-edit', LATER, { 'f:spec': { 'f:x': {} } })], {
      spec: { x: 'hand' },
    });
    expect(changesOf(live, iac).map((change) => change.path)).toEqual(['spec.x']);
  });
});
