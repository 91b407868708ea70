// Secrets of every spelling and shape (issue 7 defect 1), shared by the workerd and the Node/libSQL
// tests: a report Secret, a typed state Secret, a kubernetes_manifest Secret, each with the
// last-applied-configuration annotation kubectl writes (it holds the plain Secret). Pure: no runtime imports.
import fc from 'fast-check';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const PROVIDER = 'provider["registry.terraform.io/hashicorp/kubernetes"]';

/** One generated case: a kind spelling and the values each shape carries (distinct, so a leak names its shape). */
export interface SecretCase {
  kind: string;
  live: string;
  liveString: string;
  typed: string;
  typedBinary: string;
  manifest: string;
  manifestString: string;
}

/** Every case of `secret`: `secret`, `Secret`, `SECRET`, `sEcReT`, … */
const kindSpelling = fc
  .array(fc.boolean(), { minLength: 6, maxLength: 6 })
  .map((upper) => [...'secret'].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

/** Long and marked enough that finding it, or its base64, anywhere means it leaked. */
const value = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `SV${s}`);

export const secretCase: fc.Arbitrary<SecretCase> = fc.record({
  kind: kindSpelling,
  live: value,
  liveString: value,
  typed: value,
  typedBinary: value,
  manifest: value,
  manifestString: value,
});

/** The raw values of a case and their base64 forms: none may be found at rest or in a response. */
export function needles(c: SecretCase): string[] {
  const raw = [c.live, c.liveString, c.typed, c.typedBinary, c.manifest, c.manifestString];
  return [...raw, ...raw.map((text) => btoa(text))];
}

/** The needles that occur in `text`. */
export function leaksIn(text: string, c: SecretCase): string[] {
  return needles(c).filter((needle) => text.includes(needle));
}

function lastApplied(kind: string, data: Record<string, string>, stringData: Record<string, string>) {
  return { [LAST_APPLIED]: JSON.stringify({ apiVersion: 'v1', kind, data, stringData }) };
}

/** A report with the case's Secret `db` and a Secret `db-typed` (both spelled as the case says). */
export function secretReport(c: SecretCase, clusterId: string) {
  const secret = (name: string) => ({
    id: `uid-${name}`,
    normalized_type: 'k8s/secret',
    provider_type: 'secret',
    provider: 'kubernetes',
    name,
    properties: {
      apiVersion: 'v1',
      kind: c.kind,
      metadata: {
        name,
        namespace: 'apps',
        annotations: lastApplied(c.kind, { password: btoa(c.live) }, { token: c.liveString }),
      },
      data: { password: btoa(c.live) },
      stringData: { token: c.liveString },
    },
  });
  return { cluster_id: clusterId, namespace: 'apps', resources: [secret('db'), secret('db-typed')] };
}

/** A state file with a `kubernetes_manifest` Secret `db` and a typed `kubernetes_secret_v1` `db-typed`. */
export function secretState(c: SecretCase, serial = 1) {
  const manifest = {
    apiVersion: 'v1',
    kind: c.kind,
    metadata: {
      name: 'db',
      namespace: 'apps',
      annotations: lastApplied(c.kind, { password: btoa(c.manifest) }, { token: c.manifestString }),
    },
    data: { password: btoa(c.manifest) },
    stringData: { token: c.manifestString },
  };
  const object = { ...manifest, metadata: { ...manifest.metadata, uid: 'uid-db' } };
  const typed = {
    id: 'apps/db-typed',
    metadata: [
      {
        name: 'db-typed',
        namespace: 'apps',
        uid: 'uid-db-typed',
        labels: {},
        annotations: lastApplied('Secret', { password: c.typed }, {}),
        generate_name: '',
        generation: 0,
        resource_version: '1',
      },
    ],
    data: { password: c.typed },
    binary_data: { blob: btoa(c.typedBinary) },
    type: 'Opaque',
    immutable: false,
  };
  const resource = (type: string, name: string, attributes: unknown) => ({
    mode: 'managed',
    type,
    name,
    provider: PROVIDER,
    instances: [{ schema_version: 1, attributes, sensitive_attributes: [] }],
  });
  return {
    version: 4,
    terraform_version: '1.9.8',
    serial,
    lineage: '11111111-1111-4111-8111-111111111111',
    outputs: {},
    resources: [
      resource('kubernetes_manifest', 'db', { manifest: { value: manifest, type: ['object'] }, object }),
      resource('kubernetes_secret_v1', 'db_typed', typed),
    ],
  };
}
