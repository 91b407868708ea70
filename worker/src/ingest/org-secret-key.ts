import { type SecretHasher, secretHasher } from '@driftwise/core';
import { hmacSha256 } from '../crypto/hmac-sha256.ts';
import { toHex } from '../crypto/to-hex.ts';

/** An org's key for Secret values (CONTRACT "Hashed in the cluster"). */
export interface OrgSecretKey {
  /** `k1` + 16 hex digits of SHA-256(key): names the key in every hash without revealing it. */
  keyId: string;
  /** The 32 key bytes: what `GET /api/v2/operator/secret-hash-key` hands to the org's operators. */
  key: Uint8Array;
  /** Hashes values as `hmac-sha256:<keyId>:<hex>`, for reports and state uploads alike. */
  hasher: SecretHasher;
}

const keys = new Map<string, Promise<OrgSecretKey>>();
const CACHE_ENTRIES = 256;

async function derive(pepper: string, orgId: string): Promise<OrgSecretKey> {
  // Derived, never stored: HMAC(pepper, label ‖ org id). One secret to manage, a key per org (so one org's
  // operator cannot compute another's hashes), and separate from the API key hashes by its label. Changing
  // API_KEY_PEPPER rotates it, and with it the key id.
  const key = await hmacSha256(pepper, `driftwise secret-hash-key v1\u0000${orgId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', key));
  const keyId = `k1${toHex(digest).slice(0, 16)}`;
  return { keyId, key, hasher: secretHasher(key, keyId) };
}

/**
 * The org's Secret-value key, derived from the `API_KEY_PEPPER` secret and the org id and cached per
 * isolate.
 *
 * @example
 * const { hasher } = await orgSecretKey(c.env.API_KEY_PEPPER, orgId);
 * toLiveResources(report, { secretHasher: hasher });
 */
export function orgSecretKey(pepper: string | undefined, orgId: string): Promise<OrgSecretKey> {
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  const cacheKey = `${pepper.length}:${pepper}\u0000${orgId}`;
  let key = keys.get(cacheKey);
  if (!key) {
    if (keys.size >= CACHE_ENTRIES) keys.delete(keys.keys().next().value!);
    key = derive(pepper, orgId);
    keys.set(cacheKey, key);
  }
  return key;
}
