import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ProblemError } from './problem-error.ts';
import { bodyEncoding, DEFAULT_MAX_BODY_BYTES, readBody } from './read-body.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Which bodies a route takes: JSON (`application/json`, `…+json`) or plain text. */
export type BodyKind = 'json' | 'text';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The body limit from the `MAX_BODY_BYTES` var, else 16 MiB. */
export function maxBodyBytes(value: string | undefined): number {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_BODY_BYTES;
}

/**
 * Checks the content type and encoding (415) and reads the body within the size limit (413, counted on the
 * inflated bytes of a gzip body; a corrupt gzip stream is a 400), then leaves the text in
 * hono's body cache so `zValidator('json', …)` and `c.req.text()` read it from there. Malformed JSON is
 * reported by the validator (400, mapped by `onError`).
 */
export function body(kind: BodyKind): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = mediaType(c.req.header('Content-Type'));
    const accepted = kind === 'json' ? JSON_MEDIA_TYPE.test(type) : type === 'text/plain';
    if (!accepted) {
      const wanted = kind === 'json' ? 'application/json' : 'text/plain';
      throw new ProblemError(
        415,
        'unsupported_media_type',
        `This route takes ${wanted}, not ${type === '' ? 'a body without Content-Type' : type}.`,
      );
    }
    // gzip is accepted on every body route, not only the report and the state upload the contract names:
    // one rule for all routes is simpler for clients, and the limit makes it no more costly than plain bodies.
    const encoding = bodyEncoding(c.req.header('Content-Encoding'));
    const text = await readBody(c.req.raw, { limit: maxBodyBytes(c.env.MAX_BODY_BYTES), encoding });
    // hono keeps promises in its body cache (its types say values): seed it so later readers reuse this text.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    await next();
  };
}
