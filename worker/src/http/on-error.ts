import { DriftwiseError } from '@driftwise/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ObjectTooLargeError } from '../store/object-too-large-error.ts';
import { UnstorableValueError } from '../store/unstorable-value-error.ts';
import { type ProblemBody, ProblemError, problemBody } from './problem-error.ts';

/** RFC 9457 media type of every error body. */
export const PROBLEM_JSON = 'application/problem+json';

function toProblem(error: unknown): {
  body: ProblemBody;
  headers: Record<string, string>;
  expected: boolean;
} {
  if (error instanceof ProblemError) return { body: error.toBody(), headers: error.headers, expected: true };
  if (error instanceof DriftwiseError) {
    // Bad input that core found: the CONTRACT's 400, with the field paths core names.
    const code = error.code === 'invalid_report' ? 'invalid_request' : error.code;
    const errors = error.issues.length > 0 ? error.issues : undefined;
    return {
      body: problemBody(400, code, error.message, { errors, line: error.line }),
      headers: {},
      expected: true,
    };
  }
  if (error instanceof ObjectTooLargeError) {
    return { body: problemBody(413, 'payload_too_large', error.message), headers: {}, expected: true };
  }
  if (error instanceof UnstorableValueError) {
    // The store refused a client's value it could not read back: the client's input, so a 400.
    return {
      body: problemBody(400, 'invalid_request', error.message, {
        errors: [{ path: error.field, message: error.message }],
      }),
      headers: {},
      expected: true,
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own: the validator's "Malformed JSON in request body" (400), and the 415 of @hono/zod-openapi's
    // media type gate, stricter than body() (`application/vnd.v2+json`, `application/json ; charset=utf-8`).
    const status = error.status as ContentfulStatusCode;
    const code = status === 404 ? 'not_found' : status === 415 ? 'unsupported_media_type' : 'invalid_request';
    const detail =
      status === 415
        ? 'This route takes application/json, or a +json type of letters, "-" and ".".'
        : error.message;
    return { body: problemBody(status, code, detail || 'Bad request'), headers: {}, expected: true };
  }
  return {
    body: problemBody(500, 'internal_error', 'The server could not handle this request.'),
    headers: {},
    expected: false,
  };
}

/**
 * The one `app.onError`: every failure becomes `application/problem+json`. Only unexpected errors are
 * logged, and their message never reaches the client.
 */
export function onError(error: unknown, c: Context): Response {
  const { body, headers, expected } = toProblem(error);
  if (!expected) console.error('unexpected error', c.req.method, c.req.path, error);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('Content-Type', PROBLEM_JSON);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode);
}
