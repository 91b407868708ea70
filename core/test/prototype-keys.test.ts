import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import {
  type DriftResult,
  generateIac,
  type JsonObject,
  type LiveResource,
  matchDrift,
  operatorReportRequestSchema,
  readTerraformState,
  redactSecret,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';
import { withoutZeroValues } from '../src/match/without-zero-values.ts';

// `__proto__` and `constructor` are valid keys of a ConfigMap's or a Secret's data ([-._a-zA-Z0-9]+) and of
// any CRD's spec, so every map built from data must keep them as own keys. The fixtures are JSON text:
// `JSON.parse` keeps `"__proto__"` as an own key, where an object literal in this file would set the
// prototype instead.
const REPORT = readFileSync(new URL('fixtures/prototype-keys/report.json', import.meta.url), 'utf8');
const STATE = readFileSync(new URL('fixtures/prototype-keys/state.tfstate', import.meta.url), 'utf8');

const hasher = secretHasher('prototype-keys', 'k1test');

function liveOf(reportText: string): LiveResource[] {
  return toLiveResources(operatorReportRequestSchema.parse(JSON.parse(reportText)), { secretHasher: hasher });
}

const iac = () => readTerraformState(STATE, { secretHasher: hasher, stateSource: 'main' }).resources;

function objectOf(resources: readonly { id: string; object?: JsonObject }[], id: string): JsonObject {
  const found = resources.find((resource) => resource.id === id);
  if (found?.object === undefined) throw new Error(`no ${id}`);
  return found.object;
}

/** The own keys of `value`, and whether its prototype is still Object.prototype (an assignment replaces it). */
function ownKeys(value: unknown): { keys: string[]; prototype: boolean } {
  return {
    keys: Object.keys(value as object).sort(),
    prototype: Object.getPrototypeOf(value) === Object.prototype,
  };
}

/** The own value under `key` (`value.__proto__` would read the prototype when the key was lost). */
function own(value: unknown, key: string): unknown {
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}

const drift = (live: LiveResource[]): DriftResult => matchDrift({ live, iac: iac(), namespace: 'shop' });

function changesOf(result: DriftResult) {
  return result.items.flatMap((item) =>
    item.changes.map((change) => ({
      id: item.resource_id,
      path: change.path,
      iac: change.iac,
      live: change.live,
    })),
  );
}

describe('a __proto__ or constructor data key', () => {
  it('stays an own key of ConfigMap data, Secret data and a CRD spec when toLiveResources reads a report', () => {
    const live = liveOf(REPORT);
    const configMap = objectOf(live, 'k8s/configmap/shop/settings');
    const secret = objectOf(live, 'k8s/secret/shop/creds');
    const widget = objectOf(live, 'k8s/widget/shop/w');

    expect(ownKeys(configMap.data)).toEqual({ keys: ['__proto__', 'constructor', 'mode'], prototype: true });
    expect(ownKeys(configMap.binaryData)).toEqual({ keys: ['__proto__'], prototype: true });
    expect(ownKeys(secret.data)).toEqual({ keys: ['__proto__', 'constructor', 'user'], prototype: true });
    expect(own(secret.data as JsonObject, '__proto__')).toMatch(/^hmac-sha256:k1test:[0-9a-f]{64}$/);
    expect(ownKeys(widget.spec)).toEqual({ keys: ['__proto__', 'constructor', 'replicas'], prototype: true });
  });

  it('stays an own key, hashed, when redactSecret folds stringData and binaryData into data', () => {
    const secret = JSON.parse(
      '{"kind":"Secret","data":{"__proto__":"YQ=="},"stringData":{"constructor":"b"},"binaryData":{"toString":"Yw=="}}',
    );
    const redacted = redactSecret(secret, hasher, { data: 'base64' });

    expect(ownKeys(redacted.data)).toEqual({
      keys: ['__proto__', 'constructor', 'toString'],
      prototype: true,
    });
    for (const value of Object.values(redacted.data as JsonObject)) expect(value).toMatch(/^hmac-sha256:/);
  });

  it('stays an own key of typed state attribute maps and of a kubernetes_manifest when the state is read', () => {
    const resources = iac();
    const declared = (id: string) => resources.find((resource) => resource.id === id)!;

    expect(ownKeys(declared('k8s/configmap/shop/settings').declared.data)).toEqual({
      keys: ['__proto__', 'constructor', 'mode'],
      prototype: true,
    });
    expect(ownKeys(declared('k8s/secret/shop/creds').declared.data)).toEqual({
      keys: ['__proto__', 'constructor', 'user'],
      prototype: true,
    });
    const widget = declared('k8s/widget/shop/w');
    expect(ownKeys(widget.declared.spec)).toEqual({
      keys: ['__proto__', 'constructor', 'replicas'],
      prototype: true,
    });
    expect(ownKeys(widget.recorded.spec)).toEqual({
      keys: ['__proto__', 'constructor', 'replicas'],
      prototype: true,
    });
  });

  it('is in sync when the live value equals the declared one', () => {
    const result = drift(liveOf(REPORT));

    expect(changesOf(result)).toEqual([]);
    expect(result.summary).toMatchObject({ changed: 0, missing: 0, extra: 0 });
  });

  it('is exactly one change when its value is edited by hand', () => {
    const edited = REPORT.replace('"__proto__": "x"', '"__proto__": "y"');
    expect(edited).not.toBe(REPORT);

    expect(changesOf(drift(liveOf(edited)))).toEqual([
      { id: 'k8s/configmap/shop/settings', path: 'data.__proto__', iac: 'x', live: 'y' },
    ]);
  });

  it('is exactly one change, redacted, when a Secret value under it is edited by hand', () => {
    const original = (JSON.parse(REPORT) as { resources: { properties: JsonObject }[] }).resources[1]!;
    const encoded = own(original.properties.data as JsonObject, '__proto__') as string;
    const edited = REPORT.replace(encoded, btoa('changed'));

    const changes = changesOf(drift(liveOf(edited)));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ id: 'k8s/secret/shop/creds', path: 'data.__proto__' });
  });

  it('is exactly one change when a field under it in a CRD spec is edited by hand', () => {
    const edited = REPORT.replace('"size": "2"', '"size": "3"');

    expect(changesOf(drift(liveOf(edited)))).toEqual([
      { id: 'k8s/widget/shop/w', path: 'spec.__proto__.size', iac: '2', live: '3' },
    ]);
  });

  it('is a change, not Object.prototype, when a constructor key is removed live', () => {
    const edited = REPORT.replace(/"constructor": "c",\s*"mode"/, '"mode"');
    expect(edited).not.toBe(REPORT);

    expect(changesOf(drift(liveOf(edited)))).toEqual([
      { id: 'k8s/configmap/shop/settings', path: 'data.constructor', iac: 'c', live: null },
    ]);
  });
});

