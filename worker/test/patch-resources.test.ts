import { describe, expect, it } from 'vitest';
import { scanPage } from '../src/dashboard/scan-page.ts';
import type { StoredDriftItem } from '../src/ingest/stored-drift-item.ts';
import type { ScanRow } from '../src/store/store.ts';
import { call, createOrgAndKey, json, reportAndReadDrift, withKey } from './helpers.ts';

// Issue 11 §3 end to end: a state with patch-style resources and a helm_release goes up the state route,
// a report comes in on the operator route, and the drift route serves what they declare.

const KUBERNETES = 'provider["registry.terraform.io/hashicorp/kubernetes"]';
const HELM = 'provider["registry.terraform.io/hashicorp/helm"]';

function instance(attributes: Record<string, unknown>) {
  return { schema_version: 0, attributes, sensitive_attributes: [] };
}

function state(manifest: string | null) {
  return {
    version: 4,
    terraform_version: '1.9.8',
    serial: 7,
    lineage: '5b0b3c55-1f4e-4c0e-9a2b-3c4d5e6f7a8b',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'kubernetes_labels',
        name: 'team',
        provider: KUBERNETES,
        instances: [
          instance({
            id: 'apiVersion=apps/v1,kind=Deployment,namespace=shop,name=api',
            api_version: 'apps/v1',
            kind: 'Deployment',
            metadata: [{ name: 'api', namespace: 'shop' }],
            labels: { team: 'checkout' },
            field_manager: 'Terraform',
            force: false,
          }),
        ],
      },
      {
        mode: 'managed',
        type: 'kubernetes_env',
        name: 'api_env',
        provider: KUBERNETES,
        instances: [
          instance({
            id: 'apiVersion=apps/v1,kind=Deployment,namespace=shop,name=api',
            api_version: 'apps/v1',
            kind: 'Deployment',
            metadata: [{ name: 'api', namespace: 'shop' }],
            container: 'api',
            init_container: '',
            env: [{ name: 'MODE', value: 'fast', value_from: [] }],
            field_manager: 'Terraform',
            force: false,
          }),
        ],
      },
      {
        mode: 'managed',
        type: 'helm_release',
        name: 'web',
        provider: HELM,
        instances: [
          instance({ id: 'web', name: 'web', namespace: 'shop', chart: 'web', version: '1.2.0', manifest }),
        ],
      },
    ],
  };
}

function resource(id: string, kind: string, name: string, properties: Record<string, unknown>) {
  return {
    id,
    normalized_type: `k8s/${kind.toLowerCase()}`,
    provider_type: kind.toLowerCase(),
    provider: 'kubernetes',
    name,
    region: 'eu-north-1',
    tags: {},
    properties: { kind, ...properties },
  };
}

const HELM_STAMPS = {
  labels: { app: 'web', 'app.kubernetes.io/managed-by': 'Helm' },
  annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'shop' },
};

function report(webImage: string) {
  return {
    cluster_id: 'prod',
    namespace: 'shop',
    generate_iac: false,
    iac_format: 'terraform',
    custom_prompt: '',
    resources: [
      resource('0d1c6f70-0000-4000-8000-000000000001', 'Deployment', 'api', {
        apiVersion: 'apps/v1',
        metadata: {
          name: 'api',
          namespace: 'shop',
          uid: '0d1c6f70-0000-4000-8000-000000000001',
          creationTimestamp: '2025-03-01T10:00:00Z',
          // A label and an env var nobody declares: the patches alone declare only theirs.
          labels: { app: 'api', team: 'search', oncall: 'me' },
          managedFields: [
            {
              manager: 'Terraform',
              operation: 'Apply',
              apiVersion: 'apps/v1',
              time: '2025-03-02T10:00:00Z',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {} } } },
            },
            {
              manager: 'kubectl-label',
              operation: 'Update',
              apiVersion: 'apps/v1',
              time: '2025-06-03T02:25:37Z',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {}, 'f:oncall': {} } } },
            },
          ],
        },
        spec: {
          replicas: 7,
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api' } },
            spec: {
              containers: [
                {
                  name: 'api',
                  image: 'shop/api:1',
                  env: [
                    { name: 'MODE', value: 'slow' },
                    { name: 'DEBUG', value: '1' },
                  ],
                },
              ],
            },
          },
        },
      }),
      resource('0d1c6f70-0000-4000-8000-000000000002', 'Deployment', 'web', {
        apiVersion: 'apps/v1',
        metadata: {
          name: 'web',
          namespace: 'shop',
          uid: '0d1c6f70-0000-4000-8000-000000000002',
          ...HELM_STAMPS,
        },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: webImage }] },
          },
        },
      }),
      resource('0d1c6f70-0000-4000-8000-000000000003', 'ConfigMap', 'web-config', {
        apiVersion: 'v1',
        metadata: {
          name: 'web-config',
          namespace: 'shop',
          uid: '0d1c6f70-0000-4000-8000-000000000003',
          ...HELM_STAMPS,
        },
        data: { LEVEL: 'info' },
      }),
    ],
  };
}

