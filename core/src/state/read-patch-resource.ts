import { defineField } from '../define-field.ts';
import type { InputIssue } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { redactSecret } from '../secret/redact-secret.ts';
import type { SecretHasher } from '../secret/secret-hasher.ts';
import { translateTypedAttributes } from './translate-typed-attributes.ts';

/** What a patch-style resource declares: part of an object it targets, never the whole. */
export interface PatchResourceRead {
  kind: string;
  namespace: string | null;
  name: string;
  uid: null;
  /** Only what the resource sets, in API shape. */
  declared: JsonObject;
  recorded: JsonObject;
  /** The resource's `field_manager` (the provider's default: `Terraform`). */
  fieldManager: string;
  declares: 'fields';
}

// kubernetes/provider.go: `const defaultFieldManagerName = "Terraform"`, the schema default of every
// patch-style resource's `field_manager`; each applies with server-side apply under that name.
const DEFAULT_FIELD_MANAGER = 'Terraform';

const PATCH_TYPES: ReadonlySet<string> = new Set([
  'kubernetes_labels',
  'kubernetes_annotations',
  'kubernetes_config_map_v1_data',
  'kubernetes_secret_v1_data',
  'kubernetes_env',
  'kubernetes_node_taint',
]);

/**
 * True for the hashicorp/kubernetes provider's patch-style resources: they server-side apply part of
 * an object that exists already (labels, annotations, ConfigMap or Secret keys, a container's env
 * vars, a Node's taints).
 *
 * @example
 * isPatchType('kubernetes_labels') // true
 */
export function isPatchType(type: string): boolean {
  return PATCH_TYPES.has(type);
}

// kubernetes_env's `kind` validation list (resource_kubernetes_env.go), in the API's spelling.
const WORKLOAD_KINDS = [
  'CronJob',
  'Deployment',
  'Pod',
  'DaemonSet',
  'ReplicationController',
  'StatefulSet',
  'ReplicaSet',
];

function nonEmptyString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringMap(value: JsonValue | undefined): JsonObject {
  if (!isJsonObject(value)) return {};
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') defineField(out, key, item);
  return out;
}

/** `spec.template` of a workload, `spec.jobTemplate.spec.template` of a CronJob, where pods are described. */
function podTemplate(kind: string, template: JsonObject): JsonObject {
  return kind === 'CronJob' ? { spec: { jobTemplate: { spec: { template } } } } : { spec: { template } };
}

/**
 * A Node's taints that the resource applied: the provider's read stores every taint of the node in
 * `taint` (flattenNodeTaints of `node.Spec.Taints`), but its `id` lists the configured ones at the last
 * apply (`nodeTaintToId`: `<node>,<key>=<value>:<effect>,…`). A taint is matched by key and effect, as
 * the API's list-map keys them.
 */
function appliedTaints(attributes: JsonObject): JsonObject[] {
  const taints = (Array.isArray(attributes.taint) ? attributes.taint : [])
    .filter(isJsonObject)
    .map((taint) => ({
      key: typeof taint.key === 'string' ? taint.key : '',
      value: typeof taint.value === 'string' ? taint.value : '',
      effect: typeof taint.effect === 'string' ? taint.effect : '',
    }));
  const id = typeof attributes.id === 'string' ? attributes.id : '';
  const configured = new Set(
    id
      .split(',')
      .slice(1)
      .map((part) => {
        const colon = part.lastIndexOf(':');
        const equals = part.indexOf('=');
        return equals < 0 || colon < equals ? null : `${part.slice(0, equals)}:${part.slice(colon + 1)}`;
      })
      .filter((key): key is string => key !== null),
  );
  if (configured.size === 0) return taints;
  return taints.filter((taint) => configured.has(`${taint.key}:${taint.effect}`));
}

/** The `env` items of a `kubernetes_env`, translated by the typed container's own name rules. */
function envItems(attributes: JsonObject): JsonValue {
  const env = Array.isArray(attributes.env) ? attributes.env : [];
  const translated = translateTypedAttributes(
    'kubernetes_deployment_v1',
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { spec: [{ template: [{ spec: [{ container: [{ name: 'x', env }] }] }] }] },
  );
  const spec = translated.spec as JsonObject;
  const podSpec = ((spec.template as JsonObject).spec as JsonObject).containers as JsonObject[];
  return podSpec[0]?.env ?? [];
}

