import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Prefix of every hashed Secret value, so a hash is never mistaken for a value. */
export const SECRET_HASH_PREFIX = 'hmac-sha256:';

/** What drift shows in place of a Secret value. */
export const REDACTED = '(redacted)';

/** Key for the secret hash: raw bytes, or a string taken as UTF-8. */
export type SecretKey = string | Uint8Array;

/** Maps a Secret value's bytes to its keyed hash (`hmac-sha256:<hex>`). */
export type SecretHasher = (value: Uint8Array) => string;

/**
 * A keyed hash for Secret values: HMAC-SHA-256 under `key`. Equal values give equal hashes, so drift on
 * Secrets is still found, while the value itself never comes to rest. Sync and pure (@noble/hashes)
 * because core has no WebCrypto.
 *
 * @example
 * const hash = secretHasher(env.SECRET_HASH_KEY);
 * hash(utf8ToBytes('hunter2')) // 'hmac-sha256:5f…'
 */
export function secretHasher(key: SecretKey): SecretHasher {
  const keyBytes = typeof key === 'string' ? utf8ToBytes(key) : key;
  const keyed = hmac.create(sha256, keyBytes);
  return (value) => SECRET_HASH_PREFIX + bytesToHex(keyed.clone().update(value).digest());
}

/** True when `value` is a hash made by a {@link SecretHasher}. */
export function isSecretHash(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(SECRET_HASH_PREFIX);
}

/** UTF-8 bytes of a string (re-exported so callers need no TextEncoder). */
export function textBytes(text: string): Uint8Array {
  return utf8ToBytes(text);
}
