import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { driftWarnings } from '../../src/match/drift-warnings.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { DriftResult, IacResource, LiveResource } from '../../src/model.ts';
import { secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { toStatePath } from '../../src/state/state-path.ts';
import { metadataBlock, stateFile, stateResource, typedInstance } from '../state/state-builder.ts';
import { liveOf } from './builders.ts';

const hash = secretHasher('patch-test-key', 'k1');
const CREATED = '2025-03-01T10:00:00Z';
const APPLIED = '2025-03-02T10:00:00Z';
const LATER = '2025-06-03T02:25:37Z';

function entry(manager: string, time: string, fieldsV1: JsonObject, operation = 'Update'): JsonObject {
  return { manager, operation, apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1 };
}

function iacFrom(resources: JsonObject[]): IacResource[] {
  return readTerraformState(stateFile(resources), { secretHasher: hash, stateSource: 'main' }).resources;
}

function patch(type: string, name: string, attributes: JsonObject): JsonObject {
  return stateResource(type, [typedInstance({ field_manager: 'Terraform', force: false, ...attributes })], {
    name,
  });
}

function labels(values: JsonObject, target = { kind: 'Deployment', name: 'api' }): JsonObject {
  return patch('kubernetes_labels', 'team', {
    api_version: 'apps/v1',
    kind: target.kind,
    id: `apiVersion=apps/v1,kind=${target.kind},namespace=shop,name=${target.name}`,
    metadata: [{ name: target.name, namespace: 'shop' }],
    labels: values,
  });
}

/** A Deployment as the API returns it, with one container `api` and the given labels and env. */
function liveDeployment(options: {
  labels?: JsonObject;
  env?: JsonObject[];
  managedFields?: JsonObject[];
  replicas?: number;
}): LiveResource {
  return liveOf({
    kind: 'deployment',
    name: 'api',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop',
        creationTimestamp: CREATED,
        labels: options.labels ?? { app: 'api' },
        ...(options.managedFields ? { managedFields: options.managedFields } : {}),
      },
      spec: {
        replicas: options.replicas ?? 2,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: {
            containers: [
              { name: 'api', image: 'shop/api:1', env: options.env ?? [] },
              { name: 'proxy', image: 'envoy:1', env: [{ name: 'LEVEL', value: 'debug' }] },
            ],
          },
        },
      },
    },
  });
}

