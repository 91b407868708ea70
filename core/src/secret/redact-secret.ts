import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { decodeBase64 } from './base64.ts';
import { type SecretHasher, textBytes } from './secret-hasher.ts';

/** How a Secret's `data` values are written in the object at hand. */
export interface SecretEncodings {
  /** `base64` in API objects (live, `kubernetes_manifest`); `plain` in typed state's `data`. */
  data: 'base64' | 'plain';
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function hashMap(
  map: JsonValue | undefined,
  hash: SecretHasher,
  encoding: 'base64' | 'plain',
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(map)) return out;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') continue;
    const bytes = encoding === 'base64' ? (decodeBase64(value) ?? textBytes(value)) : textBytes(value);
    out[key] = hash(bytes);
  }
  return out;
}

/**
 * Returns a copy of a Secret (API shape) whose `data` and `stringData` values are keyed hashes of the
 * decoded bytes, with `stringData` folded into `data` as the API server does on write (stringData wins).
 * `binaryData` (base64; typed state's `binary_data`) is folded in too: live Secrets carry it in `data`.
 * The `last-applied-configuration` annotation is dropped: kubectl writes the plain Secret into it.
 * Other kinds pass through unchanged.
 */
export function redactSecret(object: JsonObject, hash: SecretHasher, encodings: SecretEncodings): JsonObject {
  if (typeof object.kind === 'string' && object.kind !== 'Secret') return object;
  const present = (key: string) => object[key] !== undefined && object[key] !== null;
  const copy: JsonObject = { ...object };
  if (present('data') || present('stringData') || present('binaryData')) {
    copy.data = {
      ...hashMap(object.binaryData, hash, 'base64'),
      ...hashMap(object.data, hash, encodings.data),
      ...hashMap(object.stringData, hash, 'plain'),
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
