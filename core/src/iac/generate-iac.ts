import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import type { DriftResult, LiveResource } from '../model.ts';
import { terraformKind, terraformTypes } from '../state/terraform-kinds.ts';
import { formatHcl } from './format-hcl.ts';
import { formatTerraformJson } from './format-terraform-json.ts';
import {
  type HclBlock,
  type HclBodyItem,
  type HclDocument,
  HclReference,
  type HclValue,
} from './hcl-document.ts';
import type { IacFormat, IacResult, IacScope, IacWarning } from './iac-options.ts';
import { toTypedAttributes, UntypedShapeError } from './to-typed-attributes.ts';
import { typedResourceType } from './typed-resource-type.ts';
import { sanitizeName, uniqueNames } from './unique-names.ts';
import { withoutServerFields } from './without-server-fields.ts';

/** Options of {@link generateIac}. */
export interface GenerateIacOptions {
  /** The scan's live objects (API shape, Secret values already hashed). */
  live: readonly LiveResource[];
  /** Default `terraform`. */
  format?: IacFormat;
  /** Default `extra`: the objects `drift` reports `extra` (and does not ignore). */
  scope?: IacScope;
  /** The scan's drift; needed for scope `extra`. */
  drift?: DriftResult;
  /** Named in the file's header comment. */
  clusterId?: string;
  /** The report's namespace (`*` for a whole cluster), named in the header comment. */
  namespace?: string;
}

const MANIFEST = 'kubernetes_manifest';

// Proper-case kinds for objects that came without `kind` (the report's `normalized_type` is lowercase).
const KIND_NAMES = new Map<string, { apiVersion: string; kind: string }>();
for (const type of terraformTypes()) {
  const kind = terraformKind(type)!;
  if (/_v\d+$/.test(type)) KIND_NAMES.set(kind.kind.toLowerCase(), kind);
}

interface Planned {
  live: LiveResource;
  apiVersion: string;
  kind: string;
  object: JsonObject;
  type: string;
  attributes: JsonObject;
  importId: string;
}

