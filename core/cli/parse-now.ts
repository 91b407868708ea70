import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The clock of a command: `--now <RFC 3339>` when given (tests, reproducible output), else the injected
 * real one. RFC 3339 only: `Date.parse` would also take locale forms on some engines.
 */
export function parseNow(text: string | undefined, io: CliIo): Date {
  if (text === undefined) return io.now();
  const date = RFC3339.test(text) ? new Date(text) : null;
  if (date === null || Number.isNaN(date.getTime()))
    throw new UsageError(`--now: "${text}" is not an RFC 3339 time`);
  return date;
}
