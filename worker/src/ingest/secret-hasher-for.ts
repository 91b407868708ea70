import { type SecretHasher, secretHasher } from '@driftwise/core';
import { hmacSha256 } from '../crypto/hmac-sha256.ts';

const hashers = new Map<string, Promise<SecretHasher>>();

/**
 * The keyed hash for Secret values, derived from the `API_KEY_PEPPER` secret as
 * HMAC(pepper, "driftwise secret values"): one secret to manage, yet a key separate from the API key
 * hashes. State uploads and reports use the same one, so drift on Secrets is still found.
 */
export function secretHasherFor(pepper: string | undefined): Promise<SecretHasher> {
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  let hasher = hashers.get(pepper);
  if (!hasher) {
    hasher = hmacSha256(pepper, 'driftwise secret values').then((key) => secretHasher(key));
    hashers.set(pepper, hasher);
  }
  return hasher;
}
