import { toInputIssues } from '@driftwise/core';
import { ProblemError } from './problem-error.ts';

/** What @hono/zod-validator hands its hook (the parts used here). */
interface ValidationResult {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  target: string;
}

/**
 * The zod-validator hook: a failed validation becomes the CONTRACT's 400 `invalid_request` with dotted
 * field paths (`resources.3.normalized_type`), never zod's raw error.
 *
 * @example
 * zValidator('json', operatorReportRequestSchema, validationHook)
 */
export function validationHook(result: ValidationResult): void {
  if (result.success) return;
  const errors = toInputIssues(result.error?.issues ?? []);
  const where = result.target === 'json' ? 'request body' : `${result.target} parameters`;
  throw new ProblemError(400, 'invalid_request', `The ${where} does not match the schema.`, { errors });
}
