import { parse, type Tags } from 'yaml';
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

function parseYaml(text: string): { value: unknown } | { error: string } {
  try {
    // One document per kubectl_manifest; aliases bounded so a billion-laughs body costs nothing.
    return {
      value: parse(text, { version: '1.1', customTags: kubectlTags, maxAliasCount: 100, uniqueKeys: false }),
    };
  } catch (error) {
    // The parser recurses: a body nested beyond the stack is bad input like any other.
    const message =
      error instanceof RangeError ? 'nests too deeply' : error instanceof Error ? error.message : '';
    return { error: `is not one YAML document: ${message.slice(0, 200)}` };
  }
}

/**
 * One `kubectl_manifest` instance (gavinbunney/kubectl and its fork alekc/kubectl) as the object it declares:
 * `yaml_body` parsed as kubectl parses it, the namespace from `override_namespace`, else the body's, else
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
  const object = parsed.value;
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
