import { parseAllDocuments, type Tags } from 'yaml';
import type { InputIssue } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { jsonValueIssues } from '../schema/json-value-issues.ts';
import { STATE_LIMITS } from '../schema/limits.ts';
import { redactSecret } from '../secret/redact-secret.ts';
import type { SecretHasher } from '../secret/secret-hasher.ts';

/** The object a `kubectl_manifest` declares, in API shape. */
export interface KubectlManifestRead {
  kind: string;
  namespace: string | null;
  name: string;
  uid: string | null;
  declared: JsonObject;
  recorded: JsonObject;
}

/**
 * kubectl reads YAML through sigs.k8s.io/yaml and go-yaml v2, i.e. YAML 1.1 scalars (`yes`/`on` are
 * booleans, `0644` is octal) but plain JSON values: a timestamp stays a string, and the other 1.1 tags
 * (binary, set, omap, pairs) do not apply.
 */
const NOT_JSON = ['timestamp', 'binary', 'set', 'omap', 'pairs'];
const NOT_JSON_TAGS = new Set(NOT_JSON.map((name) => `tag:yaml.org,2002:${name}`));
const kubectlTags = (tags: Tags) =>
  tags.filter((tag) => (typeof tag === 'string' ? !NOT_JSON.includes(tag) : !NOT_JSON_TAGS.has(tag.tag)));

function nonEmptyString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const PARSE_OPTIONS = { version: '1.1', customTags: kubectlTags, uniqueKeys: false } as const;

/** Aliases bounded so a billion-laughs body costs nothing. */
function parseYaml(text: string): { values: unknown[] } | { error: string } {
  try {
    const documents = parseAllDocuments(text, PARSE_OPTIONS);
    if (!Array.isArray(documents)) return { values: [] };
    const values: unknown[] = [];
    for (const document of documents) {
      if (document.errors.length > 0) throw document.errors[0];
      const value = document.toJS({ maxAliasCount: 100 });
      // `---` at the start or end, or a document of comments only, declares nothing.
      if (value !== null && value !== undefined) values.push(value);
    }
    return { values };
  } catch (error) {
    // The parser recurses: a body nested beyond the stack is bad input like any other.
    const message =
      error instanceof RangeError ? 'nests too deeply' : error instanceof Error ? error.message : '';
    return { error: `is not valid YAML: ${message.slice(0, 200)}` };
  }
}

function kindAndName(value: unknown): { kind: string | null; name: string | null } {
  if (!isJsonObject(value as JsonValue)) return { kind: null, name: null };
  const object = value as JsonObject;
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  return { kind: nonEmptyString(object.kind), name: nonEmptyString(metadata.name) };
}

/**
 * The document a `kubectl_manifest` applied. Older gavinbunney/kubectl releases applied the first
 * document of a multi-document `yaml_body` (later ones refuse such a body at plan time), and the state
 * still holds those bodies: the provider's `kind` and `name` attributes name the object it applied, so
 * that document is the declaration; without them, the first one.
 */
function appliedDocument(values: unknown[], attributes: JsonObject): unknown {
  if (values.length <= 1) return values[0] ?? null;
  const kind = nonEmptyString(attributes.kind);
  const name = nonEmptyString(attributes.name);
  if (kind === null || name === null) return values[0];
  return values.find((value) => {
    const found = kindAndName(value);
    return found.kind === kind && found.name === name;
  });
}

/**
 * One `kubectl_manifest` instance (gavinbunney/kubectl and its fork alekc/kubectl) as the object it declares:
 * `yaml_body` parsed as kubectl parses it (the applied document of a multi-document body), the namespace from `override_namespace`, else the body's, else
 * `default` (kubectl's namespace for a namespaced object without one), the UID the provider recorded at
 * its last apply (`live_uid`, else `uid`). Secret values are hashed. The provider keeps no copy of the
 * applied object beyond the body, so the record is the declaration. `yaml_body_parsed` is not used: it is
 * the body with the `sensitive_fields` replaced by "(sensitive value)".
 */
export function readKubectlManifest(
  attributes: JsonObject,
  path: string,
  issues: InputIssue[],
  hash: SecretHasher,
): KubectlManifestRead | undefined {
  const body = attributes.yaml_body;
  if (typeof body !== 'string' || body.trim() === '') {
    issues.push({ path: `${path}.yaml_body`, message: 'expected a YAML document' });
    return undefined;
  }
  const parsed = parseYaml(body);
  if ('error' in parsed) {
    issues.push({ path: `${path}.yaml_body`, message: parsed.error });
    return undefined;
  }
  const object = appliedDocument(parsed.values, attributes) as JsonValue | undefined;
  if (object === undefined) {
    issues.push({
      path: `${path}.yaml_body`,
      message: 'has several YAML documents and none is the object the state names (kind, name)',
    });
    return undefined;
  }
  if (!isJsonObject(object)) {
    issues.push({ path: `${path}.yaml_body`, message: 'expected a mapping (one Kubernetes object)' });
    return undefined;
  }
  // The same bounds as any state attribute: depth ≤ 64, numbers the store reads back.
  const found = jsonValueIssues(object, {
    maxDepth: STATE_LIMITS.maxDepth,
    maxIssues: 10,
    path: `${path}.yaml_body`,
  });
  if (found.length > 0) {
    issues.push(...found);
    return undefined;
  }
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const kind = nonEmptyString(object.kind);
  const name = nonEmptyString(metadata.name);
  if (kind === null) issues.push({ path: `${path}.yaml_body`, message: 'the object has no kind' });
  if (name === null) issues.push({ path: `${path}.yaml_body`, message: 'the object has no metadata.name' });
  if (kind === null || name === null) return undefined;
  const namespace = isClusterScopedKind(kind)
    ? null
    : (nonEmptyString(attributes.override_namespace) ?? nonEmptyString(metadata.namespace) ?? 'default');
  const declared = redactSecret(
    namespace === null ? object : { ...object, metadata: { ...metadata, namespace } },
    hash,
    { data: 'base64' },
  );
  return {
    kind,
    namespace,
    name,
    uid: nonEmptyString(attributes.live_uid) ?? nonEmptyString(attributes.uid),
    declared,
    recorded: declared,
  };
}
