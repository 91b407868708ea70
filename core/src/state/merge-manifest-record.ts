import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { ownField } from '../own-field.ts';

/**
 * `object.value` of a `kubernetes_manifest` fills every attribute the provider's type knows with `null`
 * (`metadata.uid`, `deletionTimestamp`, …): those are not values the object has, so they go.
 */
function dropNulls(value: JsonValue): JsonValue | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => dropNulls(item) ?? null);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = dropNulls(item);
    if (kept !== undefined) defineField(out, key, kept);
  }
  return out;
}

function isNamedList(list: readonly JsonValue[]): boolean {
  return list.length > 0 && list.every((item) => isJsonObject(item) && typeof item.name === 'string');
}

function mergeLists(declared: JsonValue[], recorded: JsonValue[]): JsonValue[] {
  if (isNamedList(declared) && isNamedList(recorded)) {
    // Named lists (containers, env, ports, volumes, volumeMounts…) merge item by item on `name`;
    // items only the server's copy has are kept, after the declared ones.
    const byName = new Map(recorded.map((item) => [(item as JsonObject).name as string, item]));
    const merged = declared.map((item) => {
      const other = byName.get((item as JsonObject).name as string);
      return other === undefined ? item : mergeValues(item, other);
    });
    const declaredNames = new Set(declared.map((item) => (item as JsonObject).name));
    return [...merged, ...recorded.filter((item) => !declaredNames.has((item as JsonObject).name))];
  }
  if (declared.length === recorded.length && declared.every(isJsonObject) && recorded.every(isJsonObject)) {
    return declared.map((item, i) => mergeValues(item, recorded[i]!));
  }
  return declared;
}

function mergeValues(declared: JsonValue, recorded: JsonValue): JsonValue {
  if (isJsonObject(declared) && isJsonObject(recorded)) {
    const out: JsonObject = { ...recorded };
    for (const [key, value] of Object.entries(declared)) {
      const other = ownField(recorded, key);
      defineField(out, key, other === undefined ? value : mergeValues(value, other));
    }
    return out;
  }
  if (Array.isArray(declared) && Array.isArray(recorded)) return mergeLists(declared, recorded);
  // Where both have a scalar, the manifest's (what Terraform declares) wins.
  return declared;
}

/**
 * The state's whole record of a `kubernetes_manifest` object: its `manifest` (declared) deep-merged with
 * its `object` (the API's copy at the last apply, server defaults included), the object's values
 * filling what the manifest lacks, named-list items merged by `name`, null-filled fields dropped.
 *
 * @example
 * mergeManifestRecord({ spec: { schedule: '15 3 * * *' } }, { spec: { schedule: '15 3 * * *', suspend: false, x: null } })
 * // { spec: { schedule: '15 3 * * *', suspend: false } }
 */
export function mergeManifestRecord(manifest: JsonObject, object: JsonObject | null): JsonObject {
  if (object === null) return manifest;
  const recorded = dropNulls(object);
  return isJsonObject(recorded) ? (mergeValues(manifest, recorded) as JsonObject) : manifest;
}
