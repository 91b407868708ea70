import { isJsonObject, type JsonValue } from '../json.ts';
import { isSecretKind } from '../k8s/is-secret-kind.ts';
import { isSecretHash, REDACTED } from '../secret/secret-hasher.ts';
import type { FieldChange } from './compare-objects.ts';

function redactHashes(value: JsonValue): JsonValue {
  if (isSecretHash(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redactHashes);
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactHashes(item)]));
  }
  return value;
}

/**
 * A change whose values can be shown: under a Secret's `data` / `stringData` every present value reads
 * `"(redacted)"` (`null`, an absent side, stays `null` so an added or removed key still reads as one), and
 * a Secret hash anywhere else is replaced too, so no hash ever leaves the matcher.
 *
 * @example
 * redactChangeValues('secret', { path: 'data.dsn', iac: 'hmac-sha256:…', live: 'hmac-sha256:…', … })
 * // { path: 'data.dsn', iac: '(redacted)', live: '(redacted)', … }
 */
export function redactChangeValues(kind: string, change: FieldChange): FieldChange {
  const first = change.segments[0];
  const secretData =
    isSecretKind(kind) && first && 'key' in first && ['data', 'stringData'].includes(first.key);
  const redact = (value: JsonValue) => (value === null ? null : secretData ? REDACTED : redactHashes(value));
  return { ...change, iac: redact(change.iac), live: redact(change.live) };
}
