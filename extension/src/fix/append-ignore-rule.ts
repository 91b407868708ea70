import { parseIgnoreRules } from '@driftwise/core';

/** The `.driftignore` text after appending a rule, and whether anything was added. */
export interface AppendedIgnoreRule {
  text: string;
  /** False when the file already has the rule (not negated): appending it again would change nothing. */
  added: boolean;
}

/**
 * Appends a rule (with a trailing comment saying where it came from) to `.driftignore` text, or starts
 * the file when there is none. Parsed with core's own rule parser, so a rule the server would refuse
 * with a 400 (whitespace in a path, say) throws here instead, before anything is written.
 * @example appendIgnoreRule('# rules\n', 'k8s/deployment/fleet/api:spec.replicas', { comment: 'from VS Code' }).text
 * // '# rules\nk8s/deployment/fleet/api:spec.replicas # from VS Code\n'
 */
export function appendIgnoreRule(
  existing: string | null,
  rule: string,
  { comment }: { comment?: string } = {},
): AppendedIgnoreRule {
  // Throws DriftwiseError('invalid_ignore_rule') for a rule the server would reject.
  parseIgnoreRules(rule);
  const text = existing ?? '';
  const present = parseIgnoreRules(text).some((parsed) => parsed.text === rule && !parsed.negated);
  if (present) return { text, added: false };
  const line = comment ? `${rule} # ${comment.replace(/[\r\n]+/g, ' ')}` : rule;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return { text: `${text}${separator}${line}\n`, added: true };
}
