import { compileGlob } from './compile-glob.ts';
import type { IgnoreRule } from './parse-ignore-rules.ts';

/**
 * The last rule that matches a resource (`path` `null`) or one changed field of it, or `null` when none
 * does. The thing is hidden when that rule is not negated.
 */
export type IgnoreMatcher = (resourceId: string, path: string | null) => IgnoreRule | null;

/**
 * Compiles ignore rules into an {@link IgnoreMatcher}. Semantics:
 *
 * - a rule matches a resource when its resource glob matches the resource ID; a rule without a path
 *   then matches the resource and every changed field of it, a rule with a path only the fields its
 *   path glob matches (the path itself or anything below it: `metadata.labels` covers
 *   `metadata.labels.team`); a path rule never hides a whole missing or extra resource;
 * - globs: `*` is any run of characters except the separator (`/` in resource IDs, `.` in paths,
 *   `]` inside a path's brackets), `**` any run at all, everything else literal (`[`, `]` too:
 *   `containers[api].image`, `containers[*].image`);
 * - the last matching rule wins: a later `!rule` un-ignores what an earlier rule hid, and a later plain
 *   rule hides again.
 *
 * @example
 * const lastMatch = ignoreMatcher(parseIgnoreRules('k8s/deployment/*\/api:spec.replicas'));
 * lastMatch('k8s/deployment/payments/api', 'spec.replicas')?.text // 'k8s/deployment/*\/api:spec.replicas'
 * lastMatch('k8s/deployment/payments/api', null)                  // null
 */
export function ignoreMatcher(rules: readonly IgnoreRule[]): IgnoreMatcher {
  const compiled = rules.map((rule) => ({
    rule,
    resource: compileGlob(rule.resource, 'resource'),
    path: rule.path === null ? null : compileGlob(rule.path, 'path'),
  }));
  return (resourceId, path) => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      const { rule, resource, path: pathGlob } = compiled[i]!;
      if (!resource(resourceId)) continue;
      if (pathGlob !== null && (path === null || !pathGlob(path))) continue;
      return rule;
    }
    return null;
  };
}
