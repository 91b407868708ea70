import type { InputIssue } from '../errors.ts';
import { clipInput } from './clip-input.ts';
import { REPORT_LIMITS } from './limits.ts';

/** The parts of a zod issue this needs (works for zod 4 classic and mini). */
interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
  /** `unrecognized_keys` issues name the unknown fields here, not in `path`. */
  keys?: readonly string[];
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((segment) => clipInput(String(segment))).join('.');
}

/**
 * Turns schema issues into the CONTRACT's `errors` entries: `{ path: "resources.3.normalized_type", message }`.
 * The path is dotted, with array indexes as plain segments; the root is `""`. An unknown field is
 * reported at its own path (`generate_iacs`: "is not a field of this object"). At most
 * `REPORT_LIMITS.maxIssues + 1` entries come back (one more than an error body shows, so the caller
 * knows to say `errors_truncated`), and no segment quotes more than 64 characters of a client's key.
 *
 * @example
 * toInputIssues(result.error.issues) // [{ path: 'resources.0.provider', message: 'must be "kubernetes"' }]
 */
export function toInputIssues(issues: readonly PathIssue[]): InputIssue[] {
  const out: InputIssue[] = [];
  const max = REPORT_LIMITS.maxIssues + 1;
  for (const issue of issues) {
    if (out.length >= max) break;
    if (issue.keys !== undefined && issue.keys.length > 0) {
      for (const key of issue.keys.slice(0, max - out.length)) {
        out.push({ path: dotted([...issue.path, key]), message: 'is not a field of this object' });
      }
      continue;
    }
    out.push({ path: dotted(issue.path), message: issue.message });
  }
  return out;
}
