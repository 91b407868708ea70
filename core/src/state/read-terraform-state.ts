import { defineField } from '../define-field.ts';
import { DriftwiseError, type InputIssue } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { hpaToV2 } from '../k8s/hpa-to-v2.ts';
import { isSecretKind } from '../k8s/is-secret-kind.ts';
import { isClusterScopedKind, kindKey } from '../k8s/kinds.ts';
import { resourceId } from '../k8s/resource-id.ts';
import type { IacResource } from '../model.ts';
import { ownField } from '../own-field.ts';
import { clipInput } from '../schema/clip-input.ts';
import { jsonValueIssues } from '../schema/json-value-issues.ts';
import { REPORT_LIMITS, STATE_LIMITS } from '../schema/limits.ts';
import { redactSecret } from '../secret/redact-secret.ts';
import type { SecretHasher } from '../secret/secret-hasher.ts';
import { mergeManifestRecord } from './merge-manifest-record.ts';
import { readHelmRelease } from './read-helm-release.ts';
import { readKubectlManifest } from './read-kubectl-manifest.ts';
import { isPatchType, readPatchResource } from './read-patch-resource.ts';
import { isShowJson, showJsonResources } from './show-json-resources.ts';
import { terraformKind } from './terraform-kinds.ts';
import { translateTypedAttributes } from './translate-typed-attributes.ts';

/** Options of {@link readTerraformState}. */
export interface ReadTerraformStateOptions {
  /** Hashes Secret values before they leave the reader. */
  secretHasher: SecretHasher;
  /** Name of the state source, copied into every resource's `origin` (`null`: none, e.g. the CLI). */
  stateSource?: string | null;
}

/** What a state file holds, for drift: its identity, counts, and the Kubernetes objects it declares. */
export interface TerraformStateRead {
  /** `null` for `terraform show -json` output, which carries neither serial nor lineage. */
  serial: number | null;
  lineage: string | null;
  terraform_version: string;
  /** Managed resource instances of every type in the file (deposed objects and data sources excluded). */
  resource_count: number;
  /** Kubernetes resources read (`resources.length`). */
  k8s_resource_count: number;
  resources: IacResource[];
  /** Managed resource types not read (other providers, unsupported `kubernetes_*`) → instance count. */
  skipped: Record<string, number>;
}

const STATE_VERSION = 4;
/** Issues one read collects: the CONTRACT's 100, plus one that tells the caller to truncate. */
const MAX_ISSUES = REPORT_LIMITS.maxIssues + 1;
const MANIFEST = 'kubernetes_manifest';
/** gavinbunney/kubectl and alekc/kubectl: raw YAML applied with kubectl's own code. */
const KUBECTL_MANIFEST = 'kubectl_manifest';
/** hashicorp/helm: a release, and its rendered objects with the manifest experiment. */
const HELM_RELEASE = 'helm_release';

// `provider["registry.terraform.io/hashicorp/kubernetes"]`, `….alias`, a module-scoped
// `module.x.provider[…]`, a mirror or fork (`provider["example.org/acme/kubernetes"]`), and
// Terraform 0.12's `provider.kubernetes` / `provider.kubernetes.alias`.
const KUBERNETES_PROVIDER =
  /(?:\/kubernetes"\]|^(?:module\.[^"]*\.)?provider\.kubernetes)(?:\.[A-Za-z0-9_-]+)?$/;

/** True when a resource's `provider` string names the Kubernetes provider (whatever its registry). */
function isKubernetesProvider(provider: string): boolean {
  return KUBERNETES_PROVIDER.test(provider);
}

function parse(input: string | unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new DriftwiseError('invalid_state', 'The state is not JSON.', {
      // The engine's message quotes the input around the error: clipped, like every echo of input.
      issues: [{ path: '', message: error instanceof Error ? clipInput(error.message, 160) : 'not JSON' }],
    });
  }
}

