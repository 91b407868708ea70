import { describe, expect, it } from 'vitest';
import { DriftApiError } from './drift-api-error.ts';
import { explainApiError } from './explain-api-error.ts';

describe('explainApiError', () => {
  it('tells the user to set the key when it was rejected', () => {
    expect(explainApiError(new DriftApiError('unauthorized', 'HTTP 401: unknown key', 401))).toBe(
      'API key rejected (401): run "DriftWise: Set API Key"',
    );
  });

  it('keeps the server detail of a refusal it has no sentence for', () => {
    expect(explainApiError(new DriftApiError('invalid_request', 'HTTP 400: line 2: empty path', 400))).toBe(
      'HTTP 400: line 2: empty path',
    );
  });
});
