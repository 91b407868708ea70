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
  | 'invalid_webhook_url'
  | 'unauthorized'
  | 'insufficient_scope'
  | 'oidc_not_allowed'
  | 'admin_disabled'
  | 'not_found'
  | 'method_not_allowed'
  | 'stale_state'
  | 'batch_conflict'
  | 'batch_expired'
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
  invalid_webhook_url: 'Webhook URL refused',
  unauthorized: 'Unauthorized',
  insufficient_scope: 'Insufficient scope',
  oidc_not_allowed: 'OIDC tokens are not allowed here',
  admin_disabled: 'Admin routes are disabled',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  stale_state: 'Stale state',
  batch_conflict: 'Batch conflict',
  batch_expired: 'Batch expired',
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
  /** Present (`true`) when there were more than {@link MAX_PROBLEM_ERRORS} field errors. */
  errors_truncated?: true;
  line?: number;
}

/** CONTRACT "Limits": an error body lists at most the first 100 `errors[]` entries. */
export const MAX_PROBLEM_ERRORS = 100;
/** CONTRACT "Limits": no string of an error body echoes more than 200 characters of the input. */
export const MAX_PROBLEM_TEXT = 200;

/**
 * A string of an error body, cut to {@link MAX_PROBLEM_TEXT} characters: `detail`, messages and paths
 * may quote client input (a key name, a 15 MiB ignore line), so every one is bounded here, whatever
 * built it, and an error body cannot grow with its input.
 */
function bounded(text: string): string {
  return text.length <= MAX_PROBLEM_TEXT ? text : `${text.slice(0, MAX_PROBLEM_TEXT - 1)}…`;
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

/**
 * Builds a problem body; `type` is a stable URI per code. The one place that bounds what an error body
 * can echo (CONTRACT "Limits"): at most 100 `errors[]` (then `errors_truncated: true`), and `detail`,
 * every `path` and every `message` at most 200 characters.
 */
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
    detail: bounded(detail),
    code,
  };
  if (extra.errors) {
    body.errors = extra.errors
      .slice(0, MAX_PROBLEM_ERRORS)
      .map((error) => ({ path: bounded(error.path), message: bounded(error.message) }));
    if (extra.errors.length > MAX_PROBLEM_ERRORS) body.errors_truncated = true;
  }
  if (extra.line !== undefined) body.line = extra.line;
  return body;
}
