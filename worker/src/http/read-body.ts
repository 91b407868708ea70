import { ProblemError } from './problem-error.ts';

/** The default body limit: 16 MiB (CONTRACT "Errors", 413). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** How a body is encoded on the wire: as it is, or gzip (CONTRACT "Large reports: compression and batches"). */
export type BodyEncoding = 'identity' | 'gzip';

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /** The largest body accepted, counted on the decoded bytes. */
  limit: number;
  /** The body's `Content-Encoding`, already parsed by {@link bodyEncoding}. */
  encoding?: BodyEncoding;
}

/**
 * The encoding a `Content-Encoding` header names, or a 415 for any other. `x-gzip` is gzip's old alias
 * (RFC 9110 §8.4.1.3 says a recipient should treat it as gzip); `identity` is the same as no header.
 *
 * @example bodyEncoding('gzip') // 'gzip'
 */
export function bodyEncoding(header: string | undefined | null): BodyEncoding {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  throw new ProblemError(
    415,
    'unsupported_media_type',
    `Content-Encoding ${JSON.stringify(value.slice(0, 40))} is not accepted: send gzip or no encoding.`,
  );
}

/**
 * Reads a request body as text, counting bytes as they stream in and stopping with 413 as soon as the
 * count passes `limit`. Content-Length is only a shortcut for an early refusal: a chunked body, or one
 * that lies about its length, is still cut off at the limit (hono's body-limit does the same, RFC 9112 §6).
 *
 * A gzip body is inflated as a stream and the limit counts the inflated bytes, so a small body that
 * inflates to a gigabyte costs at most `limit` bytes of work before the 413. A stream that does not
 * inflate (corrupt, truncated) is a 400.
 *
 * @example await readBody(request, { limit: 16 * 1024 * 1024, encoding: 'gzip' })
 */
export async function readBody(
  request: Request,
  { limit, encoding = 'identity' }: ReadBodyOptions,
): Promise<string> {
  const tooLarge = () =>
    new ProblemError(413, 'payload_too_large', `The request body exceeds the limit of ${limit} bytes.`);
  // Content-Length counts the encoded bytes; only for an unencoded body does it say anything about the limit.
  const declared = request.headers.get('Content-Length');
  if (encoding === 'identity' && declared !== null && Number(declared) > limit) throw tooLarge();
  if (request.body === null) return '';
  const stream =
    encoding === 'gzip'
      ? request.body.pipeThrough(
          new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
        )
      : request.body;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (error) {
      // Only the inflater fails on the client's bytes; an unencoded body's read error is not the client's data.
      if (encoding !== 'gzip') throw error;
      throw new ProblemError(400, 'invalid_request', 'The gzip request body is corrupt or truncated.');
    }
    const { done, value } = step;
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
