import { expect, it } from 'vitest';
import { sha256Hex } from '../src/crypto/sha256-hex.ts';
import { toHex } from '../src/crypto/to-hex.ts';

const webCrypto = async (text: string) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));

/** The digests sha256Hex must give on every runtime, whichever way it hashes there (workerd, Node, Deno). */
export function sha256HexCases(): void {
  it.each([
    ['', 'the empty text'],
    ['abc', 'ASCII'],
    ['Grüße, 日本語, 🚀', 'non-ASCII and a surrogate pair'],
    ['lone \uD800 high and \uDC00 low surrogates', 'lone surrogates (U+FFFD in UTF-8)'],
    ['x'.repeat(200_000), 'a long text'],
  ])('gives WebCrypto’s digest of the UTF-8 bytes for %j (%s)', async (text) => {
    expect(await sha256Hex(text)).toBe(await webCrypto(text));
  });

  it('gives the known SHA-256 of "abc"', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
}
