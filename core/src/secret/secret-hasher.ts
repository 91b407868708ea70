import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Prefix of every hashed Secret value, so a hash is never mistaken for a value. */
export const SECRET_HASH_PREFIX = 'hmac-sha256:';

/** What drift shows in place of a Secret value. */
export const REDACTED = '(redacted)';

/** Key for the secret hash: raw bytes, or a string taken as UTF-8. */
export type SecretKey = string | Uint8Array;

/**
 * Maps a Secret value's bytes to its keyed hash, `hmac-sha256:<key_id>:<64 lowercase hex>`, and names the
 * key it hashes with (`keyId`), so a value hashed elsewhere with the same key is recognised.
 */
export interface SecretHasher {
  (value: Uint8Array): string;
  readonly keyId: string;
}

/** The parts of a hashed Secret value: the key it was made with and the HMAC in hex. */
export interface SecretHashParts {
  keyId: string;
  hex: string;
}

/** Key ids are short tokens (`k1…`): letters, digits, `-` and `_`. */
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HASHED = /^hmac-sha256:([A-Za-z0-9_-]{1,64}):([0-9a-f]{64})$/;

/**
 * A keyed hash for Secret values: HMAC-SHA-256 under `key`, written as
 * `hmac-sha256:<keyId>:<64 lowercase hex>` (CONTRACT "Hashed in the cluster"). Equal values give equal
 * hashes, so drift on Secrets is still found, while the value itself never comes to rest. Sync and pure
 * (@noble/hashes) because core has no WebCrypto; the operator and the CLI use the same function to hash
 * before a value leaves the cluster.
 *
 * @example
 * const hash = secretHasher(keyBytes, 'k1a2b3c4');
 * hash(textBytes('hunter2')) // 'hmac-sha256:k1a2b3c4:5f…'
 */
export function secretHasher(key: SecretKey, keyId: string): SecretHasher {
  if (!KEY_ID.test(keyId)) throw new TypeError(`secretHasher: invalid key id ${JSON.stringify(keyId)}`);
  const keyBytes = typeof key === 'string' ? utf8ToBytes(key) : key;
  const keyed = hmac.create(sha256, keyBytes);
  const prefix = `${SECRET_HASH_PREFIX}${keyId}:`;
  const hash = (value: Uint8Array) => prefix + bytesToHex(keyed.clone().update(value).digest());
  return Object.assign(hash, { keyId });
}

/** True when `value` claims to be a hashed Secret value (it starts with `hmac-sha256:`), well-formed or not. */
export function isSecretHash(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SECRET_HASH_PREFIX);
}

/** The key id and hex of a well-formed hashed value; `null` when `value` is not one. */
export function parseSecretHash(value: string): SecretHashParts | null {
  const match = HASHED.exec(value);
  return match ? { keyId: match[1]!, hex: match[2]! } : null;
}

/** UTF-8 bytes of a string (re-exported so callers need no TextEncoder). */
export function textBytes(text: string): Uint8Array {
  return utf8ToBytes(text);
}