function typedDeployment(labelsValue: JsonObject = { app: 'api' }): JsonObject {
  return stateResource(
    'kubernetes_deployment_v1',
    [
      typedInstance({
        id: 'shop/api',
        metadata: metadataBlock('api', 'shop', { labels: labelsValue }),
        spec: [
          {
            replicas: '2',
            selector: [{ match_labels: { app: 'api' } }],
            template: [
              {
                metadata: [{ labels: { app: 'api' } }],
                spec: [
                  {
                    container: [
                      { name: 'api', image: 'shop/api:1', env: [] },
                      { name: 'proxy', image: 'envoy:1', env: [{ name: 'LEVEL', value: 'debug' }] },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    ],
    { name: 'api' },
  );
}

function match(iac: IacResource[], live: LiveResource[]): DriftResult {
  return matchDrift({ iac, live, namespace: 'shop' });
}

describe('patch-style resources in the state reader', () => {
  it('reads a kubernetes_labels as a declaration of its labels on the object it targets', () => {
    const [resource] = iacFrom([labels({ team: 'checkout' })]);
    expect(resource).toMatchObject({
      id: 'k8s/deployment/shop/api',
      terraform_type: 'kubernetes_labels',
      declares: 'fields',
      field_manager: 'Terraform',
      declared: { metadata: { labels: { team: 'checkout' } } },
    });
    expect(resource?.declared).not.toHaveProperty('spec');
  });

  it('puts a target without a namespace in default, and a cluster-scoped one in none', () => {
    const ids = iacFrom([
      patch('kubernetes_labels', 'a', {
        api_version: 'v1',
        kind: 'ConfigMap',
        metadata: [{ name: 'cfg', namespace: '' }],
        labels: { a: '1' },
      }),
      patch('kubernetes_labels', 'b', {
        api_version: 'v1',
        kind: 'Node',
        metadata: [{ name: 'node-1', namespace: '' }],
        labels: { a: '1' },
      }),
    ]).map((resource) => resource.id);
    expect(ids).toEqual(['k8s/configmap/default/cfg', 'k8s/node/node-1']);
  });

  it('takes the field manager the resource names', () => {
    const [resource] = iacFrom([
      patch('kubernetes_config_map_v1_data', 'cfg', {
        metadata: [{ name: 'cfg', namespace: 'shop' }],
        data: { A: '1' },
        field_manager: 'platform-team',
      }),
    ]);
    expect(resource?.field_manager).toBe('platform-team');
  });

  it('refuses a patch resource without a target name', () => {
    expect(() =>
      iacFrom([
        patch('kubernetes_labels', 'x', { api_version: 'v1', kind: 'ConfigMap', metadata: [{}], labels: {} }),
      ]),
    ).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('no longer counts the patch-style types in skipped_terraform_types', () => {
    const read = readTerraformState(
      stateFile([
        labels({ team: 'checkout' }),
        patch('kubernetes_env', 'env', {
          api_version: 'apps/v1',
          kind: 'Deployment',
          metadata: [{ name: 'api', namespace: 'shop' }],
          container: 'api',
          init_container: '',
          env: [{ name: 'MODE', value: 'fast', value_from: [] }],
        }),
        stateResource('kubernetes_token_request_v1', [typedInstance({ id: 'x' })]),
      ]),
      { secretHasher: hash },
    );
    expect(read.skipped).toEqual({ kubernetes_token_request_v1: 1 });
    const warnings = driftWarnings({
      namespace: 'shop',
      liveInScope: 1,
      iacInScope: 1,
      stateSources: [{ name: 'main', skipped: read.skipped }],
    });
    expect(warnings.map((warning) => warning.types)).toEqual([
      [{ type: 'kubernetes_token_request_v1', count: 1 }],
    ]);
  });
});

describe('kubernetes_labels', () => {
  it('reports a changed label with the labels resource as the item’s iac', () => {
    const result = match(iacFrom([labels({ team: 'checkout' })]), [
      liveDeployment({ labels: { app: 'api', team: 'search' } }),
    ]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      status: 'changed',
      iac: { state_source: 'main', address: 'kubernetes_labels.team' },
    });
    expect(result.items[0]?.changes.map(({ path, iac, live }) => ({ path, iac, live }))).toEqual([
      { path: 'metadata.labels.team', iac: 'checkout', live: 'search' },
    ]);
  });

  it('declares nothing beyond its labels: other labels and fields are not drift', () => {
    const result = match(iacFrom([labels({ team: 'checkout' })]), [
      liveDeployment({ labels: { app: 'api', team: 'checkout', extra: 'by-hand' }, replicas: 9 }),
    ]);
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ live: 1, iac: 1, in_sync: 1, extra: 0, coverage: 1 });
  });

  it('reports a removed label', () => {
    const result = match(iacFrom([labels({ team: 'checkout' })]), [liveDeployment({})]);
    expect(result.items[0]?.changes.map(({ path, live }) => [path, live])).toEqual([
      ['metadata.labels.team', null],
    ]);
  });

  it('never makes its target missing on its own', () => {
    const result = match(iacFrom([labels({ team: 'checkout' })]), []);
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ iac: 0, missing: 0 });
  });

  it('still lets a whole declaration of the target be missing', () => {
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), []);
    expect(result.items.map((item) => [item.status, item.iac?.address])).toEqual([
      ['missing', 'kubernetes_deployment_v1.api'],
    ]);
    expect(result.summary.iac).toBe(1);
  });

  it('is merged with the typed resource: its label is recorded, not a hand-added one', () => {
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), [
      liveDeployment({ labels: { app: 'api', team: 'checkout' } }),
    ]);
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ iac: 1, in_sync: 1 });
  });

  it('gives a change on its label its own address in declared_by, beside the typed item', () => {
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), [
      liveDeployment({ labels: { app: 'web', team: 'search' } }),
    ]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.iac?.address).toBe('kubernetes_deployment_v1.api');
    expect(result.items[0]?.changes.map(({ path, declared_by }) => [path, declared_by])).toEqual([
      ['metadata.labels.app', undefined],
      ['metadata.labels.team', { state_source: 'main', address: 'kubernetes_labels.team' }],
    ]);
  });

  it('still reports a label nobody declares as hand-added when a whole declaration exists', () => {
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), [
      liveDeployment({ labels: { app: 'api', team: 'checkout', oncall: 'me' } }),
    ]);
    expect(result.items[0]?.changes.map(({ path, iac, declared_by }) => [path, iac, declared_by])).toEqual([
      ['metadata.labels.oncall', null, undefined],
    ]);
  });

  it('compares a label the typed resource and the patch both set with the patch’s value', () => {
    const result = match(
      iacFrom([typedDeployment({ app: 'api', team: 'old' }), labels({ team: 'checkout' })]),
      [liveDeployment({ labels: { app: 'api', team: 'checkout' } })],
    );
    expect(result.items).toEqual([]);
  });

  it('compares the label whatever force says: force only decides whether an apply may take it back', () => {
    const forced = labels({ team: 'checkout' });
    ((forced.instances as JsonObject[])[0]!.attributes as JsonObject).force = true;
    const live = [liveDeployment({ labels: { app: 'api', team: 'search' } })];
    expect(match(iacFrom([forced]), live).items[0]?.changes.map((change) => change.path)).toEqual([
      'metadata.labels.team',
    ]);
    expect(match(iacFrom([labels({ team: 'checkout' })]), live).items).toHaveLength(1);
  });

  it('reports no undeclared field around a patch alone: the object is not Terraform’s', () => {
    const live = liveDeployment({
      labels: { app: 'api', team: 'checkout', oncall: 'me' },
      replicas: 5,
      managedFields: [
        entry('kubectl-client-side-apply', CREATED, { 'f:spec': { 'f:replicas': {} } }),
        entry('Terraform', APPLIED, { 'f:metadata': { 'f:labels': { 'f:team': {} } } }, 'Apply'),
        entry('kubectl-scale', LATER, { 'f:spec': { 'f:replicas': {} } }),
        entry('kubectl-label', LATER, { 'f:metadata': { 'f:labels': { 'f:oncall': {} } } }),
      ],
    });
    expect(match(iacFrom([labels({ team: 'checkout' })]), [live]).items).toEqual([]);
  });

  it('does not let a later patch apply adopt a hand edit the typed resource does not declare', () => {
    const live = liveDeployment({
      labels: { app: 'api', team: 'checkout' },
      managedFields: [
        entry('HashiCorp', CREATED, { 'f:spec': { 'f:replicas': {} } }),
        entry('kubectl-edit', APPLIED, { 'f:spec': { 'f:paused': {} } }),
        entry('Terraform', LATER, { 'f:metadata': { 'f:labels': { 'f:team': {} } } }, 'Apply'),
      ],
    });
    (live.object.spec as JsonObject).paused = true;
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), [live]);
    expect(
      result.items[0]?.changes.map(({ path, undeclared, changed_by }) => [
        path,
        undeclared,
        changed_by?.manager,
      ]),
    ).toEqual([['spec.paused', true, 'kubectl-edit']]);
  });

  it('names the patch’s manager as who changed its label, never as a person', () => {
    const live = liveDeployment({
      labels: { app: 'api', team: 'search' },
      managedFields: [
        entry('HashiCorp', CREATED, { 'f:metadata': { 'f:labels': { 'f:app': {} } } }),
        entry('kubectl-label', LATER, { 'f:metadata': { 'f:labels': { 'f:team': {} } } }),
      ],
    });
    const result = match(iacFrom([typedDeployment(), labels({ team: 'checkout' })]), [live]);
    expect(result.items[0]?.changes[0]).toMatchObject({
      path: 'metadata.labels.team',
      changed_by: { manager: 'kubectl-label' },
      declared_by: { address: 'kubernetes_labels.team' },
    });
  });

  it('never takes the patch’s own manager for a person, even one named like a person’s tool', () => {
    const state = labels({ team: 'checkout' });
    ((state.instances as JsonObject[])[0]!.attributes as JsonObject).field_manager = 'kubectl-terraform';
    const live = liveDeployment({
      labels: { app: 'api', team: 'checkout' },
      managedFields: [
        entry('HashiCorp', CREATED, { 'f:metadata': { 'f:labels': { 'f:app': {} } } }),
        entry('kubectl-terraform', LATER, {
          'f:metadata': { 'f:labels': { 'f:team': {} } },
          'f:spec': { 'f:paused': {} },
        }),
      ],
    });
    (live.object.spec as JsonObject).paused = true;
    expect(match(iacFrom([typedDeployment(), state]), [live]).items).toEqual([]);
  });

  it('gives a labelled Helm object the release’s address, and the label change the patch’s', () => {
    const release = stateResource(
      'helm_release',
      [typedInstance({ id: 'api', name: 'api', namespace: 'shop', manifest: null })],
      { name: 'api', provider: 'provider["registry.terraform.io/hashicorp/helm"]' },
    );
    const live = liveDeployment({ labels: { app: 'api', team: 'search' } });
    const metadata = live.object.metadata as JsonObject;
    metadata.labels = { ...(metadata.labels as JsonObject), 'app.kubernetes.io/managed-by': 'Helm' };
    metadata.annotations = { 'meta.helm.sh/release-name': 'api', 'meta.helm.sh/release-namespace': 'shop' };
    const result = match(iacFrom([release, labels({ team: 'checkout' })]), [live]);
    expect(result.items[0]?.iac?.address).toBe('helm_release.api');
    expect(result.items[0]?.changes.map(({ path, declared_by }) => [path, declared_by?.address])).toEqual([
      ['metadata.labels.team', 'kubernetes_labels.team'],
    ]);
    expect(result.summary).toMatchObject({ iac: 1, changed: 1, extra: 0 });
  });

  it('leads a change back to the labels attribute', () => {
    expect(toStatePath('kubernetes_labels', 'metadata.labels.app.kubernetes.io/team')).toEqual([
      { attribute: 'labels' },
      { key: 'app.kubernetes.io/team' },
    ]);
  });
});

