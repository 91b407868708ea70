import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import { matchDriftInPartitions } from '../../src/match/match-drift-in-partitions.ts';
import type { IacResource, LiveResource } from '../../src/model.ts';
import { secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { stateFile, stateResource, typedInstance } from '../state/state-builder.ts';
import { liveOf } from './builders.ts';

const hash = secretHasher('helm-test-key', 'k1');
const HELM_PROVIDER = 'provider["registry.terraform.io/hashicorp/helm"]';
const CREATED = '2025-03-01T10:00:00Z';
const INSTALLED = '2025-03-02T10:00:00Z';
const LATER = '2025-06-03T02:25:37Z';

function entry(manager: string, time: string, fieldsV1: JsonObject): JsonObject {
  return { manager, operation: 'Update', apiVersion: 'apps/v1', time, fieldsType: 'FieldsV1', fieldsV1 };
}

/** The rendered manifest as the provider stores it (helm/manifest_json.go, convertYAMLManifestToJSON). */
function manifestJson(objects: Record<string, JsonObject>): string {
  const out: Record<string, string> = {};
  for (const [key, object] of Object.entries(objects)) out[key] = JSON.stringify(object);
  // The provider marshals a map of json.RawMessage: the objects are inline, not strings.
  return `{${Object.entries(out)
    .map(([key, text]) => `${JSON.stringify(key)}:${text}`)
    .join(',')}}`;
}

const RENDERED_DEPLOYMENT: JsonObject = {
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
};

function release(manifest: string | null, extra: JsonObject = {}): JsonObject {
  return stateResource(
    'helm_release',
    [
      typedInstance({
        id: 'web',
        name: 'web',
        namespace: 'shop',
        chart: 'web',
        manifest,
        metadata: { name: 'web', namespace: 'shop', revision: 3 },
        ...extra,
      }),
    ],
    { name: 'web', provider: HELM_PROVIDER },
  );
}

function iacFrom(resources: JsonObject[]): IacResource[] {
  return readTerraformState(stateFile(resources), { secretHasher: hash, stateSource: 'main' }).resources;
}

/** A live object Helm installed for release `web` of namespace `shop`. */
function installed(
  kind: string,
  name: string,
  body: JsonObject,
  options: { namespace?: string | null; release?: string; managedFields?: JsonObject[] } = {},
): LiveResource {
  const namespace = options.namespace === undefined ? 'shop' : options.namespace;
  const metadata = (body.metadata as JsonObject | undefined) ?? {};
  return liveOf({
    kind: kind.toLowerCase(),
    namespace,
    name,
    object: {
      ...body,
      kind,
      metadata: {
        ...metadata,
        name,
        ...(namespace === null ? {} : { namespace }),
        creationTimestamp: CREATED,
        labels: {
          ...((metadata.labels as JsonObject | undefined) ?? {}),
          'app.kubernetes.io/managed-by': 'Helm',
        },
        annotations: {
          ...((metadata.annotations as JsonObject | undefined) ?? {}),
          'meta.helm.sh/release-name': options.release ?? 'web',
          'meta.helm.sh/release-namespace': 'shop',
        },
        ...(options.managedFields ? { managedFields: options.managedFields } : {}),
      },
    },
  });
}

function liveWeb(image = 'nginx:1.27', extra: { managedFields?: JsonObject[]; labels?: JsonObject } = {}) {
  return installed(
    'Deployment',
    'web',
    {
      apiVersion: 'apps/v1',
      metadata: { labels: { app: 'web', ...(extra.labels ?? {}) } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image, imagePullPolicy: 'IfNotPresent' }] },
        },
      },
    },
    extra.managedFields ? { managedFields: extra.managedFields } : {},
  );
}

