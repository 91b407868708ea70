import { toHex } from './to-hex.ts';

/**
 * SHA-256 of a string's UTF-8 bytes, as lowercase hex (WebCrypto).
 *
 * @example
 * await sha256Hex('abc') // 'ba7816bf…'
 */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
