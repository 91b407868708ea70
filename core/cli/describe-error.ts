import { DriftwiseError } from '../src/index.ts';
import { ApiError } from './api-client.ts';
import { UsageError } from './usage-error.ts';

/**
 * The message a failed command prints: one line (plus the issues of an invalid input, and the usage
 * after a bad command line), never a stack trace.
 */
export function describeError(error: unknown, usage: string): string {
  if (error instanceof DriftwiseError) {
    const where = error.line !== undefined ? ` (line ${error.line})` : '';
    const issues = error.issues.map((issue) => `\n  ${issue.path || '(root)'}: ${issue.message}`).join('');
    return `driftwise: ${error.code}: ${error.message}${where}${issues}`;
  }
  if (error instanceof ApiError) return `driftwise: ${error.message}`;
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS_')) {
    return `driftwise: ${(error as Error).message}\n\n${usage}`;
  }
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError.code === 'ENOENT' || nodeError.code === 'EISDIR' || nodeError.code === 'EACCES') {
    return `driftwise: cannot read ${nodeError.path}: ${nodeError.code}`;
  }
  return `driftwise: ${(error as Error).message ?? String(error)}`;
}