describe('kubernetes_annotations', () => {
  it('declares the object’s and the pod template’s annotations (a CronJob’s under jobTemplate)', () => {
    const [resource] = iacFrom([
      patch('kubernetes_annotations', 'report', {
        api_version: 'batch/v1',
        kind: 'CronJob',
        metadata: [{ name: 'report', namespace: 'shop' }],
        annotations: { owner: 'data' },
        template_annotations: { 'prometheus.io/scrape': 'true' },
      }),
    ]);
    expect(resource?.declared).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { annotations: { owner: 'data' } },
      spec: {
        jobTemplate: {
          spec: { template: { metadata: { annotations: { 'prometheus.io/scrape': 'true' } } } },
        },
      },
    });
    expect(
      toStatePath(
        'kubernetes_annotations',
        'spec.jobTemplate.spec.template.metadata.annotations.prometheus.io/scrape',
      ),
    ).toEqual([{ attribute: 'template_annotations' }, { key: 'prometheus.io/scrape' }]);
  });

  it('reports a changed template annotation and ignores the rest of the template', () => {
    const iac = iacFrom([
      patch('kubernetes_annotations', 'api', {
        api_version: 'apps/v1',
        kind: 'Deployment',
        metadata: [{ name: 'api', namespace: 'shop' }],
        annotations: null,
        template_annotations: { 'prometheus.io/port': '9090' },
      }),
    ]);
    const live = liveDeployment({});
    const template = (live.object.spec as JsonObject).template as JsonObject;
    template.metadata = { labels: { app: 'api' }, annotations: { 'prometheus.io/port': '9091', x: 'y' } };
    expect(match(iac, [live]).items[0]?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['spec.template.metadata.annotations.prometheus.io/port', '9090', '9091'],
    ]);
  });
});

