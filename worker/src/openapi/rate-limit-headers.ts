/**
 * The headers the rate limiter puts on every response of a limited route (CONTRACT "Errors": 429), as
 * OpenAPI response headers. `Retry-After` is only on the 429 (see `problemResponses`).
 *
 * @example
 * responses: { 201: { description: 'Created', headers: rateLimitHeaders, content: … } }
 */
export const rateLimitHeaders = {
  'RateLimit-Limit': {
    description: 'Requests allowed per window (120 per minute per client IP on the operator routes).',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the oldest counted request leaves the window and frees a slot.',
    schema: { type: 'integer', minimum: 0 },
  },
} as const;
