import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/json.ts';
import { resourceId } from '../../src/k8s/resource-id.ts';
import { redactSecret } from '../../src/secret/redact-secret.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { EXAMPLES_DIR, readExample } from '../support/examples.ts';

const hash = secretHasher('state-reader-tests', 'k1test');

function readState(name: string) {
  return readTerraformState(readFileSync(`${EXAMPLES_DIR}${name}/state.tfstate`, 'utf8'), {
    secretHasher: hash,
    stateSource: 'main',
  });
}

/** Live objects of a report by resource ID; Secret data hashed the way live data will be (base64). */
function liveObjects(name: string): Map<string, JsonObject> {
  const report = readExample(name, 'report.json') as {
    namespace: string;
    resources: { normalized_type: string; name: string; properties: JsonObject }[];
  };
  const out = new Map<string, JsonObject>();
  for (const resource of report.resources) {
    const metadata = resource.properties.metadata as JsonObject;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : report.namespace;
    const kind = resource.normalized_type.slice('k8s/'.length);
    out.set(
      resourceId({ kind, namespace, name: resource.name }),
      redactSecret(resource.properties, hash, { data: 'base64' }),
    );
  }
  return out;
}

// A tiny stand-in for the matcher, to pin what the reader's output means: zero is "unset".
function isZero(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function scalarsEqual(a: JsonValue, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  // int-or-string: 8080 and "8080" are the same port.
  const numeric = (v: JsonValue | undefined) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
  return numeric(a) === numeric(b);
}

const named = (list: JsonValue[]) =>
  list.length > 0 && list.every((i) => isJsonObject(i) && typeof i.name === 'string');
const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

// Free-form maps, where a key only the live object has is an addition; elsewhere extra live keys are
// server defaults. Keys of a `*.kubernetes.io` / `*.k8s.io` domain are written by controllers, and the
// provider leaves them out of state (`deployment.kubernetes.io/revision`).
const FREE_FORM = /(^|\.)(labels|annotations|data|binaryData|nodeSelector|matchLabels)$|^spec\.selector$/;
const internal = (key: string) => /(^|\.)(kubernetes\.io|k8s\.io)\//.test(key);

/** Paths where the declared object and the live one differ, in the CONTRACT's path syntax. */
function differences(
  declared: JsonValue,
  live: JsonValue | undefined,
  path = '',
  out: string[] = [],
): string[] {
  if (isJsonObject(declared) || (declared === null && isJsonObject(live))) {
    const object = declared ?? {};
    if (live !== undefined && live !== null && !isJsonObject(live)) {
      if (!isZero(object) || !isZero(live)) out.push(path);
      return out;
    }
    for (const [key, value] of Object.entries(object)) differences(value, live?.[key], join(path, key), out);
    if (FREE_FORM.test(path) && isJsonObject(live)) {
      for (const key of Object.keys(live)) if (!(key in object) && !internal(key)) out.push(join(path, key));
    }
  } else if (isZero(declared)) {
    if (!isZero(live)) out.push(path);
  } else if (Array.isArray(declared)) {
    if (!Array.isArray(live)) out.push(path);
    else if (named(declared)) {
      const byName = new Map(live.filter(isJsonObject).map((item) => [item.name, item]));
      for (const item of declared as JsonObject[])
        differences(item, byName.get(item.name), `${path}[${item.name}]`, out);
      // A named item only the live object has is an addition (a hand-added env var, sidecar, …).
      const declaredNames = new Set((declared as JsonObject[]).map((item) => item.name));
      for (const [name] of byName) if (!declaredNames.has(name)) out.push(`${path}[${name}]`);
    } else {
      for (const [i, item] of declared.entries()) differences(item, live[i], `${path}[${i}]`, out);
    }
  } else if (!scalarsEqual(declared, live)) out.push(path);
  return out;
}

function driftOf(name: string): Record<string, string[]> {
  const live = liveObjects(name);
  const out: Record<string, string[]> = {};
  for (const resource of readState(name).resources) {
    const object = live.get(resource.id);
    out[resource.id] = object === undefined ? ['(missing)'] : differences(resource.declared, object).sort();
  }
  return out;
}

describe('readTerraformState on the shared examples', () => {
  it.each([
    [
      'in-sync',
      4,
      [
        'kubernetes_deployment_v1.stockkeeper',
        'kubernetes_service_v1.stockkeeper',
        'kubernetes_config_map_v1.settings',
        'kubernetes_secret_v1.stockkeeper_db',
      ],
    ],
    [
      'hand-edits',
      4,
      [
        'kubernetes_deployment_v1.tracker',
        'kubernetes_service_v1.tracker',
        'module.dispatch.kubernetes_deployment_v1.dispatcher',
        'module.dispatch.kubernetes_config_map_v1.rules',
      ],
    ],
    [
      'missing-extra-manifest',
      3,
      [
        'kubernetes_deployment_v1.site["en"]',
        'kubernetes_deployment_v1.site["ja"]',
        'kubernetes_manifest.sitemap_refresh',
      ],
    ],
  ])('reads the IaC resources and addresses of %s', (name, count, addresses) => {
    const read = readState(name);
    expect(read.k8s_resource_count).toBe(count);
    expect(read.resource_count).toBe(count);
    expect(read.resources.map((r) => r.origin)).toEqual(
      addresses.map((address) => ({ state_source: 'main', address })),
    );
    expect(read.skipped).toEqual({});
  });

  it('gives no difference on any declared field when nothing was touched (in-sync)', () => {
    expect(driftOf('in-sync')).toEqual({
      'k8s/deployment/inventory/stockkeeper': [],
      'k8s/service/inventory/stockkeeper': [],
      'k8s/configmap/inventory/stockkeeper-settings': [],
      'k8s/secret/inventory/stockkeeper-db': [],
    });
  });

  it('differs on exactly the hand edits when objects were edited by hand (hand-edits)', () => {
    expect(driftOf('hand-edits')).toEqual({
      'k8s/deployment/fleet/tracker': ['spec.replicas', 'spec.template.spec.containers[tracker].image'],
      'k8s/service/fleet/tracker': [],
      'k8s/deployment/fleet/dispatcher': ['spec.template.spec.containers[dispatcher].env[TRACE_SAMPLING]'],
      'k8s/configmap/fleet/routing-rules': ['data.MAX_STOPS_PER_ROUTE'],
    });
  });

  it('differs on the patched schedule and misses the deleted Deployment (missing-extra-manifest)', () => {
    expect(driftOf('missing-extra-manifest')).toEqual({
      'k8s/deployment/docs/site-en': [],
      'k8s/deployment/docs/site-ja': ['(missing)'],
      'k8s/cronjob/docs/sitemap-refresh': ['spec.schedule'],
    });
  });

  it('detects a changed Secret value through the hashes on both sides', () => {
    const live = liveObjects('in-sync');
    const secret = readState('in-sync').resources.find((r) => r.kind === 'secret')!;
    const edited = structuredClone(live.get(secret.id)!);
    const plain = readExample('in-sync', 'report.json') as { resources: { properties: JsonObject }[] };
    const raw = plain.resources.find((r) => (r.properties as JsonObject).kind === 'Secret')!.properties;
    const changed = redactSecret({ ...raw, data: { ...(raw.data as JsonObject), dsn: 'b3RoZXI=' } }, hash, {
      data: 'base64',
    });
    expect(differences(secret.declared, edited)).toEqual([]);
    expect(differences(secret.declared, changed)).toEqual(['data.dsn']);
  });
});