interface Drift {
  summary: Record<string, number>;
  warnings: { code: string }[];
  items: {
    status: string;
    resource_id: string;
    iac: { state_source: string | null; address: string } | null;
    changes: {
      path: string;
      iac: unknown;
      live: unknown;
      changed_by: { manager: string } | null;
      declared_by?: { state_source: string | null; address: string };
    }[];
  }[];
}

async function driftOf(stateBody: unknown, reportBody: unknown, k8sResources = 3): Promise<Drift> {
  const { orgId, key } = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=prod`,
    json('PUT', stateBody, withKey(key)),
  );
  expect(upload.status).toBe(200);
  // Two patches of one object and a release (plus its rendered objects): read, nothing skipped.
  expect(await upload.json()).toMatchObject({ resource_count: 3, k8s_resource_count: k8sResources });
  return (await reportAndReadDrift<Drift>(orgId, key, reportBody)).drift;
}

describe('patch-style resources and helm_release through the state and report routes', () => {
  it('compares what kubernetes_labels and kubernetes_env declare, and nothing else of the object', async () => {
    const drift = await driftOf(state(null), report('nginx:1.27'));
    expect(drift.warnings).toEqual([]);
    const api = drift.items.find((item) => item.resource_id === 'k8s/deployment/shop/api');
    expect(api?.status).toBe('changed');
    // The item is the first declarer's; each change names the patch that declares its field.
    expect(api?.iac).toEqual({ state_source: 'main', address: 'kubernetes_env.api_env' });
    expect(
      api?.changes.map(({ path, iac, live, changed_by, declared_by }) => [
        path,
        iac,
        live,
        changed_by?.manager ?? null,
        declared_by?.address ?? null,
      ]),
    ).toEqual([
      ['metadata.labels.team', 'checkout', 'search', 'kubectl-label', 'kubernetes_labels.team'],
      ['spec.template.spec.containers[api].env[MODE].value', 'fast', 'slow', null, null],
    ]);
  });

  it('makes the objects a helm_release installed managed without a manifest: never extra, not compared', async () => {
    const drift = await driftOf(state(null), report('nginx:9.9'));
    expect(drift.items.map((item) => item.resource_id)).toEqual(['k8s/deployment/shop/api']);
    expect(drift.summary).toMatchObject({ live: 3, iac: 3, extra: 0, changed: 1, in_sync: 2, coverage: 1 });
  });

  it('compares a helm_release’s rendered objects when the state holds its manifest', async () => {
    const manifest = JSON.stringify({
      'deployment.apps/apps/v1/web': {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/managed-by': 'Helm' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const drift = await driftOf(state(manifest), report('nginx:9.9'), 4);
    const web = drift.items.find((item) => item.resource_id === 'k8s/deployment/shop/web');
    expect(web?.iac).toEqual({ state_source: 'main', address: 'helm_release.web' });
    expect(web?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['spec.template.spec.containers[web].image', 'nginx:1.27', 'nginx:9.9'],
    ]);
    // The ConfigMap is not in the manifest but carries the release's stamps: managed, not extra.
    expect(drift.items.some((item) => item.resource_id === 'k8s/configmap/shop/web-config')).toBe(false);
    expect(drift.summary).toMatchObject({ extra: 0, coverage: 1 });
  });
});

describe('the dashboard’s scan page', () => {
  it('names the patch-style resource that declares a changed field', async () => {
    const drift = await driftOf(state(null), report('nginx:1.27'));
    const items = drift.items as unknown as StoredDriftItem[];
    const page = await scanPage(
      { orgId: 'o', orgName: 'o', current: 'scan', csrf: 'x', who: 'admin token' },
      {
        id: 's',
        clusterId: 'prod',
        namespace: 'shop',
        summary: drift.summary,
        warnings: [],
      } as unknown as ScanRow,
      {
        items,
        warnings: [],
        namespaces: ['shop'],
        filters: { status: undefined, severity: undefined, namespace: undefined, page: 1 },
        histories: new Map(),
      },
    );
    expect(page.toString()).toMatch(
      /<code>metadata\.labels\.team<\/code>\s*<br \/><span class="muted">declared by <code>kubernetes_labels\.team<\/code><\/span>/,
    );
  });
});
