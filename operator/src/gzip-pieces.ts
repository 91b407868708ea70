import { once } from 'node:events';
import { createGzip } from 'node:zlib';

/**
 * gzip of the concatenation of `pieces`, streamed: the pieces go to zlib in slices of about `sliceChars`
 * characters, so the uncompressed body is never one string or one buffer in memory. The output does not
 * depend on where the slices fall (deflate buffers its input), so equal bodies give equal bytes.
 *
 * @example await gzipPieces(['{"a":', '1', '}']) // the same bytes as gzipSync('{"a":1}')
 */
export async function gzipPieces(pieces: Iterable<string>, { sliceChars = 64 * 1024 } = {}): Promise<Buffer> {
  const gzip = createGzip();
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(gzip, 'end');
  let slice: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    slice.push(piece);
    length += piece.length;
    if (length < sliceChars) continue;
    if (!gzip.write(slice.join(''))) await once(gzip, 'drain');
    slice = [];
    length = 0;
  }
  gzip.end(slice.join(''));
  await ended;
  return Buffer.concat(out);
}
