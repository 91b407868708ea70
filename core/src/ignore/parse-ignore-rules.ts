import { DriftwiseError } from '../errors.ts';
import { clipInput } from '../schema/clip-input.ts';
import { IGNORE_LIMITS } from '../schema/limits.ts';

/**
 * One `.driftignore` rule. `resource` is a glob over resource IDs; `path` a glob over change paths, or
 * `null` for a rule that hides whole resources. `text` is the rule as written (with its `!`, without
 * its comment): it is what a hidden item's `ignore_rule` shows.
 */
export interface IgnoreRule {
  /** 1-based line in the `.driftignore` text. */
  line: number;
  text: string;
  negated: boolean;
  resource: string;
  path: string | null;
}

function fail(line: number, message: string): never {
  throw new DriftwiseError('invalid_ignore_rule', `line ${line}: ${message}`, { line });
}

/**
 * Parses `.driftignore` text: one rule per line, `#` starts a comment (also after a rule), blank lines
 * are skipped. A rule is `[!]<resource-id-glob>[:<path-glob>]`:
 *
 * - `k8s/*\/kube-system/*` hides every resource it matches;
 * - `k8s/deployment/*\/api:spec.replicas` hides that field (and everything below it);
 * - `!` un-ignores what an earlier rule hid: the last matching rule wins.
 *
 * The split is at the first `:` (resource IDs never contain one). A bad line — an empty resource glob,
 * an empty path after `:`, whitespace inside the rule, a `!` alone, a resource glob that does not start
 * with `k8s/` or a wildcard — throws `DriftwiseError('invalid_ignore_rule')` whose `line` names it.
 * Glob semantics are those of {@link ignoreMatcher}.
 *
 * Limits (CONTRACT "Limits"): at most 2,000 rules and 1,024 characters a line; a breach is an
 * `invalid_ignore_rule` error naming the limit and the line. They bound the matcher's work on every later
 * scan, so the text is refused before anything is stored. No message quotes more than 64 characters of
 * the line.
 *
 * @example
 * parseIgnoreRules('k8s/deployment/*\/api:spec.replicas # HPA owns it')
 * // [{ line: 1, text: 'k8s/deployment/*\/api:spec.replicas', negated: false,
 * //    resource: 'k8s/deployment/*\/api', path: 'spec.replicas' }]
 */
export function parseIgnoreRules(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] ?? '';
    // Checked before the line is searched or trimmed: a 15 MiB line costs one length test.
    if (raw.length > IGNORE_LIMITS.maxLineLength) {
      fail(line, `the line has ${raw.length} characters; at most ${IGNORE_LIMITS.maxLineLength} are allowed`);
    }
    const hash = raw.indexOf('#');
    const rule = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (rule === '') continue;
    if (/\s/.test(rule)) fail(line, `whitespace inside the rule "${clipInput(rule)}"`);
    const negated = rule.startsWith('!');
    const body = negated ? rule.slice(1) : rule;
    if (body === '') fail(line, 'a "!" needs a rule after it');
    const colon = body.indexOf(':');
    const resource = colon === -1 ? body : body.slice(0, colon);
    const path = colon === -1 ? null : body.slice(colon + 1);
    if (resource === '') fail(line, `empty resource glob in "${clipInput(rule)}"`);
    if (path === '') fail(line, `empty path after ":" in "${clipInput(rule)}"`);
    if (!resource.startsWith('k8s/') && !resource.startsWith('*')) {
      fail(line, `the resource glob "${clipInput(resource)}" must start with "k8s/" or a wildcard`);
    }
    if (rules.length === IGNORE_LIMITS.maxRules) {
      fail(line, `more than ${IGNORE_LIMITS.maxRules} rules; at most ${IGNORE_LIMITS.maxRules} are allowed`);
    }
    rules.push({ line, text: rule, negated, resource, path });
  }
  return rules;
}