describe('helm_release without the manifest experiment', () => {
  const iac = iacFrom([release(null)]);

  it('reads the release and no object, and counts nothing as skipped', () => {
    const read = readTerraformState(stateFile([release(null)]), { secretHasher: hash });
    expect(read.skipped).toEqual({});
    expect(read.resources.map((resource) => [resource.id, resource.declares, resource.helm_release])).toEqual(
      [['helm/shop/web', 'release', { name: 'web', namespace: 'shop' }]],
    );
  });

  it('makes the objects the release installed managed: never extra, in coverage, not compared', () => {
    const live = [
      liveWeb('nginx:9.9'),
      installed('ConfigMap', 'web-config', { apiVersion: 'v1', data: { A: '1' } }),
    ];
    const result = matchDrift({ iac, live, namespace: 'shop' });
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ live: 2, iac: 2, in_sync: 2, extra: 0, coverage: 1 });
  });

  it('leaves an object of a release the state does not hold extra', () => {
    const result = matchDrift({
      iac,
      live: [installed('ConfigMap', 'other', { apiVersion: 'v1' }, { release: 'other' })],
      namespace: 'shop',
    });
    expect(result.items.map((item) => [item.status, item.resource_id])).toEqual([
      ['extra', 'k8s/configmap/shop/other'],
    ]);
  });

  it('needs the managed-by label as well as the annotations', () => {
    const object = installed('ConfigMap', 'cfg', { apiVersion: 'v1' });
    (object.object.metadata as JsonObject).labels = {};
    expect(matchDrift({ iac, live: [object], namespace: 'shop' }).summary.extra).toBe(1);
  });

  it('manages objects the release put in other namespaces and cluster-scoped ones, also per partition', async () => {
    const elsewhere = installed('ConfigMap', 'shared', { apiVersion: 'v1' }, { namespace: 'ops' });
    const clusterRole = installed(
      'ClusterRole',
      'web-reader',
      { apiVersion: 'rbac.authorization.k8s.io/v1', rules: [] },
      { namespace: null },
    );
    const whole = matchDrift({ iac, live: [elsewhere, clusterRole], namespace: '*' });
    expect(whole.summary).toMatchObject({ live: 2, extra: 0, iac: 2 });
    async function* partitions() {
      yield { namespace: 'ops', live: [elsewhere] };
      yield { namespace: null, live: [clusterRole] };
    }
    const parted = await matchDriftInPartitions({ iac, partitions: partitions(), namespace: '*' });
    expect(parted.summary).toEqual(whole.summary);
    expect(parted.items).toEqual([]);
  });

  it('never reports the release itself missing, nor counts it', () => {
    const result = matchDrift({ iac, live: [], namespace: 'shop' });
    expect(result.items).toEqual([]);
    expect(result.summary.iac).toBe(0);
  });
});

