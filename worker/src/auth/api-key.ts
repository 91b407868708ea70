import { hmacSha256 } from '../crypto/hmac-sha256.ts';
import { toHex } from '../crypto/to-hex.ts';

/** Every raw key starts with this (CONTRACT "Authentication"). */
export const API_KEY_PREFIX = 'dw2_';

/** Characters of the raw key kept as its public `prefix`: `dw2_` and 8 more. */
export const API_KEY_PREFIX_LENGTH = 12;

/**
 * A new raw key: `dw2_` + 32 random bytes in base64url (256 bits).
 *
 * @example
 * generateApiKey() // 'dw2_TZAEJ3XzN62-…'
 */
export function generateApiKey(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  const bytes = randomBytes(32);
  const base64 = btoa(String.fromCharCode(...bytes));
  return API_KEY_PREFIX + base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function defaultRandomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * The stored form of an API key: hex HMAC-SHA-256 of the raw key under the `API_KEY_PEPPER` secret, so a
 * leaked table holds nothing that authenticates.
 *
 * @example
 * await hashApiKey(rawKey, env.API_KEY_PEPPER) // '3f1c…' (64 hex digits)
 */
export async function hashApiKey(rawKey: string, pepper: string): Promise<string> {
  return toHex(await hmacSha256(pepper, rawKey));
}