describe('generateIac of objects with __proto__ and constructor keys', () => {
  const live = () => liveOf(REPORT);

  it('keeps them in the .tf.json output', () => {
    const { content } = generateIac({ live: live(), scope: 'all', format: 'terraform-json' });
    const resource = JSON.parse(content).resource;
    const configMap = resource.kubernetes_config_map_v1.shop_settings;
    const secret = resource.kubernetes_secret_v1.shop_creds;
    const widget = resource.kubernetes_manifest.shop_w;

    expect(ownKeys(configMap.data)).toEqual({ keys: ['__proto__', 'constructor', 'mode'], prototype: true });
    expect(own(configMap.data, '__proto__')).toBe('x');
    expect(ownKeys(configMap.binary_data)).toEqual({ keys: ['__proto__'], prototype: true });
    expect(ownKeys(secret.data)).toEqual({ keys: ['__proto__', 'constructor', 'user'], prototype: true });
    expect(own(secret.data, '__proto__')).toMatch(/^\$\{var\.[a-z0-9_]+\}$/);
    expect(ownKeys(widget.manifest.spec)).toEqual({
      keys: ['__proto__', 'constructor', 'replicas'],
      prototype: true,
    });
    expect(own(widget.manifest.spec, '__proto__')).toEqual({ size: '2' });
  });

  it('keeps them in the HCL output, as hashicorp/hcl reads it', async () => {
    const { content } = generateIac({ live: live(), scope: 'all' });
    const file = (await parse('generated.tf', content)) as {
      resource: Record<string, Record<string, Array<Record<string, unknown>>>>;
    };
    const configMap = file.resource.kubernetes_config_map_v1!.shop_settings![0]!;
    const secret = file.resource.kubernetes_secret_v1!.shop_creds![0]!;
    const widget = file.resource.kubernetes_manifest!.shop_w![0]! as { manifest: { spec: JsonObject } };

    expect(ownKeys(configMap.data)).toEqual({ keys: ['__proto__', 'constructor', 'mode'], prototype: true });
    expect(own(configMap.data as JsonObject, '__proto__')).toBe('x');
    expect(ownKeys(secret.data)).toEqual({ keys: ['__proto__', 'constructor', 'user'], prototype: true });
    expect(ownKeys(widget.manifest.spec)).toEqual({
      keys: ['__proto__', 'constructor', 'replicas'],
      prototype: true,
    });
  });
});

