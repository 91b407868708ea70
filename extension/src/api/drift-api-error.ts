/** Why a call to the DriftWise API failed; callers branch on this, never on `message`. */
export type DriftApiErrorCode =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  /** 400: the server refused what was sent (a bad `.driftignore` line). */
  | 'invalid_request'
  | 'rate_limited'
  | 'server'
  | 'bad_response'
  | 'not_configured';

/**
 * A failed API call with a stable `code`.
 * @example if (err instanceof DriftApiError && err.code === 'unauthorized') askForKey();
 */
export class DriftApiError extends Error {
  readonly code: DriftApiErrorCode;
  /** HTTP status when the server answered, else `null`. */
  readonly status: number | null;

  constructor(code: DriftApiErrorCode, message: string, status: number | null = null) {
    super(message);
    this.name = 'DriftApiError';
    this.code = code;
    this.status = status;
  }
}