function selected(options: GenerateIacOptions, scope: IacScope): LiveResource[] {
  const extra =
    scope === 'extra'
      ? new Set(
          (options.drift?.items ?? [])
            .filter((item) => item.status === 'extra' && !item.ignored)
            .map((item) => item.resource_id),
        )
      : undefined;
  // Later duplicates of an id win, as in the matcher and the store.
  const byId = new Map<string, LiveResource>();
  for (const live of options.live) {
    if (live.controlled || (extra && !extra.has(live.id))) continue;
    byId.set(live.id, live);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function identify(live: LiveResource): { apiVersion: string; kind: string } | undefined {
  const known = KIND_NAMES.get(live.kind);
  // The schema accepts `kind` in any case (`deployment`); a known kind is written as the API spells it.
  const kind =
    known?.kind ??
    (typeof live.object.kind === 'string' && live.object.kind !== '' ? live.object.kind : undefined);
  const apiVersion =
    typeof live.object.apiVersion === 'string' && live.object.apiVersion !== ''
      ? live.object.apiVersion
      : known?.apiVersion;
  if (kind === undefined || apiVersion === undefined) return undefined;
  // The matcher reads every HPA in autoscaling/v2 shape (hpaToV2), so it is written as one.
  if (live.kind === 'horizontalpodautoscaler') return { apiVersion: 'autoscaling/v2', kind };
  return { apiVersion, kind };
}

/** The object to declare: server fields and defaults out, name and namespace in, apiVersion/kind first. */
function declaredObject(live: LiveResource, apiVersion: string, kind: string): JsonObject {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = withoutServerFields(live.kind, live.object);
  const meta: JsonObject = { name: live.name, ...(isJsonObject(metadata) ? metadata : {}) };
  if (live.namespace !== null) meta.namespace = live.namespace;
  else delete meta.namespace;
  return { apiVersion, kind, metadata: meta, ...rest };
}

function plan(live: LiveResource, warnings: IacWarning[]): Planned | undefined {
  const identity = identify(live);
  if (identity === undefined) {
    warnings.push({
      code: 'unknown_kind',
      message: `${live.id} has no apiVersion and kind; it was not generated.`,
    });
    return undefined;
  }
  const { apiVersion, kind } = identity;
  const object = declaredObject(live, apiVersion, kind);
  const typed = typedResourceType(apiVersion, kind);
  const namespaced = live.namespace !== null && !isClusterScopedKind(live.kind);
  if (typed !== undefined) {
    try {
      return {
        live,
        apiVersion,
        kind,
        object,
        type: typed,
        attributes: toTypedAttributes(typed, object),
        importId: namespaced ? `${live.namespace}/${live.name}` : live.name,
      };
    } catch (error) {
      if (!(error instanceof UntypedShapeError)) throw error;
      warnings.push({
        code: 'manifest_fallback',
        message: `${live.id} is written as kubernetes_manifest: ${typed} cannot hold ${error.message}.`,
      });
    }
  }
  const importId = [
    `apiVersion=${apiVersion}`,
    `kind=${kind}`,
    ...(namespaced ? [`namespace=${live.namespace}`] : []),
    `name=${live.name}`,
  ].join(',');
  return { live, apiVersion, kind, object, type: MANIFEST, attributes: { manifest: object }, importId };
}

/** Typed state attributes as a block body: block lists become nested blocks, after the attributes. */
function bodyOf(attributes: { readonly [key: string]: HclValue }): HclBodyItem[] {
  const plain: HclBodyItem[] = [];
  const blocks: HclBodyItem[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (Array.isArray(value) && value.length > 0 && value.every((item) => isJsonObject(item as JsonValue))) {
      for (const item of value) {
        blocks.push({ block: { type: key, labels: [], body: bodyOf(item as JsonObject) } });
      }
    } else if (!(Array.isArray(value) && value.length === 0)) {
      plain.push({ attribute: key, value });
    }
  }
  return [...plain, ...blocks];
}

/** The Secret's `data` / `binaryData` keys as sensitive variables; the values never leave the cluster. */
function secretVariables(
  planned: Planned,
  resourceName: string,
  variableNames: Map<string, string>,
): { blocks: HclBlock[]; attributes: { [key: string]: HclValue } } {
  const attributes: { [key: string]: HclValue } = { ...planned.attributes };
  const blocks: HclBlock[] = [];
  const typed = planned.type !== MANIFEST;
  const target: { [key: string]: HclValue } = typed ? attributes : { ...planned.object };
  for (const [apiKey, stateKey] of [
    ['data', 'data'],
    ['binaryData', 'binary_data'],
  ] as const) {
    const field = typed ? stateKey : apiKey;
    const map = planned.object[apiKey];
    if (!isJsonObject(map)) continue;
    const refs: { [key: string]: HclValue } = {};
    for (const key of Object.keys(map).sort()) {
      const variable = variableNames.get(`${resourceName}\u0000${apiKey}\u0000${key}`)!;
      defineField(refs, key, new HclReference(`var.${variable}`));
      // The typed resource's `data` takes plain text (the provider encodes it); a manifest's is base64.
      const what = apiKey === 'data' && typed ? 'plain text' : 'base64';
      blocks.push({
        type: 'variable',
        labels: [variable],
        body: [
          { attribute: 'description', value: `${apiKey} "${key}" of Secret ${planned.live.id} (${what})` },
          { attribute: 'type', value: new HclReference('string', { static: true }) },
          { attribute: 'sensitive', value: true },
        ],
      });
    }
    defineField(target, field, refs);
  }
  if (!typed) attributes.manifest = target;
  return { blocks, attributes };
}

function header(options: GenerateIacOptions, format: IacFormat): string[] {
  const where = [
    options.clusterId ? `cluster ${options.clusterId}` : undefined,
    options.namespace && options.namespace !== '*' ? `namespace ${options.namespace}` : undefined,
  ].filter((part) => part !== undefined);
  const tool = format === 'opentofu' ? 'OpenTofu >= 1.6' : 'Terraform >= 1.5';
  const command = format === 'opentofu' ? 'tofu plan' : 'terraform plan';
  return [
    `Generated by DriftWise from the live objects${where.length > 0 ? ` of ${where.join(', ')}` : ''}.`,
    `Needs ${tool} (import blocks) and the hashicorp/kubernetes provider: \`${command}\` adopts the objects.`,
  ];
}

/**
 * Terraform for live Kubernetes objects, so that what the cluster has can be adopted instead of recreated:
 * per object the typed `kubernetes_*_v1` resource where core's state reader knows the type (its attributes
 * from the same name table, run backwards), a `kubernetes_manifest` otherwise, each with an `import {}`
 * block (Terraform ≥ 1.5) carrying the provider's import ID. Server-written fields and defaults are left
 * out; Secret values are never written (a `sensitive` variable per key); controller-owned objects are never
 * generated. Names are `<namespace>_<name>` sanitized, unique per type. Deterministic: the same input
 * gives the same bytes whatever its order.
 *
 * @example
 * const drift = matchDrift({ live, iac, namespace: 'shop' });
 * generateIac({ live, drift, format: 'terraform', clusterId: 'prod' }).content
 * // 'resource "kubernetes_config_map_v1" "shop_flags" {\n  metadata {\n …'
 */
export function generateIac(options: GenerateIacOptions): IacResult {
  const format = options.format ?? 'terraform';
  const scope = options.scope ?? 'extra';
  const warnings: IacWarning[] = [];
  const planned = selected(options, scope)
    .map((live) => plan(live, warnings))
    .filter((item) => item !== undefined);

  const resourceNames = new Map<string, Map<string, string>>();
  for (const type of new Set(planned.map((item) => item.type))) {
    const ofType = planned.filter((item) => item.type === type);
    const bases = ofType.map((item) => ({
      key: item.live.id,
      base: sanitizeName(
        item.live.namespace === null ? [item.live.name] : [item.live.namespace, item.live.name],
      ),
    }));
    resourceNames.set(type, uniqueNames(bases));
  }
  const nameOf = (item: Planned) => resourceNames.get(item.type)!.get(item.live.id)!;

  const variableBases: Array<{ key: string; base: string }> = [];
  for (const item of planned) {
    if (item.kind !== 'Secret') continue;
    for (const apiKey of ['data', 'binaryData'] as const) {
      const map = item.object[apiKey];
      if (!isJsonObject(map)) continue;
      for (const key of Object.keys(map)) {
        variableBases.push({
          key: `${nameOf(item)}\u0000${apiKey}\u0000${key}`,
          base: sanitizeName([nameOf(item), key]),
        });
      }
    }
  }
  const variableNames = uniqueNames(variableBases);

  const blocks: HclBlock[] = [];
  for (const item of planned) {
    const name = nameOf(item);
    const secret = item.kind === 'Secret' ? secretVariables(item, name, variableNames) : undefined;
    blocks.push(...(secret?.blocks ?? []));
    blocks.push({
      type: 'resource',
      labels: [item.type, name],
      body: bodyOf(secret?.attributes ?? item.attributes),
    });
    blocks.push({
      type: 'import',
      labels: [],
      body: [
        { attribute: 'to', value: new HclReference(`${item.type}.${name}`, { static: true }) },
        { attribute: 'id', value: item.importId },
      ],
    });
  }
  if (variableNames.size > 0) {
    warnings.push({
      code: 'secret_values_omitted',
      message: `Secret values are not in the code: set the ${variableNames.size} sensitive variable(s) (TF_VAR_<name> or a .tfvars file kept out of version control) before applying.`,
    });
  }
  if (planned.length === 0) {
    warnings.push({
      code: 'nothing_to_generate',
      message:
        scope === 'extra'
          ? 'The scan has no extra objects: everything live is declared already (iac_scope "all" generates every object).'
          : 'The report has no objects that are not controller-owned.',
    });
  }
  const document: HclDocument = { comments: header(options, format), blocks };
  const content = format === 'terraform-json' ? formatTerraformJson(document) : formatHcl(document);
  return { format, scope, content, resource_count: planned.length, warnings };
}