describe('kubernetes_env', () => {
  function env(vars: JsonObject[], container = 'api', kind = 'Deployment'): JsonObject {
    return patch('kubernetes_env', 'api_env', {
      id: `apiVersion=apps/v1,kind=${kind},namespace=shop,name=api`,
      api_version: kind.toLowerCase() === 'cronjob' ? 'batch/v1' : 'apps/v1',
      kind,
      metadata: [{ name: 'api', namespace: 'shop' }],
      container,
      init_container: '',
      env: vars,
    });
  }

  it('declares only the named env vars of the named container', () => {
    const [resource] = iacFrom([
      env([
        { name: 'MODE', value: 'fast', value_from: [] },
        {
          name: 'TOKEN',
          value: '',
          value_from: [{ secret_key_ref: [{ name: 'api-token', key: 'token', optional: false }] }],
        },
      ]),
    ]);
    expect(resource?.declared).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'api',
                env: [
                  { name: 'MODE', value: 'fast', valueFrom: [] },
                  {
                    name: 'TOKEN',
                    value: '',
                    valueFrom: { secretKeyRef: { name: 'api-token', key: 'token', optional: false } },
                  },
                ],
              },
            ],
          },
        },
      },
    });
  });

  it('reports a changed env var, and neither the container’s other vars nor other containers', () => {
    const result = match(iacFrom([env([{ name: 'MODE', value: 'fast', value_from: [] }])]), [
      liveDeployment({
        env: [
          { name: 'MODE', value: 'slow' },
          { name: 'OTHER', value: 'x' },
        ],
      }),
    ]);
    expect(result.items[0]?.iac?.address).toBe('kubernetes_env.api_env');
    expect(result.items[0]?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['spec.template.spec.containers[api].env[MODE].value', 'fast', 'slow'],
    ]);
  });

  it('reports a removed env var', () => {
    const result = match(iacFrom([env([{ name: 'MODE', value: 'fast', value_from: [] }])]), [
      liveDeployment({ env: [] }),
    ]);
    expect(result.items[0]?.changes.map(({ path, live }) => [path, live])).toEqual([
      ['spec.template.spec.containers[api].env[MODE]', null],
    ]);
  });

  it('is merged with the typed Deployment: its var is not a hand-added one', () => {
    const iac = iacFrom([typedDeployment(), env([{ name: 'MODE', value: 'fast', value_from: [] }])]);
    expect(match(iac, [liveDeployment({ env: [{ name: 'MODE', value: 'fast' }] })]).items).toEqual([]);
    const changed = match(iac, [liveDeployment({ env: [{ name: 'MODE', value: 'slow' }] })]);
    expect(changed.items[0]?.iac?.address).toBe('kubernetes_deployment_v1.api');
    expect(changed.items[0]?.changes[0]?.declared_by?.address).toBe('kubernetes_env.api_env');
  });

  it('targets a CronJob’s containers under jobTemplate', () => {
    const [resource] = iacFrom([env([{ name: 'MODE', value: 'fast', value_from: [] }], 'api', 'CronJob')]);
    expect(resource?.declared).toHaveProperty('spec.jobTemplate.spec.template.spec.containers');
  });

  it('reads a kind written in any case as the API spells it (the provider validates it case-insensitively)', () => {
    const [resource] = iacFrom([env([{ name: 'MODE', value: 'fast', value_from: [] }], 'api', 'cronjob')]);
    expect(resource?.id).toBe('k8s/cronjob/shop/api');
    expect(resource?.declared).toHaveProperty('kind', 'CronJob');
    expect(resource?.declared).toHaveProperty('spec.jobTemplate.spec.template.spec.containers');
  });

  it('targets init containers with init_container', () => {
    const state = env([{ name: 'MODE', value: 'fast', value_from: [] }], '');
    ((state.instances as JsonObject[])[0]!.attributes as JsonObject).init_container = 'migrate';
    const [resource] = iacFrom([state]);
    expect(resource?.declared).toHaveProperty('spec.template.spec.initContainers', [
      { name: 'migrate', env: [{ name: 'MODE', value: 'fast', valueFrom: [] }] },
    ]);
  });

  it('leads a change back to the env block of the resource', () => {
    expect(
      toStatePath(
        'kubernetes_env',
        'spec.template.spec.containers[api].env[TOKEN].valueFrom.secretKeyRef.key',
      ),
    ).toEqual([
      { attribute: 'env', name: 'TOKEN' },
      { attribute: 'value_from' },
      { attribute: 'secret_key_ref' },
      { attribute: 'key' },
    ]);
  });
});

