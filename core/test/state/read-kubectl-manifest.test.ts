import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import { toLiveResources } from '../../src/live/to-live-resources.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { OperatorReportRequest } from '../../src/schema/operator-report.ts';
import { secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { readExample } from '../support/examples.ts';

const hash = secretHasher('kubectl-manifest-tests', 'k1test');

/** A state with one `kubectl_manifest` per body, as gavinbunney/kubectl 1.x writes it. */
function stateWith(
  instances: Record<string, unknown>[],
  provider = 'registry.terraform.io/gavinbunney/kubectl',
) {
  return {
    version: 4,
    terraform_version: '1.9.8',
    serial: 3,
    lineage: '5c5d0f3e-0000-4000-8000-000000000001',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'kubectl_manifest',
        name: 'objects',
        provider: `provider["${provider}"]`,
        instances: instances.map((attributes, index) => ({
          index_key: index,
          schema_version: 1,
          attributes: {
            api_version: 'v1',
            apply_only: false,
            force_conflicts: false,
            force_new: false,
            id: '/api/v1/namespaces/inventory/x',
            ignore_fields: null,
            live_manifest_incluster: 'c1f7…',
            override_namespace: null,
            sensitive_fields: null,
            server_side_apply: false,
            validate_schema: true,
            wait: null,
            wait_for_rollout: true,
            yaml_body_parsed: '(the body with sensitive fields obfuscated)',
            yaml_incluster: 'c1f7…',
            ...attributes,
          },
          sensitive_attributes: [[{ type: 'get_attr', value: 'yaml_body' }]],
        })),
      },
    ],
  };
}

const settings = `apiVersion: v1
kind: ConfigMap
metadata:
  name: stockkeeper-settings
  namespace: inventory
  labels:
    app: stockkeeper
data:
  RESERVATION_TTL: 15m
  stockkeeper.toml: |
    [server]
    listen = ":8088"

    [stock]
    low_watermark = 12
    reorder_batch = 48
`;

