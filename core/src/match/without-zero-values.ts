import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import { isZeroValue } from './is-zero-value.ts';

/**
 * A declared value as the Kubernetes API would show it: typed state fills every unset attribute with a
 * zero (`valueFrom: []`, `args: null`, `stdin: false`), which the API omits. Used for the `iac` side of a
 * removed item, so `env[LEGACY]` reads `{ name, value }`, not typed state's whole record.
 */
export function withoutZeroValues(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutZeroValues);
  if (!isJsonObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, field] of Object.entries(value)) {
    const pruned = withoutZeroValues(field);
    if (!isZeroValue(pruned)) defineField(out, key, pruned);
  }
  return out;
}
