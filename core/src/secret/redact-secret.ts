import { defineField } from '../define-field.ts';
import { DriftwiseError } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isSecretKind } from '../k8s/is-secret-kind.ts';
import { clipInput } from '../schema/clip-input.ts';
import { decodeBase64 } from './base64.ts';
import { isSecretHash, parseSecretHash, type SecretHasher, textBytes } from './secret-hasher.ts';

/** How a Secret's `data` values are written in the object at hand. */
export interface SecretEncodings {
  /** `base64` in API objects (live, `kubernetes_manifest`); `plain` in typed state's `data`. */
  data: 'base64' | 'plain';
  /**
   * `accept` (operator reports): a value already hashed with the hasher's key (`hmac-sha256:<key_id>:<hex>`,
   * CONTRACT "Hashed in the cluster") is kept as it is, and one that claims to be hashed but is malformed
   * or names another key is a `DriftwiseError` (`invalid_report`, the path names the value). Default
   * `hash`: every value is a value (state files hold plain values).
   */
  hashed?: 'accept' | 'hash';
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function hashMap(
  field: string,
  map: JsonValue | undefined,
  hash: SecretHasher,
  encoding: 'base64' | 'plain',
  hashed: 'accept' | 'hash',
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(map)) return out;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') continue;
    // An empty value stays empty: it reveals nothing, and kept as the zero it is, "" declared equals a
    // value the API returns as "" or null (a hash of no bytes would not).
    if (value === '') {
      defineField(out, key, '');
      continue;
    }
    if (hashed === 'accept' && isSecretHash(value)) {
      defineField(out, key, acceptedHash(`${field}.${clipInput(key)}`, value, hash.keyId));
      continue;
    }
    const bytes = encoding === 'base64' ? (decodeBase64(value) ?? textBytes(value)) : textBytes(value);
    defineField(out, key, hash(bytes));
  }
  return out;
}

function acceptedHash(path: string, value: string, keyId: string): string {
  const parts = parseSecretHash(value);
  const problem =
    parts === null
      ? 'is not a well-formed hashed value ("hmac-sha256:<key_id>:<64 lowercase hex>")'
      : parts.keyId !== keyId
        ? `is hashed with an unknown key id ("${parts.keyId.slice(0, 64)}"): fetch the current key from GET /api/v2/operator/secret-hash-key`
        : null;
  if (problem === null) return value;
  throw new DriftwiseError('invalid_report', `Secret value ${clipInput(path)} ${problem}.`, {
    issues: [{ path, message: `Secret value ${problem}.` }],
  });
}

/**
 * Returns a copy of a Secret (API shape) whose `data` and `stringData` values are keyed hashes of the
 * decoded bytes, with `stringData` folded into `data` as the API server does on write (stringData wins).
 * `binaryData` (base64; typed state's `binary_data`) is folded in too: live Secrets carry it in `data`.
 * The `last-applied-configuration` annotation is dropped: kubectl writes the plain Secret into it.
 * An object without a `kind` is taken for a Secret (the caller knows it is one); an object whose `kind`
 * is another kind passes through unchanged. Kinds compare through {@link isSecretKind}: `secret` and
 * `SECRET` are Secrets too, so no spelling keeps its values in clear.
 */
export function redactSecret(object: JsonObject, hash: SecretHasher, encodings: SecretEncodings): JsonObject {
  if (object.kind !== undefined && object.kind !== null && !isSecretKind(object.kind)) return object;
  const hashed = encodings.hashed ?? 'hash';
  const present = (key: string) => object[key] !== undefined && object[key] !== null;
  const copy: JsonObject = { ...object };
  if (present('data') || present('stringData') || present('binaryData')) {
    copy.data = {
      ...hashMap('binaryData', object.binaryData, hash, 'base64', hashed),
      ...hashMap('data', object.data, hash, encodings.data, hashed),
      ...hashMap('stringData', object.stringData, hash, 'plain', hashed),
    };
    delete copy.stringData;
    delete copy.binaryData;
  }
  const metadata = object.metadata;
  if (isJsonObject(metadata) && isJsonObject(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    const annotations = { ...metadata.annotations };
    delete annotations[LAST_APPLIED];
    copy.metadata = { ...metadata, annotations };
  }
  return copy;
}
