import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import type { JsonObject } from '../../src/json.ts';
import { decodeBase64 } from '../../src/secret/base64.ts';
import { secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { terraformTypes } from '../../src/state/terraform-kinds.ts';
import { metadataBlock, stateFile, stateResource, typedInstance, typedState } from './state-builder.ts';

const hash = secretHasher('reader-tests', 'k1test');
const read = (input: unknown, stateSource?: string | null) =>
  readTerraformState(
    input,
    stateSource === undefined ? { secretHasher: hash } : { secretHasher: hash, stateSource },
  );
const FIXTURE = new URL('../fixtures/state/all-types.tfstate', import.meta.url);
const fixture = () => read(readFileSync(FIXTURE, 'utf8'), 'prod');

function caught(fn: () => unknown): DriftwiseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DriftwiseError) return error;
    throw error;
  }
  throw new Error('expected a DriftwiseError');
}

const CLUSTER_SCOPED_TYPES =
  /namespace|cluster_role|priority_class|storage_class|persistent_volume(_v1)?$|ingress_class|csi_driver|api_service|certificate_signing_request|webhook_configuration|runtime_class/;

describe('readTerraformState', () => {
  it.each(terraformTypes())('reads the typed resource type %s', (type) => {
    const namespaced = !CLUSTER_SCOPED_TYPES.test(type);
    const result = read(typedState(type, {}, namespaced ? 'apps' : null));
    expect(result.resources).toHaveLength(1);
    const resource = result.resources[0]!;
    expect(resource.terraform_type).toBe(type);
    expect(resource.id).toBe(`k8s/${resource.kind}/${namespaced ? 'apps/' : ''}web`);
    expect(resource.kind).toBe(String(resource.declared.kind).toLowerCase());
  });

  it('reads every resource of the all-types fixture with its ID and address', () => {
    expect(fixture().resources.map((r) => [r.id, r.origin.address])).toEqual([
      ['k8s/deployment/shop/api', 'kubernetes_deployment_v1.api'],
      ['k8s/deployment/shop/worker-0', 'kubernetes_deployment.worker[0]'],
      ['k8s/deployment/shop/worker-1', 'kubernetes_deployment.worker[1]'],
      ['k8s/statefulset/shop/db', 'kubernetes_stateful_set_v1.db'],
      ['k8s/daemonset/kube-system/node-agent', 'kubernetes_daemonset.node_agent'],
      ['k8s/replicationcontroller/shop/legacy-web', 'kubernetes_replication_controller_v1.legacy_web'],
      ['k8s/job/shop/migrate-3-14', 'kubernetes_job_v1.migrate'],
      ['k8s/cronjob/shop/nightly-report', 'kubernetes_cron_job_v1.report'],
      ['k8s/cronjob/shop/cleanup', 'kubernetes_cron_job.cleanup'],
      ['k8s/pod/shop/debug', 'kubernetes_pod_v1.debug'],
      ['k8s/horizontalpodautoscaler/shop/api', 'kubernetes_horizontal_pod_autoscaler_v2.api'],
      ['k8s/horizontalpodautoscaler/shop/worker-0', 'kubernetes_horizontal_pod_autoscaler.worker'],
      ['k8s/service/edge/gateway', 'module.edge.kubernetes_service.gateway'],
      ['k8s/configmap/shop/api-config', 'kubernetes_config_map.api_config'],
      ['k8s/secret/shop/api-db', 'kubernetes_secret_v1.api_db'],
      ['k8s/namespace/payments', 'kubernetes_namespace_v1.team["payments"]'],
      ['k8s/namespace/search', 'kubernetes_namespace_v1.team["search"]'],
      ['k8s/serviceaccount/shop/api', 'kubernetes_service_account_v1.api'],
      ['k8s/ingress/shop/shop', 'kubernetes_ingress_v1.shop'],
      ['k8s/ingress/shop/docs', 'kubernetes_ingress.docs'],
      ['k8s/networkpolicy/shop/api', 'kubernetes_network_policy_v1.api'],
      ['k8s/role/shop/config-reader', 'module.edge.module.rbac.kubernetes_role_v1.config_reader'],
      [
        'k8s/rolebinding/shop/config-reader',
        'module.edge.module.rbac.kubernetes_role_binding_v1.config_reader',
      ],
      ['k8s/clusterrole/metrics-reader', 'kubernetes_cluster_role_v1.metrics_reader'],
      ['k8s/clusterrolebinding/metrics-reader', 'kubernetes_cluster_role_binding.metrics_reader'],
      ['k8s/persistentvolumeclaim/shop/uploads', 'kubernetes_persistent_volume_claim_v1.uploads'],
      ['k8s/limitrange/shop/defaults', 'kubernetes_limit_range_v1.defaults'],
      ['k8s/resourcequota/shop/shop', 'kubernetes_resource_quota_v1.shop'],
      ['k8s/priorityclass/platform-critical', 'kubernetes_priority_class_v1.platform_critical'],
      ['k8s/storageclass/fast', 'kubernetes_storage_class_v1.fast'],
      ['k8s/poddisruptionbudget/shop/api', 'kubernetes_pod_disruption_budget_v1.api'],
      ['k8s/clusterissuer/letsencrypt', 'kubernetes_manifest.letsencrypt'],
      ['k8s/secret/shop/webhook-token', 'kubernetes_manifest.webhook_token'],
      ['k8s/node/node-a-1', 'kubernetes_labels.node_pool'],
      ['k8s/configmap/kube-system/coredns', 'kubernetes_config_map_v1_data.coredns'],
    ]);
  });

  it('counts managed instances of every type and the skipped ones when the file mixes providers', () => {
    const result = fixture();
    expect([result.serial, result.lineage, result.terraform_version]).toEqual([
      214,
      '4f0b2a7e-93c1-4d8e-b6a5-1e2f3a4b5c6d',
      '1.12.2',
    ]);
    expect([result.resource_count, result.k8s_resource_count]).toEqual([37, 35]);
    expect(result.skipped).toEqual({
      kubernetes_manifest: 1, // from the old hashicorp/kubernetes-alpha provider
      random_password: 1,
    });
  });

  it('copies the state source into every origin, null when none is given', () => {
    expect(new Set(fixture().resources.map((r) => r.origin.state_source))).toEqual(new Set(['prod']));
    expect(read(typedState('kubernetes_config_map_v1', {})).resources[0]?.origin.state_source).toBeNull();
  });

  it('reads a tainted instance', () => {
    const job = fixture().resources.find((r) => r.origin.address === 'kubernetes_job_v1.migrate');
    expect(job?.declared.spec).toMatchObject({ ttlSecondsAfterFinished: 3600 });
  });

  it('skips deposed objects and reads an instance with a Terraform 1.12 identity block', () => {
    const api = fixture().resources.filter((r) => r.id === 'k8s/deployment/shop/api');
    expect(api).toHaveLength(1);
    expect(api[0]?.declared.spec).toMatchObject({ replicas: 3 });
  });

  it('ignores data sources', () => {
    const state = stateFile([
      stateResource(
        'kubernetes_namespace_v1',
        [typedInstance({ metadata: metadataBlock('kube-system', null) })],
        {
          mode: 'data',
        },
      ),
    ]);
    expect(read(state)).toMatchObject({ resources: [], resource_count: 0, skipped: {} });
  });

  it.each([
    ['provider["registry.terraform.io/hashicorp/kubernetes"]'],
    ['provider["registry.terraform.io/hashicorp/kubernetes"].eu'],
    ['module.edge.provider["registry.terraform.io/hashicorp/kubernetes"]'],
    ['module.edge.provider["registry.terraform.io/hashicorp/kubernetes"].eu_west'],
    ['provider["registry.opentofu.org/hashicorp/kubernetes"]'],
    ['provider["terraform.example.com/acme/kubernetes"]'],
    ['provider.kubernetes'],
    ['provider.kubernetes.eu'],
  ])('reads kubernetes_* resources of the provider %s', (provider) => {
    const state = stateFile([
      stateResource('kubernetes_config_map_v1', [typedInstance({ metadata: metadataBlock('a') })], {
        provider,
      }),
    ]);
    expect(read(state).k8s_resource_count).toBe(1);
  });

  it.each([
    ['provider["registry.terraform.io/hashicorp/kubernetes-alpha"]'],
    ['provider["registry.terraform.io/acme/kubernetes2"]'],
    ['provider["registry.terraform.io/hashicorp/helm"]'],
  ])('skips kubernetes_* resources of another provider (%s)', (provider) => {
    const state = stateFile([
      stateResource('kubernetes_config_map_v1', [typedInstance({ metadata: metadataBlock('a') })], {
        provider,
      }),
    ]);
    expect(read(state)).toMatchObject({
      k8s_resource_count: 0,
      resource_count: 1,
      skipped: { kubernetes_config_map_v1: 1 },
    });
  });

  it.each([
    [{ index_key: 0 }, 'module.a.module.b.kubernetes_config_map_v1.this[0]'],
    [{ index_key: 12 }, 'module.a.module.b.kubernetes_config_map_v1.this[12]'],
    [{ index_key: 'ja' }, 'module.a.module.b.kubernetes_config_map_v1.this["ja"]'],
    [{ index_key: 'say "hi"\\' }, 'module.a.module.b.kubernetes_config_map_v1.this["say \\"hi\\"\\\\"]'],
    [{}, 'module.a.module.b.kubernetes_config_map_v1.this'],
  ])('builds the full instance address for %j', (extra, address) => {
    const state = stateFile([
      stateResource('kubernetes_config_map_v1', [typedInstance({ metadata: metadataBlock('a') }, extra)], {
        module: 'module.a.module.b',
      }),
    ]);
    expect(read(state).resources[0]?.origin.address).toBe(address);
  });

  it('takes the uid from metadata and null when it is empty', () => {
    const withUid = read(typedState('kubernetes_config_map_v1', {})).resources[0];
    const state = typedState('kubernetes_config_map_v1', {
      metadata: metadataBlock('web', 'apps', { uid: '' }),
    });
    expect([withUid?.uid, read(state).resources[0]?.uid]).toEqual(['uid-web', null]);
  });

  it('defaults the namespace of a namespaced typed object to "default", as the provider does', () => {
    const state = typedState('kubernetes_config_map_v1', { metadata: metadataBlock('web', '') });
    expect(read(state).resources[0]).toMatchObject({ namespace: 'default', id: 'k8s/configmap/default/web' });
  });

  describe('Secrets', () => {
    const secret = () => fixture().resources.find((r) => r.id === 'k8s/secret/shop/api-db')!;
    const manifestSecret = () => fixture().resources.find((r) => r.id === 'k8s/secret/shop/webhook-token')!;

    it('hashes typed data as plain text', () => {
      expect((secret().declared.data as JsonObject).password).toBe(
        hash(textBytes('correct-horse-battery-staple')),
      );
    });

    it('hashes typed binary_data as base64 and folds it into data, as the API does', () => {
      const bytes = decodeBase64('MIIBCmZha2Uta2V5c3RvcmU=')!;
      expect(secret().declared).not.toHaveProperty('binaryData');
      expect((secret().declared.data as JsonObject)['keystore.p12']).toBe(hash(bytes));
    });

    it('hashes manifest data as base64 and folds stringData in as plain text', () => {
      expect(manifestSecret().declared.data).toEqual({
        token: hash(textBytes('s3cr3t-token')),
        url: hash(textBytes('https://hooks.example.com/x')),
      });
      expect(manifestSecret().recorded.data).toEqual(manifestSecret().declared.data);
    });

    it('leaves no Secret value in the output', () => {
      const text = JSON.stringify(fixture());
      for (const value of [
        'correct-horse-battery-staple',
        's3cr3t-token',
        'czNjcjN0LXRva2Vu',
        'hooks.example.com/x',
      ]) {
        expect(text).not.toContain(value);
      }
    });
  });

  describe('kubernetes_manifest', () => {
    const issuer = () => fixture().resources.find((r) => r.terraform_type === 'kubernetes_manifest')!;
    const cronJob = () =>
      readTerraformState(
        readFileSync(
          new URL('../../../examples/missing-extra-manifest/state.tfstate', import.meta.url),
          'utf8',
        ),
        {
          secretHasher: hash,
        },
      ).resources.find((r) => r.terraform_type === 'kubernetes_manifest')!;

    it('declares the manifest, unwrapped from { value, type }', () => {
      expect(cronJob().declared).toMatchObject({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        spec: { schedule: '15 3 * * *' },
      });
      expect(cronJob().declared).not.toHaveProperty('value');
    });

    it("records the object's values where the manifest has none", () => {
      expect(cronJob().recorded.spec).toMatchObject({ suspend: false, successfulJobsHistoryLimit: 3 });
    });

    it('merges named list items by name', () => {
      const spec = cronJob().recorded.spec as {
        jobTemplate: { spec: { template: { spec: { containers: JsonObject[] } } } };
      };
      expect(spec.jobTemplate.spec.template.spec.containers).toEqual([
        expect.objectContaining({
          name: 'sitemap',
          image: expect.any(String),
          imagePullPolicy: 'IfNotPresent',
        }),
      ]);
    });

    it('keeps named items only the object has, after the declared ones, matched by name', () => {
      const container = (env: JsonObject[]) => ({ spec: { containers: [{ name: 'app', env }] } });
      const manifest = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'n' },
        ...container([{ name: 'A', value: '1' }]),
      };
      const object = {
        ...manifest,
        ...container([
          { name: 'B', value: '2' },
          { name: 'A', value: '1', valueFrom: null },
        ]),
      };
      const state = stateFile([stateResource('kubernetes_manifest', [{ attributes: { manifest, object } }])]);
      const recorded = read(state).resources[0]!.recorded as {
        spec: { containers: { env: JsonObject[] }[] };
      };
      expect(recorded.spec.containers[0]!.env).toEqual([
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ]);
    });

    it('drops the null-filled fields of the object', () => {
      expect(cronJob().recorded.metadata).toEqual({
        labels: { app: 'sitemap-refresh' },
        name: 'sitemap-refresh',
        namespace: 'docs',
      });
    });

    it('takes the uid from the object and the kind, name and absent namespace from the manifest', () => {
      expect(issuer()).toMatchObject({
        kind: 'clusterissuer',
        namespace: null,
        name: 'letsencrypt',
        uid: '0d7a3e51-8c2f-4b61-a0d4-5e9f1b2c3d4e',
        id: 'k8s/clusterissuer/letsencrypt',
      });
      expect(cronJob().uid).toBeNull();
    });

    it('reads a manifest that is not wrapped', () => {
      const state = stateFile([
        stateResource('kubernetes_manifest', [
          {
            schema_version: 1,
            attributes: {
              manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' } },
              object: null,
            },
          },
        ]),
      ]);
      expect(read(state).resources[0]).toMatchObject({
        id: 'k8s/configmap/n/a',
        recorded: { kind: 'ConfigMap' },
      });
    });
  });

  describe('bad input', () => {
    it.each<[string, unknown, string, string[]]>([
      ['text that is not JSON', '{"version": 4,', 'invalid_state', ['']],
      ['a JSON array', '[]', 'invalid_state', ['']],
      ['a JSON number', 42, 'invalid_state', ['']],
      ['no version', { serial: 1, lineage: 'l', resources: [] }, 'invalid_state', ['version']],
      ['a version that is a string', { version: '4', serial: 1, lineage: 'l' }, 'invalid_state', ['version']],
      [
        'version 3',
        { version: 3, serial: 1, lineage: 'l', modules: [] },
        'unsupported_state_version',
        ['version'],
      ],
      ['version 5', stateFile([], { version: 5 }), 'unsupported_state_version', ['version']],
      ['no serial or lineage', { version: 4, resources: [] }, 'invalid_state', ['serial', 'lineage']],
      ['resources that are not a list', stateFile([], { resources: {} }), 'invalid_state', ['resources']],
      [
        'a resource without a type',
        stateFile([{ mode: 'managed', name: 'a', provider: 'p', instances: [] }]),
        'invalid_state',
        ['resources.0.type'],
      ],
      [
        'instances that are not a list',
        stateFile([{ mode: 'managed', type: 't', name: 'a', provider: 'p', instances: {} }]),
        'invalid_state',
        ['resources.0.instances'],
      ],
      [
        'a typed resource without metadata',
        stateFile([stateResource('kubernetes_config_map_v1', [typedInstance({ data: {} })])]),
        'invalid_state',
        ['resources.0.instances.0.attributes.metadata'],
      ],
      [
        'a typed resource whose spec is not a block',
        typedState('kubernetes_deployment_v1', { spec: { replicas: '1' } }),
        'invalid_state',
        ['resources.0.instances.0.attributes.spec'],
      ],
      [
        'a manifest without a manifest',
        stateFile([stateResource('kubernetes_manifest', [{ attributes: { object: null } }])]),
        'invalid_state',
        ['resources.0.instances.0.attributes.manifest'],
      ],
    ])('throws a DriftwiseError for %s', (_, input, code, paths) => {
      const error = caught(() => read(input));
      expect(error.code).toBe(code);
      expect(error.issues.map((issue) => issue.path)).toEqual(paths);
    });
  });
});