describe('kubernetes_node_taint', () => {
  function node(taints: JsonObject[], managedFields?: JsonObject[]): LiveResource {
    return liveOf({
      kind: 'node',
      namespace: null,
      name: 'node-1',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-1', ...(managedFields ? { managedFields } : {}) },
        spec: { taints },
      },
    });
  }
  // After apply the provider reads every taint of the node into state; `id` lists the configured ones.
  const taintState = patch('kubernetes_node_taint', 'gpu', {
    id: 'node-1,dedicated=gpu:NoSchedule',
    metadata: [{ name: 'node-1' }],
    taint: [
      { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoExecute' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ],
  });

  it('declares only the taints of its last apply, from the id', () => {
    const [resource] = iacFrom([taintState]);
    expect(resource?.id).toBe('k8s/node/node-1');
    expect(resource?.declared).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    });
  });

  it('matches taints by key and effect: order and other taints are not drift', () => {
    const live = node([
      { key: 'other', value: 'x', effect: 'NoExecute' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ]);
    expect(matchDrift({ iac: iacFrom([taintState]), live: [live], namespace: '*' }).items).toEqual([]);
  });

  it('reports a changed taint value at the taint’s key and effect, with who changed it', () => {
    const live = node(
      [
        { key: 'other', value: 'x', effect: 'NoExecute' },
        { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' },
      ],
      [
        entry('kubectl-taint', LATER, {
          'f:spec': {
            'f:taints': { 'k:{"effect":"NoSchedule","key":"dedicated"}': { '.': {}, 'f:value': {} } },
          },
        }),
      ],
    );
    const result = matchDrift({ iac: iacFrom([taintState]), live: [live], namespace: '*' });
    expect(
      result.items[0]?.changes.map(({ path, iac, live, changed_by }) => [
        path,
        iac,
        live,
        changed_by?.manager,
      ]),
    ).toEqual([['spec.taints[dedicated:NoSchedule].value', 'gpu', 'cpu', 'kubectl-taint']]);
  });

  it('reports a removed taint (another effect is another taint)', () => {
    const live = node([{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    const result = matchDrift({ iac: iacFrom([taintState]), live: [live], namespace: '*' });
    expect(result.items[0]?.changes.map(({ path, live }) => [path, live])).toEqual([
      ['spec.taints[dedicated:NoSchedule]', null],
    ]);
  });
});

describe('kubernetes_config_map_v1_data and kubernetes_secret_v1_data', () => {
  it('compares only the ConfigMap keys it sets', () => {
    const iac = iacFrom([
      patch('kubernetes_config_map_v1_data', 'coredns', {
        metadata: [{ name: 'coredns', namespace: 'shop' }],
        data: { Corefile: '.:53 {}' },
      }),
    ]);
    const live = (corefile: string) =>
      liveOf({
        kind: 'configmap',
        name: 'coredns',
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'coredns', namespace: 'shop' },
          data: { Corefile: corefile, other: 'x' },
        },
      });
    expect(match(iac, [live('.:53 {}')]).items).toEqual([]);
    expect(
      match(iac, [live('.:54 {}')]).items[0]?.changes.map(({ path, iac, live }) => [path, iac, live]),
    ).toEqual([['data.Corefile', '.:53 {}', '.:54 {}']]);
  });

  it('hashes the Secret keys it sets and compares them as hashes, redacted in the drift', () => {
    const iac = iacFrom([
      patch('kubernetes_secret_v1_data', 'token', {
        metadata: [{ name: 'api', namespace: 'shop' }],
        data: { token: 's3cret' },
      }),
    ]);
    expect(JSON.stringify(iac)).not.toContain('s3cret');
    const live = (value: string) =>
      liveOf({
        kind: 'secret',
        name: 'api',
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'api', namespace: 'shop' },
          data: { token: hash(textBytes(value)), other: hash(textBytes('x')) },
        },
      });
    expect(match(iac, [live('s3cret')]).items).toEqual([]);
    expect(
      match(iac, [live('changed')]).items[0]?.changes.map(({ path, iac, live }) => [path, iac, live]),
    ).toEqual([['data.token', '(redacted)', '(redacted)']]);
  });
});
