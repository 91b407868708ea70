import { describe, expect, it } from 'vitest';
import { utf8Length } from '../src/store/utf8-length.ts';

describe('utf8Length', () => {
  it.each([
    ['', 'the empty text'],
    ['{"kind":"Deployment"}', 'ASCII JSON (the native scan)'],
    ['\u007f at the ASCII edge', 'the last ASCII unit'],
    ['\u0080 past it', 'the first two-byte unit'],
    ['Grüße 日本語 🚀', 'two-, three- and four-byte characters'],
    [`${'x'.repeat(100_000)}é`, 'a long text with its only non-ASCII character last'],
  ])('counts the UTF-8 bytes of %j (%s)', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