/**
 * The instance's address: `module.a.module.b.kubernetes_deployment_v1.api`, `….site["ja"]`, `….web[1]`.
 * A string `index_key` is quoted with JSON escaping, as Terraform prints it.
 */
function instanceAddress(resource: JsonObject, indexKey: JsonValue | undefined): string {
  const module = typeof resource.module === 'string' && resource.module !== '' ? `${resource.module}.` : '';
  const base = `${module}${resource.type as string}.${resource.name as string}`;
  if (typeof indexKey === 'string') return `${base}[${JSON.stringify(indexKey)}]`;
  if (typeof indexKey === 'number') return `${base}[${indexKey}]`;
  return base;
}

/** `{ value, type }` as a raw state file wraps a dynamic (`kubernetes_manifest`) attribute. */
function unwrapDynamic(value: JsonValue | undefined): JsonValue | undefined {
  if (isJsonObject(value) && 'value' in value && 'type' in value && Object.keys(value).length === 2) {
    return value.value;
  }
  return value;
}

function nonEmptyString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

interface Translated {
  kind: string;
  namespace: string | null;
  name: string;
  uid: string | null;
  declared: JsonObject;
  recorded: JsonObject;
  /** A manifest's `field_manager { name }`, a patch resource's `field_manager`, when set. */
  fieldManager?: string;
  declares?: 'fields';
}

/** `field_manager = [{ name, force_conflicts }]` in state; an empty list means the default. */
function manifestFieldManager(attributes: JsonObject): string | undefined {
  const block = Array.isArray(attributes.field_manager)
    ? attributes.field_manager[0]
    : attributes.field_manager;
  return isJsonObject(block) ? (nonEmptyString(block.name) ?? undefined) : undefined;
}

function readManifest(attributes: JsonObject, path: string, issues: InputIssue[], hash: SecretHasher) {
  const manifest = unwrapDynamic(attributes.manifest);
  const object = unwrapDynamic(attributes.object);
  if (!isJsonObject(manifest)) {
    issues.push({ path: `${path}.manifest`, message: 'expected an object (or { value, type })' });
    return undefined;
  }
  const metadata = isJsonObject(manifest.metadata) ? manifest.metadata : {};
  const objectMetadata = isJsonObject(object) && isJsonObject(object.metadata) ? object.metadata : {};
  const kind = manifest.kind;
  const name = metadata.name;
  if (typeof kind !== 'string' || kind === '') {
    issues.push({ path: `${path}.manifest.kind`, message: 'expected a non-empty string' });
  }
  if (typeof name !== 'string' || name === '') {
    issues.push({ path: `${path}.manifest.metadata.name`, message: 'expected a non-empty string' });
  }
  if (typeof kind !== 'string' || kind === '' || typeof name !== 'string' || name === '') return undefined;
  // The object's copy is merged into the record: a Secret there under another declared kind would keep
  // its values in clear, so the two must agree on being a Secret.
  if (isJsonObject(object) && isSecretKind(object.kind) !== isSecretKind(kind)) {
    issues.push({ path: `${path}.object.kind`, message: 'does not agree with manifest.kind' });
    return undefined;
  }
  const recorded = mergeManifestRecord(manifest, isJsonObject(object) ? object : null);
  return {
    kind,
    // Absent for cluster-scoped kinds; the object's copy knows it when the manifest left it to a default.
    namespace: nonEmptyString(metadata.namespace) ?? nonEmptyString(objectMetadata.namespace),
    name,
    uid: nonEmptyString(objectMetadata.uid),
    // Manifest Secrets are in API shape: `data` base64, `stringData` plain.
    declared: redactSecret(manifest, hash, { data: 'base64' }),
    recorded: redactSecret(recorded, hash, { data: 'base64' }),
    fieldManager: manifestFieldManager(attributes),
  } satisfies Translated;
}

/**
 * A ServiceAccount's record with its token Secret: before Kubernetes 1.24 the control plane adds a token
 * Secret to `secrets`, and the provider keeps its name in `default_secret_name` and out of `secret`
 * (flattenServiceAccountSecrets). It is in the state's record, so it is not a hand-added item.
 */
