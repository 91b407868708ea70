import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipPieces } from '../src/gzip-pieces.ts';

describe('gzipPieces', () => {
  const pieces = Array.from({ length: 3000 }, (_, i) => `{"id":"uid-${i}","v":"${'é'.repeat(i % 50)}"},`);

  it('gives the gzip of the concatenated pieces', async () => {
    const compressed = await gzipPieces(pieces, { sliceChars: 1000 });
    expect(gunzipSync(compressed).toString('utf8')).toBe(pieces.join(''));
  });

  it('gives the same bytes wherever the slices fall, and the same as a one-shot gzip', async () => {
    const oneShot = gzipSync(pieces.join(''));
    for (const sliceChars of [1, 777, 64 * 1024, 1 << 30])
      expect(Buffer.compare(await gzipPieces(pieces, { sliceChars }), oneShot)).toBe(0);
  });

  it('compresses an empty body', async () => {
    expect(gunzipSync(await gzipPieces([])).toString()).toBe('');
  });
});
