import { defineField } from '../define-field.ts';
import type { InputIssue } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isSecretKind } from '../k8s/is-secret-kind.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { clipInput } from '../schema/clip-input.ts';
import { jsonValueIssues } from '../schema/json-value-issues.ts';
import { STATE_LIMITS } from '../schema/limits.ts';
import { redactSecret } from '../secret/redact-secret.ts';
import type { SecretHasher } from '../secret/secret-hasher.ts';

/** One object a release rendered, declared like a `kubernetes_manifest`'s. */
export interface HelmRenderedObject {
  kind: string;
  namespace: string | null;
  name: string;
  declared: JsonObject;
  recorded: JsonObject;
}

/** What one `helm_release` instance says: the release, and its rendered objects when state has them. */
export interface HelmReleaseRead {
  name: string;
  namespace: string;
  /** `null` without the provider's manifest experiment: the objects are managed, not compared. */
  objects: HelmRenderedObject[] | null;
}

/** Helm's ownership stamps (pkg/action/validate.go, setMetadataVisitor), on every object it installs. */
export const HELM_MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const HELM_RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const HELM_RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';

// helm/manifest_json.go: hashSensitiveValue writes `(sensitive value <hex>)` for every Secret `data`
// value and, through redactSensitiveValues, wherever a `set_sensitive` value appears in the manifest.
const SENSITIVE = '(sensitive value ';

function nonEmptyString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The value without the strings the provider replaced by a hash of a sensitive value: not comparable. */
function withoutSensitive(value: JsonValue): JsonValue | undefined {
  if (typeof value === 'string') return value.includes(SENSITIVE) ? undefined : value;
  if (Array.isArray(value)) return value.map((item) => withoutSensitive(item) ?? null);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = withoutSensitive(item);
    if (kept !== undefined) defineField(out, key, kept);
  }
  return out;
}

/**
 * A rendered Secret: its values are the provider's SHAKE-256 hashes (base64 of `(sensitive value …)`),
 * not comparable with the cluster's keyed hashes, so no value is declared; its keys are recorded, so a
 * key added by hand is still an addition.
 */
function secretRecord(object: JsonObject): { declared: JsonObject; recorded: JsonObject } {
  const { data, stringData, ...rest } = object;
  const keys: JsonObject = {};
  for (const map of [data, stringData])
    if (isJsonObject(map)) for (const key of Object.keys(map)) defineField(keys, key, '');
  return { declared: (withoutSensitive(rest) ?? {}) as JsonObject, recorded: { ...rest, data: keys } };
}

/** The rendered object with the labels and annotations Helm stamps on install: recorded, never additions. */
function withHelmStamps(object: JsonObject, release: { name: string; namespace: string }): JsonObject {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const labels = isJsonObject(metadata.labels) ? metadata.labels : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...labels, [HELM_MANAGED_BY_LABEL]: 'Helm' },
      annotations: {
        ...annotations,
        [HELM_RELEASE_NAME_ANNOTATION]: release.name,
        [HELM_RELEASE_NAMESPACE_ANNOTATION]: release.namespace,
      },
    },
  };
}

function renderedObjects(
  manifest: string,
  release: { name: string; namespace: string },
  path: string,
  issues: InputIssue[],
  hash: SecretHasher,
): HelmRenderedObject[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch {
    issues.push({ path: `${path}.manifest`, message: 'expected the JSON text of the rendered manifest' });
    return undefined;
  }
  if (!isJsonObject(parsed)) {
    issues.push({ path: `${path}.manifest`, message: 'expected a JSON object of rendered objects' });
    return undefined;
  }
  const objects: HelmRenderedObject[] = [];
  for (const [key, object] of Object.entries(parsed)) {
    // An empty YAML document (a template rendered to nothing): the provider keeps it as `null` under a key
    // of empty kind, version and name (`"//"`). It declares nothing.
    if (object === null) continue;
    const at = `${path}.manifest.${clipInput(key)}`;
    const found = jsonValueIssues(object, { maxDepth: STATE_LIMITS.maxDepth, maxIssues: 10, path: at });
    if (found.length > 0) {
      issues.push(...found);
      continue;
    }
    if (!isJsonObject(object)) {
      issues.push({ path: at, message: 'expected an object' });
      continue;
    }
    const metadata = isJsonObject(object.metadata) ? object.metadata : {};
    const kind = nonEmptyString(object.kind);
    const name = nonEmptyString(metadata.name);
    if (kind === null || name === null) {
      issues.push({ path: at, message: 'expected an object with kind and metadata.name' });
      continue;
    }
    // Helm installs a namespaced object that names no namespace into the release's.
    const namespace = isClusterScopedKind(kind)
      ? null
      : (nonEmptyString(metadata.namespace) ?? release.namespace);
    // The record keeps a replaced value's key (a key added by hand is still an addition); only the
    // declaration drops it.
    const { declared, recorded } = isSecretKind(kind)
      ? secretRecord(object)
      : { declared: (withoutSensitive(object) ?? {}) as JsonObject, recorded: object };
    objects.push({
      kind,
      namespace,
      name,
      declared: redactSecret(declared, hash, { data: 'base64' }),
      recorded: redactSecret(withHelmStamps(recorded, release), hash, { data: 'base64' }),
    });
  }
  return objects;
}

/**
 * One `helm_release` instance of the hashicorp/helm provider: the release (`name`, `namespace`, default
 * `default`) and, when the provider's `experiments { manifest = true }` stored it, the objects of the
 * rendered `manifest` (a JSON text: an object keyed `[<namespace>/]<kind.group>/<apiVersion>/<name>`, as
 * `convertYAMLManifestToJSON` writes it). A rendered object is declared like a `kubernetes_manifest`
 * without a server copy: what the chart rendered; Secret values and `set_sensitive` values, which the
 * provider replaced by its own hashes, are not compared.
 *
 * @example
 * readHelmRelease({ name: 'web', namespace: 'shop', manifest: null }, 'resources.0.instances.0.attributes', [], hash)
 * // { name: 'web', namespace: 'shop', objects: null }
 */
export function readHelmRelease(
  attributes: JsonObject,
  path: string,
  issues: InputIssue[],
  hash: SecretHasher,
): HelmReleaseRead | undefined {
  const name = nonEmptyString(attributes.name);
  if (name === null) {
    issues.push({ path: `${path}.name`, message: 'expected a non-empty string' });
    return undefined;
  }
  const release = { name, namespace: nonEmptyString(attributes.namespace) ?? 'default' };
  const manifest = nonEmptyString(attributes.manifest);
  if (manifest === null) return { ...release, objects: null };
  const objects = renderedObjects(manifest, release, path, issues, hash);
  return objects === undefined ? undefined : { ...release, objects };
}