function withTokenSecret(declared: JsonObject, attributes: JsonObject): JsonObject {
  const tokenSecret = nonEmptyString(attributes.default_secret_name);
  if (tokenSecret === null) return declared;
  const secrets = Array.isArray(declared.secrets) ? declared.secrets : [];
  return { ...declared, secrets: [...secrets, { name: tokenSecret }] };
}

function readTyped(
  type: string,
  attributes: JsonObject,
  path: string,
  issues: InputIssue[],
  hash: SecretHasher,
) {
  const kind = terraformKind(type)!;
  const rawMetadata = attributes.metadata;
  const metadata = Array.isArray(rawMetadata) && isJsonObject(rawMetadata[0]) ? rawMetadata[0] : undefined;
  if (metadata === undefined) {
    issues.push({ path: `${path}.metadata`, message: 'expected a list with one metadata block' });
    return undefined;
  }
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    issues.push({ path: `${path}.metadata.0.name`, message: 'expected a non-empty string' });
    return undefined;
  }
  if (attributes.spec !== undefined && attributes.spec !== null && !Array.isArray(attributes.spec)) {
    issues.push({ path: `${path}.spec`, message: 'expected a list (a block)' });
    return undefined;
  }
  let declared = translateTypedAttributes(type, kind, attributes);
  // Typed Secrets: `data` is plain text in state, `binary_data` base64.
  if (isSecretKind(kind.kind)) declared = redactSecret(declared, hash, { data: 'plain' });
  if (kind.kind === 'HorizontalPodAutoscaler') declared = hpaToV2(declared);
  return {
    kind: kind.kind,
    // The provider's schema defaults a namespaced object's namespace to "default".
    namespace: isClusterScopedKind(kind.kind) ? null : (nonEmptyString(metadata.namespace) ?? 'default'),
    name,
    uid: nonEmptyString(metadata.uid),
    declared,
    recorded: kind.kind === 'ServiceAccount' ? withTokenSecret(declared, attributes) : declared,
  } satisfies Translated;
}

/**
 * The release itself, which makes the objects it installed managed. Its id is no object's
 * (`helm/<namespace>/<name>`) and it declares nothing: the matcher finds its objects by Helm's stamps.
 */
function helmReleaseResource(
  release: { name: string; namespace: string },
  origin: IacResource['origin'],
): IacResource {
  return {
    id: `helm/${release.namespace}/${release.name}`,
    kind: HELM_RELEASE,
    namespace: release.namespace,
    name: release.name,
    uid: null,
    terraform_type: HELM_RELEASE,
    origin,
    declares: 'release',
    helm_release: { name: release.name, namespace: release.namespace },
    declared: {},
    recorded: {},
  };
}

const ACCEPTED_FORMATS =
  'a Terraform state file (format version 4, as `terraform state pull` prints it) or the JSON of `terraform show -json` (format_version 1.x)';

function checkVersion(state: JsonObject): void {
  if (typeof state.version !== 'number') {
    throw new DriftwiseError(
      'invalid_state',
      `The file is neither of the accepted formats: ${ACCEPTED_FORMATS}.`,
      {
        issues: [
          { path: 'version', message: 'expected 4 (or format_version "1.x" for terraform show -json)' },
        ],
      },
    );
  }
  if (state.version !== STATE_VERSION) {
    throw new DriftwiseError(
      'unsupported_state_version',
      `State format version ${state.version} is not supported: expected ${ACCEPTED_FORMATS}.`,
      { issues: [{ path: 'version', message: `expected ${STATE_VERSION}` }] },
    );
  }
}

