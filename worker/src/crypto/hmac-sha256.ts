const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  // One import per isolate and secret: importKey is the slow part of an HMAC.
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keyCache.set(secret, key);
  }
  return key;
}

/**
 * HMAC-SHA-256 of `message` under `secret` (WebCrypto), as raw bytes.
 *
 * @example
 * await hmacSha256(env.API_KEY_PEPPER, rawKey) // Uint8Array(32)
 */
export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    new TextEncoder().encode(message),
  );
  return new Uint8Array(signature);
}