function declaration(type: string, kind: string, attributes: JsonObject): JsonObject {
  switch (type) {
    case 'kubernetes_labels': {
      const declared: JsonObject = { metadata: { labels: stringMap(attributes.labels) } };
      // Not in the provider's current schema; some states carry it (null): read it when it is set.
      const template = stringMap(attributes.template_labels);
      if (Object.keys(template).length > 0)
        Object.assign(declared, podTemplate(kind, { metadata: { labels: template } }));
      return declared;
    }
    case 'kubernetes_annotations': {
      const declared: JsonObject = {};
      if (isJsonObject(attributes.annotations))
        declared.metadata = { annotations: stringMap(attributes.annotations) };
      // The provider patches `template_annotations` only when set (`d.GetOk`): an empty map is not a declaration.
      const template = stringMap(attributes.template_annotations);
      if (Object.keys(template).length > 0)
        Object.assign(declared, podTemplate(kind, { metadata: { annotations: template } }));
      return declared;
    }
    case 'kubernetes_config_map_v1_data':
    case 'kubernetes_secret_v1_data':
      return { data: stringMap(attributes.data) };
    case 'kubernetes_env': {
      const init = nonEmptyString(attributes.init_container);
      const container: JsonObject = {
        name: init ?? nonEmptyString(attributes.container) ?? '',
        env: envItems(attributes),
      };
      const list = init === null ? 'containers' : 'initContainers';
      // The provider patches `spec.template.spec` for every kind but CronJob (resource_kubernetes_env.go);
      // a Pod has its containers in `spec` itself, which is where the object is compared.
      return kind === 'Pod'
        ? { spec: { [list]: [container] } }
        : podTemplate(kind, { spec: { [list]: [container] } });
    }
    default:
      return { spec: { taints: appliedTaints(attributes) } };
  }
}

/**
 * The part of an object one patch-style resource of the hashicorp/kubernetes provider declares:
 * `kubernetes_labels` its `labels` (at `metadata.labels`), `kubernetes_annotations` its `annotations`
 * and `template_annotations` (the pod template's, `spec.jobTemplate.…` for a CronJob),
 * `kubernetes_config_map_v1_data` / `kubernetes_secret_v1_data` their `data` keys (Secret values hashed;
 * state holds them as plain text), `kubernetes_env` the named env vars of its `container` or
 * `init_container`, `kubernetes_node_taint` the taints of its last apply. The target is `api_version` /
 * `kind` / `metadata` (ConfigMap, Secret, Node for the typed ones); a namespaced target without a
 * namespace is in `default`, as the provider reads it.
 *
 * @example
 * readPatchResource('kubernetes_labels', { api_version: 'apps/v1', kind: 'Deployment',
 *   metadata: [{ name: 'api', namespace: 'shop' }], labels: { team: 'a' } }, 'resources.0…', [], hash)
 * // { kind: 'Deployment', namespace: 'shop', name: 'api', declared: { …, metadata: { labels: { team: 'a' } } }, … }
 */
export function readPatchResource(
  type: string,
  attributes: JsonObject,
  path: string,
  issues: InputIssue[],
  hash: SecretHasher,
): PatchResourceRead | undefined {
  const kind =
    type === 'kubernetes_config_map_v1_data'
      ? 'ConfigMap'
      : type === 'kubernetes_secret_v1_data'
        ? 'Secret'
        : type === 'kubernetes_node_taint'
          ? 'Node'
          : nonEmptyString(attributes.kind);
  const apiVersion =
    type === 'kubernetes_config_map_v1_data' ||
    type === 'kubernetes_secret_v1_data' ||
    type === 'kubernetes_node_taint'
      ? 'v1'
      : nonEmptyString(attributes.api_version);
  const rawMetadata = attributes.metadata;
  const metadata = Array.isArray(rawMetadata) && isJsonObject(rawMetadata[0]) ? rawMetadata[0] : undefined;
  const name = nonEmptyString(metadata?.name);
  if (kind === null) issues.push({ path: `${path}.kind`, message: 'expected a non-empty string' });
  if (apiVersion === null)
    issues.push({ path: `${path}.api_version`, message: 'expected a non-empty string' });
  if (name === null) issues.push({ path: `${path}.metadata.0.name`, message: 'expected a non-empty string' });
  if (kind === null || apiVersion === null || name === null) return undefined;
  // kubernetes_env validates its kind case-insensitively (`replicationcontroller`): the API's spelling,
  // which decides where the pod template is.
  const apiKind = WORKLOAD_KINDS.find((known) => known.toLowerCase() === kind.toLowerCase()) ?? kind;
  let declared: JsonObject = { apiVersion, kind: apiKind, ...declaration(type, apiKind, attributes) };
  // Typed state keeps a Secret's data as text, like kubernetes_secret_v1.
  if (type === 'kubernetes_secret_v1_data') declared = redactSecret(declared, hash, { data: 'plain' });
  return {
    kind: apiKind,
    namespace: isClusterScopedKind(apiKind) ? null : (nonEmptyString(metadata?.namespace) ?? 'default'),
    name,
    uid: null,
    declared,
    recorded: declared,
    fieldManager: nonEmptyString(attributes.field_manager) ?? DEFAULT_FIELD_MANAGER,
    declares: 'fields',
  };
}
