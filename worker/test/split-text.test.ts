import { describe, expect, it } from 'vitest';
import { splitText } from '../src/store/split-text.ts';
import { utf8Length } from '../src/store/utf8-length.ts';

describe('splitText', () => {
  it.each([
    ['ASCII', 'a'.repeat(1000)],
    ['quotes and backslashes', '"\\'.repeat(500)],
    ['multi-byte characters', 'é日'.repeat(500)],
    ['surrogate pairs', '😀'.repeat(500)],
    ['control characters', '\u0001\n'.repeat(500)],
  ])('joins back to the text and keeps every encoded piece within the limit for %s', (_, text) => {
    const pieces = splitText(text, 100);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(utf8Length(JSON.stringify(piece))).toBeLessThanOrEqual(100);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    for (const piece of splitText(`a${'😀'.repeat(100)}`, 11)) {
      expect(/[\uD800-\uDBFF]$/.test(piece)).toBe(false);
      expect(/^[\uDC00-\uDFFF]/.test(piece)).toBe(false);
    }
  });

  it('returns one piece for a text that fits', () => {
    expect(splitText('{"a":1}', 100)).toEqual(['{"a":1}']);
  });
});

describe('utf8Length', () => {
  it('counts bytes as TextEncoder does', () => {
    const text = 'aé日😀"\\';
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