describe('helm_release with the rendered manifest', () => {
  const manifest = manifestJson({
    'deployment.apps/apps/v1/web': RENDERED_DEPLOYMENT,
    'secret/v1/web-secret': {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-secret', creationTimestamp: null },
      // The provider's hash of each value, base64 as json.Marshal writes []byte.
      data: { password: btoa('(sensitive value 0a1b2c3d4e5f6a7b)') },
    },
    'ops/configmap/v1/web-ops': {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-ops', namespace: 'ops' },
      data: { token: '(sensitive value 0011223344556677)', level: 'info' },
    },
  });
  const iac = iacFrom([release(manifest)]);

  it('reads each rendered object as a declaration with the release’s address', () => {
    expect(iac.map((resource) => [resource.id, resource.terraform_type, resource.origin.address])).toEqual([
      ['helm/shop/web', 'helm_release', 'helm_release.web'],
      ['k8s/deployment/shop/web', 'helm_release', 'helm_release.web'],
      ['k8s/secret/shop/web-secret', 'helm_release', 'helm_release.web'],
      ['k8s/configmap/ops/web-ops', 'helm_release', 'helm_release.web'],
    ]);
  });

  it('is in sync with what it rendered, Helm’s own stamps included', () => {
    const result = matchDrift({ iac, live: [liveWeb()], namespace: 'shop' });
    expect(result.items.filter((item) => item.status !== 'missing')).toEqual([]);
  });

  it('compares the rendered fields and names the release', () => {
    const result = matchDrift({ iac, live: [liveWeb('nginx:9.9')], namespace: 'shop' });
    const changed = result.items.find((item) => item.status === 'changed');
    expect(changed?.iac).toEqual({ state_source: 'main', address: 'helm_release.web' });
    expect(changed?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['spec.template.spec.containers[web].image', 'nginx:1.27', 'nginx:9.9'],
    ]);
  });

  it('reports a rendered object deleted by hand missing', () => {
    const result = matchDrift({ iac, live: [liveWeb()], namespace: 'shop' });
    expect(result.items.map((item) => [item.status, item.resource_id])).toEqual([
      ['missing', 'k8s/secret/shop/web-secret'],
    ]);
  });

  it('reports a hand-added label as an addition', () => {
    const result = matchDrift({
      iac,
      live: [liveWeb('nginx:1.27', { labels: { oncall: 'me' } })],
      namespace: 'shop',
    });
    const changed = result.items.find((item) => item.status === 'changed');
    expect(changed?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['metadata.labels.oncall', null, 'me'],
    ]);
  });

  it('does not compare Secret values (the provider keeps its own hashes) but sees an added key', () => {
    const secret = (data: JsonObject) =>
      installed('Secret', 'web-secret', { apiVersion: 'v1', type: 'Opaque', data });
    const same = matchDrift({
      iac,
      live: [liveWeb(), secret({ password: hash(textBytes('anything')) })],
      namespace: 'shop',
    });
    expect(same.items).toEqual([]);
    const added = matchDrift({
      iac,
      live: [liveWeb(), secret({ password: hash(textBytes('x')), extra: hash(textBytes('y')) })],
      namespace: 'shop',
    });
    expect(added.items[0]?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['data.extra', null, '(redacted)'],
    ]);
  });

  it('does not compare a value the provider replaced for set_sensitive', () => {
    const ops = installed(
      'ConfigMap',
      'web-ops',
      { apiVersion: 'v1', data: { token: 'the-real-token', level: 'debug' } },
      { namespace: 'ops' },
    );
    const result = matchDrift({ iac, live: [ops], namespace: 'ops' });
    expect(result.items[0]?.changes.map(({ path, iac, live }) => [path, iac, live])).toEqual([
      ['data.level', 'info', 'debug'],
    ]);
  });

  it('takes the Helm provider’s manager as the IaC side’s for undeclared fields', () => {
    const fields = { 'f:spec': { 'f:paused': {} } };
    const edited = (editTime: string) => {
      const live = liveWeb('nginx:1.27', {
        managedFields: [
          entry('kubectl-edit', editTime, fields),
          entry('terraform-provider-helm_v3.0.2', INSTALLED, { 'f:spec': { 'f:replicas': {} } }),
        ],
      });
      (live.object.spec as JsonObject).paused = true;
      return matchDrift({ iac, live: [live], namespace: 'shop' }).items.filter(
        (item) => item.status === 'changed',
      );
    };
    // Before the release's last write: adopted. After it: a person's edit.
    expect(edited(CREATED)).toEqual([]);
    expect(edited(LATER)[0]?.changes.map(({ path, undeclared }) => [path, undeclared])).toEqual([
      ['spec.paused', true],
    ]);
  });

  it('reads an empty rendered document (the provider keys it "//" with null) as declaring nothing', () => {
    // A template that renders to nothing (all of it behind an `if`, or comments) is an empty YAML
    // document; convertYAMLManifestToJSON still stores it, under a key of empty kind, version and name.
    const withEmpty = `${manifest.slice(0, -1)},"//":null}`;
    const read = iacFrom([release(withEmpty)]);
    expect(read).toEqual(iacFrom([release(manifest)]));
  });

  it('refuses a manifest that is not the JSON the provider writes', () => {
    expect(() => iacFrom([release('not json')])).toThrow(expect.objectContaining({ code: 'invalid_state' }));
    expect(() => iacFrom([release('{"x/v1/a":{"kind":"ConfigMap"}}')])).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });
});