function checkTopLevel(state: JsonObject, issues: InputIssue[]): void {
  // CONTRACT "Limits": a serial past 2^53 − 1 has lost digits already and libSQL refuses to read it back.
  if (
    typeof state.serial !== 'number' ||
    !Number.isInteger(state.serial) ||
    state.serial < 0 ||
    state.serial > STATE_LIMITS.maxSerial
  ) {
    issues.push({ path: 'serial', message: `expected a non-negative integer ≤ ${STATE_LIMITS.maxSerial}` });
  }
  if (typeof state.lineage !== 'string') issues.push({ path: 'lineage', message: 'expected a string' });
  if (state.terraform_version !== undefined && typeof state.terraform_version !== 'string') {
    issues.push({ path: 'terraform_version', message: 'expected a string' });
  }
  if (state.resources !== undefined && state.resources !== null && !Array.isArray(state.resources)) {
    issues.push({ path: 'resources', message: 'expected a list' });
  }
}

function checkResource(resource: JsonValue, path: string, issues: InputIssue[]): resource is JsonObject {
  if (!isJsonObject(resource)) {
    issues.push({ path, message: 'expected an object' });
    return false;
  }
  const before = issues.length;
  if (resource.mode !== 'managed' && resource.mode !== 'data') {
    issues.push({ path: `${path}.mode`, message: 'expected "managed" or "data"' });
  }
  for (const key of ['type', 'name', 'provider'] as const) {
    if (typeof resource[key] !== 'string')
      issues.push({ path: `${path}.${key}`, message: 'expected a string' });
  }
  if (resource.module !== undefined && typeof resource.module !== 'string') {
    issues.push({ path: `${path}.module`, message: 'expected a string' });
  }
  if (!Array.isArray(resource.instances)) {
    issues.push({ path: `${path}.instances`, message: 'expected a list' });
  } else {
    resource.instances.forEach((instance, i) => {
      if (issues.length >= MAX_ISSUES) return;
      if (!isJsonObject(instance))
        issues.push({ path: `${path}.instances.${i}`, message: 'expected an object' });
      else if (instance.attributes !== undefined && !isJsonObject(instance.attributes)) {
        issues.push({ path: `${path}.instances.${i}.attributes`, message: 'expected an object' });
      }
    });
  }
  return issues.length === before;
}

/**
 * Reads a Terraform state file (format version 4, as `terraform state pull` prints it, or the JSON of
 * `terraform show -json`, whose resources {@link showJsonResources} brings into the same shape) into the
 * Kubernetes objects it declares: typed `kubernetes_*` resources of the hashicorp/kubernetes provider
 * (`_v1` and legacy names) translated into API shape, `kubernetes_manifest`s, and `kubectl_manifest`s
 * (gavinbunney/kubectl, alekc/kubectl). Secret values are
 * hashed. Other managed types are counted in `skipped`; data sources and deposed objects are ignored;
 * tainted instances are read (they exist until Terraform replaces them).
 *
 * @throws DriftwiseError `invalid_state` (not JSON, not an object, bad shapes: see `issues`) or
 *   `unsupported_state_version` (`version` is not 4).
 * @example
 * const read = readTerraformState(text, { secretHasher: secretHasher(key, keyId), stateSource: 'prod' });
 * read.resources[0].origin // { state_source: 'prod', address: 'module.app.kubernetes_deployment_v1.api' }
 */
