import { describe, expect, it } from 'vitest';
import { splitUtf8 } from '../src/store/split-utf8.ts';

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('splitUtf8', () => {
  it('returns the text as one piece when it fits', () => {
    expect(splitUtf8('abcd', 4)).toEqual(['abcd']);
  });

  it('never cuts inside a character when the text holds multi-byte ones', () => {
    const text = 'aé€😀'.repeat(50);
    const parts = splitUtf8(text, 7);

    expect(parts.join('')).toBe(text);
    expect(parts.every((part) => bytes(part) <= 7 && !part.includes('\uFFFD'))).toBe(true);
  });

  it('refuses a limit too small for one character', () => {
    expect(() => splitUtf8('a', 3)).toThrow(RangeError);
  });
});
