import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One field-level problem of a validation failure (RFC 9457 extension member `errors`). */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** The stable error codes of the API (CONTRACT "Errors"); clients branch on these. */
export type ProblemCode =
  | 'invalid_request'
  | 'invalid_state'
  | 'unsupported_state_version'
  | 'invalid_ignore_rule'
  | 'unauthorized'
  | 'insufficient_scope'
  | 'oidc_not_allowed'
  | 'admin_disabled'
  | 'not_found'
  | 'method_not_allowed'
  | 'stale_state'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'busy'
  | 'internal_error';

const TITLES: Record<ProblemCode, string> = {
  invalid_request: 'Invalid request',
  invalid_state: 'Invalid Terraform state',
  unsupported_state_version: 'Unsupported Terraform state version',
  invalid_ignore_rule: 'Invalid ignore rule',
  unauthorized: 'Unauthorized',
  insufficient_scope: 'Insufficient scope',
  oidc_not_allowed: 'OIDC tokens are not allowed here',
  admin_disabled: 'Admin routes are disabled',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  stale_state: 'Stale state',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  busy: 'Busy',
  internal_error: 'Internal server error',
};

/** The RFC 9457 body every error response carries. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: ProblemFieldError[];
  line?: number;
}

/**
 * An expected failure that the one `app.onError` turns into `application/problem+json`.
 *
 * @example
 * throw new ProblemError(409, 'stale_state', 'serial 3 is older than the stored serial 5');
 */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ProblemCode;
  readonly errors: ProblemFieldError[] | undefined;
  readonly line: number | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ProblemCode,
    detail: string,
    options: { errors?: ProblemFieldError[]; line?: number; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.line = options.line;
    this.headers = options.headers ?? {};
  }

  /** The problem+json body. */
  toBody(): ProblemBody {
    return problemBody(this.status, this.code, this.message, { errors: this.errors, line: this.line });
  }
}

/** Builds a problem body; `type` is a stable URI per code. */
export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  extra: { errors?: ProblemFieldError[] | undefined; line?: number | undefined } = {},
): ProblemBody {
  const body: ProblemBody = {
    type: `https://driftwise.io/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[code],
    status,
    detail,
    code,
  };
  if (extra.errors) body.errors = extra.errors;
  if (extra.line !== undefined) body.line = extra.line;
  return body;
}
