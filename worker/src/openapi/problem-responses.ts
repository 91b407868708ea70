import { PROBLEM_JSON } from '../http/on-error.ts';
import { problemSchema } from '../schemas/problem-schema.ts';
import { rateLimitHeaders } from './rate-limit-headers.ts';

/** The 4xx answers the API gives (CONTRACT "Errors"), each as `application/problem+json`. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Malformed JSON or a schema violation (`invalid_request`, with `errors[]` naming each path).',
  401: 'Missing, malformed, unknown or revoked credential (`unauthorized`).',
  403: 'The credential may not do this (`insufficient_scope`).',
  404: 'No such resource, or one of another org (`not_found`).',
  409: 'Conflicts with what is stored.',
  413: 'The body is over the limit, 16 MiB by default (`payload_too_large`).',
  415: 'The body is not of the media type the route takes (`unsupported_media_type`).',
  429: 'Rate limited (`rate_limited`): retry after `Retry-After` seconds.',
};

const problemContent = { [PROBLEM_JSON]: { schema: problemSchema } } as const;

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before the next request can be accepted.',
    schema: { type: 'integer', minimum: 0 },
  },
} as const;

type Headers = Record<string, { description: string; schema: { type: 'integer'; minimum: number } }>;

function problemResponse(status: ProblemStatus, description: string, headers: Headers | undefined) {
  const all = status === 429 ? { ...rateLimitHeaders, ...headers, ...retryAfter } : headers;
  return { description, content: problemContent, ...(all ? { headers: all } : {}) };
}

/**
 * The error responses a route really answers, for its `createRoute({ responses })`: list only the statuses
 * the route's middleware and handler can produce, and say route-specific codes in `descriptions`. A 429
 * carries the rate-limit headers and `Retry-After`; `headers` are documented on every listed status (the
 * limiter labels every response of its route).
 *
 * @example
 * responses: { 200: { … }, ...problemResponses([400, 401, 404], { 400: 'A cursor this API did not issue.' }) }
 */
export function problemResponses<const S extends readonly ProblemStatus[]>(
  statuses: S,
  descriptions: Partial<Record<S[number], string>> = {},
  headers?: Headers,
): { [K in S[number]]: ReturnType<typeof problemResponse> } {
  const responses: Partial<Record<ProblemStatus, ReturnType<typeof problemResponse>>> = {};
  for (const status of statuses) {
    // own-field: the key is an HTTP status code from the route's own list, never data.
    responses[status] = problemResponse(
      status,
      (descriptions as Partial<Record<ProblemStatus, string>>)[status] ?? DESCRIPTIONS[status],
      headers,
    );
  }
  return responses as { [K in S[number]]: ReturnType<typeof problemResponse> };
}
