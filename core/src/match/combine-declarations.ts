import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { listItemName } from '../k8s/list-item-name.ts';
import type { IacResource, LiveResource } from '../model.ts';
import { ownField } from '../own-field.ts';
import type { PathSegment } from './change-path.ts';

/** Everything the IaC side says about one object, ready to pair with its live object. */
export interface Declaration {
  /** What pairs and is compared: the whole declaration with every patch of the object merged in. */
  resource: IacResource;
  /** The resource that declares the whole object; `null` when only patches (or a release) do. */
  whole: IacResource | null;
  /** Patch-style resources merged into `resource`, in merge order (a later one wins a shared field). */
  patches: IacResource[];
}

/** Lists keyed by name (or a taint's key and effect) when every item of both sides has one. */
function keyedItems(list: readonly JsonValue[]): Map<string, JsonValue> | null {
  const map = new Map<string, JsonValue>();
  for (const item of list) {
    const name = listItemName(item);
    if (name === null || map.has(name)) return null;
    map.set(name, item);
  }
  return map;
}

/** `base` with `patch` applied: objects deep, keyed lists item by item, otherwise the patch's value. */
function merge(base: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (isJsonObject(base) && isJsonObject(patch)) {
    const out: JsonObject = { ...base };
    for (const [key, value] of Object.entries(patch))
      defineField(out, key, merge(ownField(base, key), value));
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    const baseItems = keyedItems(base);
    const patchItems = keyedItems(patch);
    if (baseItems !== null && patchItems !== null) {
      const merged = base.map((item) => {
        const other = patchItems.get(listItemName(item) as string);
        return other === undefined ? item : merge(item, other);
      });
      return [...merged, ...patch.filter((item) => !baseItems.has(listItemName(item) as string))];
    }
  }
  return patch;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function originOrder(a: IacResource, b: IacResource): number {
  return (
    compareText(a.origin.state_source ?? '', b.origin.state_source ?? '') ||
    compareText(a.origin.address, b.origin.address)
  );
}

function withPatches(base: IacResource, patches: readonly IacResource[]): IacResource {
  if (patches.length === 0) return base;
  let declared: JsonValue = base.declared;
  let recorded: JsonValue = base.recorded;
  for (const patch of patches) {
    declared = merge(declared, patch.declared);
    recorded = merge(recorded, patch.declared);
  }
  return { ...base, declared: declared as JsonObject, recorded: recorded as JsonObject };
}

/** The release a live object's Helm stamps name (`meta.helm.sh/release-name` / `-namespace`), if any. */
function helmReleaseKey(live: LiveResource): string | null {
  const metadata = isJsonObject(live.object.metadata) ? live.object.metadata : {};
  const labels = isJsonObject(metadata.labels) ? metadata.labels : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
  const name = annotations['meta.helm.sh/release-name'];
  const namespace = annotations['meta.helm.sh/release-namespace'];
  if (labels['app.kubernetes.io/managed-by'] !== 'Helm') return null;
  if (typeof name !== 'string' || typeof namespace !== 'string') return null;
  return `${namespace}/${name}`;
}

/**
 * The IaC side, one declaration per object (issue 11): every patch-style resource (`declares: 'fields'`)
 * is merged into each whole declaration of the object it targets (whatever state source either comes
 * from: two Terraform roots may share an object), later patches (by state source, then address) winning
 * a field they share; the patches of an object nothing else declares become one partial declaration
 * (merged the same way, paired as the first patch). A live object a `helm_release` installed
 * (`app.kubernetes.io/managed-by: Helm` and the release's `meta.helm.sh/release-name` / `-namespace`)
 * that no rendered manifest declares becomes a managed declaration under the release's address, with
 * no field to compare (a partial one keeps its patches and takes the release's address).
 *
 * @example
 * combineDeclarations(iac, live) // [{ resource, whole, patches: [labels] }, …]
 */
export function combineDeclarations(
  iac: readonly IacResource[],
  live: readonly LiveResource[],
  releases: readonly IacResource[] = [],
): Declaration[] {
  const patchesById = new Map<string, IacResource[]>();
  const wholes: IacResource[] = [];
  for (const resource of iac) {
    if (resource.declares === 'release') continue;
    if (resource.declares !== 'fields') {
      wholes.push(resource);
      continue;
    }
    const list = patchesById.get(resource.id) ?? [];
    list.push(resource);
    patchesById.set(resource.id, list);
  }
  for (const list of patchesById.values()) list.sort(originOrder);
  const declarations: Declaration[] = [];
  const declaredIds = new Set<string>();
  for (const whole of wholes) {
    const patches = patchesById.get(whole.id) ?? [];
    declarations.push({ resource: withPatches(whole, patches), whole, patches });
    declaredIds.add(whole.id);
  }
  const partial = new Map<string, Declaration>();
  for (const [id, patches] of patchesById) {
    if (declaredIds.has(id)) continue;
    const [first, ...rest] = patches as [IacResource, ...IacResource[]];
    const declaration = { resource: withPatches(first, rest), whole: null, patches };
    partial.set(id, declaration);
    declarations.push(declaration);
  }
  if (releases.length === 0) return declarations;
  const releaseByKey = new Map<string, IacResource>();
  for (const release of [...releases].sort(originOrder)) {
    const key = `${release.helm_release?.namespace}/${release.helm_release?.name}`;
    if (!releaseByKey.has(key)) releaseByKey.set(key, release);
  }
  for (const object of live) {
    const key = helmReleaseKey(object);
    const release = key === null ? undefined : releaseByKey.get(key);
    if (release === undefined || declaredIds.has(object.id)) continue;
    const patched = partial.get(object.id);
    if (patched !== undefined) {
      patched.resource = { ...patched.resource, origin: release.origin, terraform_type: 'helm_release' };
      continue;
    }
    declaredIds.add(object.id);
    declarations.push({
      resource: {
        id: object.id,
        kind: object.kind,
        namespace: object.namespace,
        name: object.name,
        uid: object.uid,
        terraform_type: 'helm_release',
        origin: release.origin,
        declared: {},
        recorded: {},
      },
      whole: null,
      patches: [],
    });
  }
  return declarations;
}

/** True when `declared` sets something at the path (or an atomic value above it). */
function covers(declared: JsonObject, segments: readonly PathSegment[]): boolean {
  let value: JsonValue | undefined = declared;
  for (const segment of segments) {
    if (value === null || value === undefined) return false;
    if (typeof value !== 'object') return true;
    if ('key' in segment) value = isJsonObject(value) ? ownField(value, segment.key) : undefined;
    else if ('index' in segment) value = Array.isArray(value) ? value[segment.index] : undefined;
    else value = Array.isArray(value) ? value.find((item) => listItemName(item) === segment.name) : undefined;
  }
  return value !== undefined;
}

/**
 * The patch-style resource whose declaration a change's path falls in: the last in merge order, whose
 * value was compared; `null` when no patch declares it (the whole declaration's field, or an addition).
 *
 * @example
 * declaringPatch(declaration, [{ key: 'metadata' }, { key: 'labels' }, { key: 'team' }]) // the kubernetes_labels
 */
export function declaringPatch(
  declaration: Declaration,
  segments: readonly PathSegment[],
): IacResource | null {
  for (let i = declaration.patches.length - 1; i >= 0; i--) {
    const patch = declaration.patches[i] as IacResource;
    if (covers(patch.declared, segments)) return patch;
  }
  return null;
}
