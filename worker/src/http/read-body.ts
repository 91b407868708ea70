import { ProblemError } from './problem-error.ts';

/** The default body limit: 16 MiB (CONTRACT "Errors", 413). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body as text, counting bytes as they stream in and stopping with 413 as soon as the
 * count passes `limit`. Content-Length is only a shortcut for an early refusal: a chunked body, or one
 * that lies about its length, is still cut off at the limit (hono's body-limit does the same, RFC 9112 §6).
 */
export async function readBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new ProblemError(413, 'payload_too_large', `The request body exceeds the limit of ${limit} bytes.`);
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
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