export function readTerraformState(
  input: string | unknown,
  options: ReadTerraformStateOptions,
): TerraformStateRead {
  const { secretHasher: hash, stateSource = null } = options;
  const state = parse(input);
  if (!isJsonObject(state)) {
    throw new DriftwiseError('invalid_state', 'The state is not a JSON object.', {
      issues: [{ path: '', message: 'expected an object' }],
    });
  }
  const showJson = isShowJson(state);
  if (!showJson) checkVersion(state);
  const issues: InputIssue[] = [];
  if (!showJson) checkTopLevel(state, issues);
  else if (state.terraform_version !== undefined && typeof state.terraform_version !== 'string') {
    issues.push({ path: 'terraform_version', message: 'expected a string' });
  }
  const resources: IacResource[] = [];
  const skipped: Record<string, number> = {};
  let resourceCount = 0;
  const list = showJson ? showJsonResources(state) : Array.isArray(state.resources) ? state.resources : [];
  list.forEach((resource, r) => {
    // Enough to show: a state of 100,000 bad resources must not build 100,000 issues first.
    if (issues.length >= MAX_ISSUES) return;
    const path = `resources.${r}`;
    if (!checkResource(resource, path, issues)) return;
    if (resource.mode !== 'managed') return;
    const type = resource.type as string;
    // Deposed objects are the leftovers of a create-before-destroy: not what the state declares.
    const instances = (resource.instances as JsonValue[]).filter(
      (instance): instance is JsonObject => isJsonObject(instance) && instance.deposed === undefined,
    );
    resourceCount += instances.length;
    const readable =
      type === KUBECTL_MANIFEST ||
      type === HELM_RELEASE ||
      ((type === MANIFEST || terraformKind(type) !== undefined || isPatchType(type)) &&
        isKubernetesProvider(resource.provider as string));
    if (!readable) {
      if (instances.length > 0) defineField(skipped, type, (ownField(skipped, type) ?? 0) + instances.length);
      return;
    }
    (resource.instances as JsonObject[]).forEach((instance, i) => {
      if (instance.deposed !== undefined || issues.length >= MAX_ISSUES) return;
      const instancePath = `${path}.instances.${i}.attributes`;
      if (!isJsonObject(instance.attributes)) {
        issues.push({ path: instancePath, message: 'expected an object' });
        return;
      }
      // Before any translation walks it: depth ≤ 64 below an attribute, numbers the store reads back.
      const before = issues.length;
      for (const [name, value] of Object.entries(instance.attributes)) {
        if (issues.length >= MAX_ISSUES) break;
        const found = jsonValueIssues(value, {
          maxDepth: STATE_LIMITS.maxDepth,
          maxIssues: MAX_ISSUES - issues.length,
          path: `${instancePath}.${clipInput(name)}`,
        });
        for (const issue of found) issues.push(issue);
      }
      if (issues.length > before) return;
      const origin = { state_source: stateSource, address: instanceAddress(resource, instance.index_key) };
      if (type === HELM_RELEASE) {
        const release = readHelmRelease(instance.attributes, instancePath, issues, hash);
        if (release === undefined) return;
        resources.push(helmReleaseResource(release, origin));
        for (const object of release.objects ?? []) {
          resources.push({
            id: resourceId(object),
            kind: kindKey(object.kind),
            namespace: object.namespace,
            name: object.name,
            uid: null,
            terraform_type: type,
            origin,
            declared: object.declared,
            recorded: object.recorded,
          });
        }
        return;
      }
      const read: Translated | undefined =
        type === MANIFEST
          ? readManifest(instance.attributes, instancePath, issues, hash)
          : type === KUBECTL_MANIFEST
            ? readKubectlManifest(instance.attributes, instancePath, issues, hash)
            : isPatchType(type)
              ? readPatchResource(type, instance.attributes, instancePath, issues, hash)
              : readTyped(type, instance.attributes, instancePath, issues, hash);
      if (read === undefined) return;
      resources.push({
        id: resourceId({ kind: read.kind, namespace: read.namespace, name: read.name }),
        kind: kindKey(read.kind),
        namespace: read.namespace,
        name: read.name,
        uid: read.uid,
        terraform_type: type,
        origin,
        ...(read.fieldManager === undefined ? {} : { field_manager: read.fieldManager }),
        ...(read.declares === undefined ? {} : { declares: read.declares }),
        declared: read.declared,
        recorded: read.recorded,
      });
    });
  });
  if (issues.length > 0) {
    throw new DriftwiseError('invalid_state', 'The state has unexpected shapes.', {
      issues: issues.slice(0, MAX_ISSUES),
    });
  }
  return {
    serial: showJson ? null : (state.serial as number),
    lineage: showJson ? null : (state.lineage as string),
    terraform_version: typeof state.terraform_version === 'string' ? state.terraform_version : '',
    resource_count: resourceCount,
    k8s_resource_count: resources.length,
    resources,
    skipped,
  };
}
