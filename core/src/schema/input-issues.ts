import type { InputIssue } from '../errors.ts';

/** The parts of a zod issue this needs (works for zod 4 classic and mini). */
interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Turns schema issues into the CONTRACT's `errors` entries: `{ path: "resources.3.normalized_type", message }`.
 * The path is dotted, with array indexes as plain segments; the root is `""`.
 *
 * @example
 * toInputIssues(result.error.issues) // [{ path: 'resources.0.provider', message: 'must be "kubernetes"' }]
 */
export function toInputIssues(issues: readonly PathIssue[]): InputIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