describe('readTerraformState on kubectl_manifest', () => {
  it('reads the object of yaml_body with its address, namespace and UID', () => {
    const read = readTerraformState(stateWith([{ yaml_body: settings, uid: 'u-1', live_uid: 'u-2' }]), {
      secretHasher: hash,
      stateSource: 'main',
    });
    expect(read.skipped).toEqual({});
    const [resource] = read.resources;
    expect(resource).toMatchObject({
      id: 'k8s/configmap/inventory/stockkeeper-settings',
      terraform_type: 'kubectl_manifest',
      uid: 'u-2',
      origin: { state_source: 'main', address: 'kubectl_manifest.objects[0]' },
    });
    expect(resource!.declared.data).toEqual({
      RESERVATION_TTL: '15m',
      'stockkeeper.toml': '[server]\nlisten = ":8088"\n\n[stock]\nlow_watermark = 12\nreorder_batch = 48\n',
    });
  });

  it('is in sync with the live object it declares', () => {
    const report = readExample('in-sync', 'report.json') as OperatorReportRequest;
    const live = toLiveResources(
      { ...report, resources: report.resources.filter((r) => r.name === 'stockkeeper-settings') },
      { secretHasher: hash },
    );
    const { resources: iac } = readTerraformState(stateWith([{ yaml_body: settings }]), {
      secretHasher: hash,
    });
    const result = matchDrift({ live, iac, namespace: 'inventory' });
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ live: 1, iac: 1, in_sync: 1 });
  });

  it('reads the alekc/kubectl fork the same way', () => {
    const read = readTerraformState(
      stateWith([{ yaml_body: settings }], 'registry.terraform.io/alekc/kubectl'),
      {
        secretHasher: hash,
      },
    );
    expect(read.resources.map((r) => r.id)).toEqual(['k8s/configmap/inventory/stockkeeper-settings']);
  });

  it('takes override_namespace over the body, and default when neither names one', () => {
    const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n';
    const bare = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    const read = readTerraformState(
      stateWith([{ yaml_body: body, override_namespace: 'y' }, { yaml_body: bare }]),
      { secretHasher: hash },
    );
    expect(read.resources.map((r) => r.id)).toEqual(['k8s/configmap/y/a', 'k8s/configmap/default/b']);
  });

  it('gives a cluster-scoped object no namespace', () => {
    const read = readTerraformState(
      stateWith([{ yaml_body: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: inventory\n' }]),
      { secretHasher: hash },
    );
    expect(read.resources.map((r) => [r.id, r.namespace])).toEqual([['k8s/namespace/inventory', null]]);
  });

  it('reads scalars as kubectl does (YAML 1.1 booleans and octals, timestamps as strings)', () => {
    const body =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: n\nx:\n  on: yes\n  mode: 0644\n  when: 2001-12-14\n';
    const [resource] = readTerraformState(stateWith([{ yaml_body: body }]), { secretHasher: hash }).resources;
    expect(resource!.declared.x).toEqual({ true: true, mode: 420, when: '2001-12-14' });
  });

  it.each(['Secret', 'secret', 'SECRET'])('hashes the values of a %s, never keeping them', (kind) => {
    const body = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: db\n  namespace: n\ndata:\n  password: ${btoa('hunter2')}\nstringData:\n  token: plain-token\n`;
    const read = readTerraformState(stateWith([{ yaml_body: body }]), { secretHasher: hash });
    const text = JSON.stringify(read.resources);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(btoa('hunter2'));
    expect(text).not.toContain('plain-token');
    expect(read.resources[0]!.declared.data).toEqual({
      password: hash(textBytes('hunter2')),
      token: hash(textBytes('plain-token')),
    });
  });

  it.each([
    ['not YAML', 'a: [1, 2'],
    ['a document that is not valid YAML after a valid one', 'kind: A\n---\na: [1, 2'],
    ['a list', '- a\n- b\n'],
    ['no name', 'apiVersion: v1\nkind: ConfigMap\n'],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 200 }, (_, i) => `b${i}: [*a, *a, *a]`).join('\n')}\n`,
    ],
    ['nesting beyond 64 levels', `${'['.repeat(70)}1${']'.repeat(70)}`],
  ])('refuses %s with invalid_state naming yaml_body', (_, body) => {
    try {
      readTerraformState(stateWith([{ yaml_body: body }]), { secretHasher: hash });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DriftwiseError);
      expect((error as DriftwiseError).issues.map((issue) => issue.path)).toEqual([
        'resources.0.instances.0.attributes.yaml_body',
      ]);
    }
  });

  // A real state (a homelab's gateway-api CRDs): an older gavinbunney/kubectl applied the first document
  // of a multi-document body and recorded its kind and name; the whole file was refused before.
  const crds = (...names: string[]) =>
    `# the release's licence header\n${names
      .map(
        (name) =>
          `---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}\n`,
      )
      .join('')}---\n# trailing comment only\n`;

  it('reads the document of a multi-document yaml_body that the state names by kind and name', () => {
    const body = crds('gatewayclasses.example.io', 'gateways.example.io', 'httproutes.example.io');
    const state = stateWith([
      { yaml_body: body, kind: 'CustomResourceDefinition', name: 'gateways.example.io', namespace: null },
    ]);
    const read = readTerraformState(state, { secretHasher: hash });
    expect(read.resources.map((resource) => resource.id)).toEqual([
      'k8s/customresourcedefinition/gateways.example.io',
    ]);
    expect(read.resources[0]!.declared.metadata).toEqual({ name: 'gateways.example.io' });
  });

  it('reads the first document of a multi-document yaml_body when the state names no object', () => {
    const read = readTerraformState(stateWith([{ yaml_body: crds('a.example.io', 'b.example.io') }]), {
      secretHasher: hash,
    });
    expect(read.resources.map((resource) => resource.name)).toEqual(['a.example.io']);
  });

  it('reads a body framed by `---` and comment-only documents as its one object', () => {
    const read = readTerraformState(stateWith([{ yaml_body: crds('only.example.io') }]), {
      secretHasher: hash,
    });
    expect(read.resources.map((resource) => resource.name)).toEqual(['only.example.io']);
  });

  it('refuses a multi-document yaml_body none of whose documents the state names', () => {
    const state = stateWith([
      {
        yaml_body: crds('a.example.io', 'b.example.io'),
        kind: 'CustomResourceDefinition',
        name: 'c.example.io',
      },
    ]);
    expect(() => readTerraformState(state, { secretHasher: hash })).toThrow(
      expect.objectContaining({
        code: 'invalid_state',
        issues: [
          {
            path: 'resources.0.instances.0.attributes.yaml_body',
            message: 'has several YAML documents and none is the object the state names (kind, name)',
          },
        ],
      }),
    );
  });
});
