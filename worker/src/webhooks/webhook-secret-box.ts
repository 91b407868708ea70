import { hmacSha256 } from '../crypto/hmac-sha256.ts';

// Standard Webhooks signs with the secret itself, so it cannot be stored as a hash: it is sealed with
// AES-256-GCM under a key derived from API_KEY_PEPPER (HMAC with its own label, so it is no API key hash and
// no Secret-value key). Rotating the pepper makes stored secrets unreadable: recreate the webhooks then.
const keys = new Map<string, Promise<CryptoKey>>();

function boxKey(pepper: string): Promise<CryptoKey> {
  let key = keys.get(pepper);
  if (!key) {
    key = hmacSha256(pepper, 'driftwise webhook-secret v1').then((bytes) =>
      crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']),
    );
    keys.clear();
    keys.set(pepper, key);
  }
  return key;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Seals and opens a webhook's signing secret (`v1:<iv>:<ciphertext>`, base64).
 *
 * @example
 * const box = await webhookSecretBox.seal(env.API_KEY_PEPPER, 'whsec_…');
 * await webhookSecretBox.open(env.API_KEY_PEPPER, box); // 'whsec_…'
 */
export const webhookSecretBox = {
  async seal(pepper: string, secret: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      await boxKey(pepper),
      new TextEncoder().encode(secret),
    );
    return `v1:${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
  },
  async open(pepper: string, box: string): Promise<string> {
    const [version, iv, sealed] = box.split(':');
    if (version !== 'v1' || !iv || !sealed) throw new Error('not a sealed webhook secret');
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv) },
      await boxKey(pepper),
      fromBase64(sealed),
    );
    return new TextDecoder().decode(opened);
  },
};

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}
