import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textBytes } from '../src/secret/secret-hasher.ts';
import { utf8Decode } from '../src/utf8-decode.ts';

describe('utf8Decode', () => {
  it('decodes what UTF-8 encoding wrote, for any string of whole code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8Decode(textBytes(text))).toBe(text);
      }),
    );
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong form', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('returns null for %s', (_, bytes) => {
    expect(utf8Decode(new Uint8Array(bytes))).toBeNull();
  });
});
