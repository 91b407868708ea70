import type { Severity } from '@driftwise/core';

/** Editor level of a drift severity. */
export type DiagnosticLevel = 'error' | 'warning' | 'information';

/**
 * `critical`/`high` → error (the CONTRACT ranks security-relevant drift at least high), `medium` → warning,
 * `low` → information.
 * @example diagnosticLevel('high') // 'error'
 */
export function diagnosticLevel(severity: Severity): DiagnosticLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'information';
}
