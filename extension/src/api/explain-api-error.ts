import { DriftApiError } from './drift-api-error.ts';

/**
 * A sentence for the status bar, the log and messages per error code.
 * @example explainApiError(new DriftApiError('unauthorized', 'HTTP 401', 401)) // 'API key rejected (401): run "DriftWise: Set API Key"'
 */
export function explainApiError(err: unknown): string {
  if (!(err instanceof DriftApiError)) return String(err);
  switch (err.code) {
    case 'unauthorized':
      return 'API key rejected (401): run "DriftWise: Set API Key"';
    case 'forbidden':
      return `forbidden (403): ${err.message}`;
    case 'not_found':
      return 'not found (404): check driftwise.orgId and the cluster ids';
    case 'network':
      return `offline: ${err.message}`;
    default:
      return err.message;
  }
}