/** A state file around resources given as JSON text (so that they can hold a `__proto__` key). */
function stateText(resources: string[]): string {
  return `{"version":4,"terraform_version":"1.9.8","serial":1,"lineage":"l","outputs":{},"resources":[${resources.join(',')}]}`;
}

const KUBERNETES = JSON.stringify('provider["registry.terraform.io/hashicorp/kubernetes"]');
const resourceText = (type: string, name: string, attributes: string, provider = KUBERNETES) =>
  `{"mode":"managed","type":"${type}","name":"${name}","provider":${provider},"instances":[{"schema_version":0,"attributes":${attributes}}]}`;

describe('a __proto__ data key in the other places a map is built from data', () => {
  it('is merged from a kubernetes_config_map_v1_data into the typed ConfigMap, and its change declared by it', () => {
    const metadata = '[{"name":"settings","namespace":"shop","uid":"u-settings"}]';
    const state = stateText([
      resourceText(
        'kubernetes_config_map_v1',
        'settings',
        `{"metadata":${metadata},"data":{"a":"b"},"binary_data":{"__proto__":"Ymlu"}}`,
      ),
      resourceText(
        'kubernetes_config_map_v1_data',
        'extra',
        `{"metadata":${metadata},"data":{"__proto__":"p","constructor":"c"},"field_manager":"Terraform","force":false}`,
      ),
    ]);
    const resources = readTerraformState(state, { secretHasher: hasher, stateSource: 'main' }).resources;
    const live = liveOf(
      REPORT.replace(
        /"data": \{\s*"__proto__": "x",\s*"constructor": "c",\s*"mode": "fast"\s*\}/,
        '"data": {"__proto__": "x", "constructor": "c", "a": "b"}',
      ),
    ).filter((resource) => resource.kind === 'configmap');
    const result = matchDrift({ live, iac: resources, namespace: 'shop' });

    expect(
      result.items.flatMap((item) =>
        item.changes.map(({ path, iac, live, declared_by }) => [path, iac, live, declared_by]),
      ),
    ).toEqual([
      ['data.__proto__', 'p', 'x', { state_source: 'main', address: 'kubernetes_config_map_v1_data.extra' }],
    ]);
  });

  it('stays a key of a helm_release’s rendered ConfigMap and Secret', () => {
    const rendered = JSON.stringify(
      `{"configmap/v1/cfg":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"__proto__":"v","token":"(sensitive value 00)"}},` +
        `"secret/v1/sec":{"apiVersion":"v1","kind":"Secret","metadata":{"name":"sec"},"data":{"__proto__":"${btoa('(sensitive value 01)')}"}}}`,
    );
    const state = stateText([
      resourceText(
        'helm_release',
        'web',
        `{"id":"web","name":"web","namespace":"shop","chart":"web","manifest":${rendered},"metadata":{"name":"web","namespace":"shop","revision":1}}`,
        JSON.stringify('provider["registry.terraform.io/hashicorp/helm"]'),
      ),
    ]);
    const resources = readTerraformState(state, { secretHasher: hasher }).resources;
    const byId = (id: string) => resources.find((resource) => resource.id === id)!;

    expect(ownKeys(byId('k8s/configmap/shop/cfg').declared.data)).toEqual({
      keys: ['__proto__'],
      prototype: true,
    });
    expect(ownKeys(byId('k8s/secret/shop/sec').recorded.data)).toEqual({
      keys: ['__proto__'],
      prototype: true,
    });
  });

  it('counts a skipped resource type named __proto__ or constructor as a number', () => {
    const aws = JSON.stringify('provider["registry.terraform.io/hashicorp/aws"]');
    const state = stateText([
      resourceText('__proto__', 'a', '{}', aws),
      resourceText('constructor', 'b', '{}', aws),
      resourceText('constructor', 'c', '{}', aws),
    ]);
    const { skipped } = readTerraformState(state, { secretHasher: hasher });

    expect(Object.entries(skipped)).toEqual([
      ['__proto__', 1],
      ['constructor', 2],
    ]);
  });

  it('stays a key when withoutZeroValues prunes a declared value', () => {
    const pruned = withoutZeroValues(JSON.parse('{"__proto__":{"a":"1","b":""},"constructor":"c"}'));

    expect(ownKeys(pruned)).toEqual({ keys: ['__proto__', 'constructor'], prototype: true });
    expect(own(pruned, '__proto__')).toEqual({ a: '1' });
  });
});
