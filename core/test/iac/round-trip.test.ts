import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import {
  decodeBase64,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type LiveResource,
  matchDrift,
  type OperatorReportRequest,
  readTerraformState,
  secretHasher,
} from '../../src/index.ts';
import { HASH_KEY, REPORT_FIXTURES, readFixture } from './iac-fixtures.ts';

const PROVIDER = 'provider["registry.terraform.io/hashicorp/kubernetes"]';
const VARIABLE = /^\$\{var\.[A-Za-z0-9_]+\}$/;

/** `.tf.json` strings back to their values: `$${` and `%%{` are the escaped template openers. */
function unescapeTemplates(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replaceAll('$${', '${').replaceAll('%%{', '%{');
  if (Array.isArray(value)) return value.map(unescapeTemplates);
  if (isJsonObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [unescapeTemplates(k) as string, unescapeTemplates(v)]),
    );
  return value;
}

/** The Secret's plain values from the report, as `terraform apply -var …` would have supplied them. */
function secretValues(
  report: OperatorReportRequest,
  namespace: string | undefined,
  name: string,
): Record<string, string> {
  const resource = report.resources.find(
    (r) =>
      r.normalized_type === 'k8s/secret' &&
      r.name === name &&
      (r.properties.metadata?.namespace ?? report.namespace) === (namespace ?? report.namespace),
  );
  const data = (resource?.properties as JsonObject | undefined)?.data;
  const values: Record<string, string> = {};
  if (isJsonObject(data))
    for (const [key, value] of Object.entries(data))
      values[key] = new TextDecoder().decode(decodeBase64(String(value)) ?? new Uint8Array());
  return values;
}

/** One generated resource: its type, name and body as a parser hands it over. */
interface Declared {
  type: string;
  name: string;
  attributes: JsonObject;
}

/** The resources of a `.tf.json` file: nested blocks are lists there already, as in state. */
function fromTfJson(content: string): Declared[] {
  const file = unescapeTemplates(JSON.parse(content)) as JsonObject;
  return Object.entries((file.resource ?? {}) as JsonObject).flatMap(([type, byName]) =>
    Object.entries(byName as JsonObject).map(([name, body]) => ({
      type,
      name,
      attributes: body as JsonObject,
    })),
  );
}

/**
 * The resources of an HCL file as hashicorp/hcl reads them (@cdktf/hcl2json: the Go parser in
 * WebAssembly): blocks become lists of bodies, as in state, and literal strings keep `$${` escaped.
 */
async function fromHcl(content: string): Promise<Declared[]> {
  const file = unescapeTemplates((await parse('generated.tf', content)) as JsonValue) as JsonObject;
  return Object.entries((file.resource ?? {}) as JsonObject).flatMap(([type, byName]) =>
    Object.entries(byName as JsonObject).map(([name, bodies]) => ({
      type,
      name,
      attributes: (bodies as JsonObject[])[0] as JsonObject,
    })),
  );
}

/**
 * State v4 as the provider stores the generated resources: a typed resource's attributes are its body
 * (blocks as lists, maps as objects) with the variables' values; a manifest's `object` is its `manifest`.
 */
function stateOf(
  declared: readonly Declared[],
  report: OperatorReportRequest,
  live: readonly LiveResource[],
): JsonObject {
  const resources: JsonValue[] = [];
  for (const { type, name, attributes: body } of declared) {
    const attributes = { ...body };
    if (type === 'kubernetes_secret_v1') {
      const metadata = (attributes.metadata as JsonObject[])[0]!;
      const values = secretValues(report, metadata.namespace as string | undefined, metadata.name as string);
      const data = { ...(attributes.data as JsonObject) };
      for (const key of Object.keys(data)) {
        expect(data[key]).toMatch(VARIABLE);
        data[key] = values[key] ?? null;
      }
      attributes.data = data;
    }
    if (type === 'kubernetes_service_account_v1') {
      // Computed by the provider on read: the control plane's pre-1.24 token Secret (flattenServiceAccount).
      const metadata = (attributes.metadata as JsonObject[])[0]!;
      const object = live.find((r) => r.kind === 'serviceaccount' && r.name === metadata.name)?.object;
      const token = (Array.isArray(object?.secrets) ? object.secrets : [])
        .map((secret) => (isJsonObject(secret) ? String(secret.name) : ''))
        .find((secret) => secret.startsWith(`${metadata.name}-token-`));
      if (token) attributes.default_secret_name = token;
    }
    const state =
      type === 'kubernetes_manifest'
        ? { manifest: attributes.manifest, object: attributes.manifest }
        : { id: name, ...attributes };
    resources.push({
      mode: 'managed',
      type,
      name,
      provider: PROVIDER,
      instances: [{ schema_version: 1, attributes: state as JsonObject }],
    });
  }
  return { version: 4, terraform_version: '1.9.8', serial: 1, lineage: 'round-trip', resources };
}

/** Reads the state back and matches it with the live objects; the drift left (debug containers excepted). */
function driftAfterAdoption(
  declared: readonly Declared[],
  report: OperatorReportRequest,
  live: LiveResource[],
) {
  const read = readTerraformState(stateOf(declared, report, live), {
    secretHasher: secretHasher(HASH_KEY, 'k1test'),
    stateSource: 'generated',
  });
  const drift = matchDrift({ live, iac: read.resources, namespace: report.namespace });
  // A debug container (`kubectl debug`) cannot be declared (the API refuses it on create): it stays drift.
  const changes = drift.items.flatMap((item) =>
    item.changes
      .filter((change) => !change.path.startsWith('spec.ephemeralContainers['))
      .map((change) => ({ id: item.resource_id, ...change })),
  );
  return { read, notChanged: drift.items.filter((item) => item.status !== 'changed'), changes };
}

describe('generateIac', () => {
  it.each(REPORT_FIXTURES)('round-trips every object of %s through .tf.json to no drift', (path) => {
    const { report, live } = readFixture(path);
    const generated = generateIac({ live, scope: 'all', format: 'terraform-json' });
    const { read, notChanged, changes } = driftAfterAdoption(fromTfJson(generated.content), report, live);

    expect(generated.resource_count).toBe(new Set(live.filter((r) => !r.controlled).map((r) => r.id)).size);
    expect(generated.warnings.filter((w) => w.code === 'manifest_fallback')).toEqual([]);
    expect(read.k8s_resource_count).toBe(generated.resource_count);
    expect(read.skipped).toEqual({});
    expect(notChanged).toEqual([]);
    expect(changes).toEqual([]);
  });

  it.each(REPORT_FIXTURES)(
    'round-trips every object of %s through HCL read by hashicorp/hcl to no drift',
    async (path) => {
      const { report, live } = readFixture(path);
      const generated = generateIac({ live, scope: 'all', format: 'terraform' });
      const { read, notChanged, changes } = driftAfterAdoption(
        await fromHcl(generated.content),
        report,
        live,
      );

      expect(read.k8s_resource_count).toBe(generated.resource_count);
      expect(notChanged).toEqual([]);
      expect(changes).toEqual([]);
    },
  );
});
