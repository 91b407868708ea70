import { compileGlob, type GlobMatcher } from './compile-glob.ts';
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
 * Compiled once per scan. Matching costs the few rules whose literal resource prefix starts the ID (see
 * `prefixIndex`), with each ID's resource globs tested once, so 2,000 rules over a 5,000-item drift
 * cost about what no rules do (`npm run bench`: `core.ignore.*`).
 *
 * @example
 * const lastMatch = ignoreMatcher(parseIgnoreRules('k8s/deployment/*\/api:spec.replicas'));
 * lastMatch('k8s/deployment/payments/api', 'spec.replicas')?.text // 'k8s/deployment/*\/api:spec.replicas'
 * lastMatch('k8s/deployment/payments/api', null)                  // null
 */
export function ignoreMatcher(rules: readonly IgnoreRule[]): IgnoreMatcher {
  const compiled: CompiledRule[] = rules.map((rule, order) => ({
    rule,
    order,
    resource: compileGlob(rule.resource, 'resource'),
    path: rule.path === null ? null : compileGlob(rule.path, 'path'),
  }));
  const index = prefixIndex(compiled);
  // The rules whose resource glob matches an ID, last rule first: a resource's changes all ask about the
  // same ID, so its resource globs are tested once, and only the paths of these rules are tested after.
  const byResource = new Map<string, CompiledRule[]>();
  return (resourceId, path) => {
    let matching = byResource.get(resourceId);
    if (matching === undefined) {
      matching = index(resourceId).filter((candidate) => candidate.resource(resourceId));
      byResource.set(resourceId, matching);
    }
    for (const { rule, path: pathGlob } of matching) {
      if (pathGlob !== null && (path === null || !pathGlob(path))) continue;
      return rule;
    }
    return null;
  };
}

interface CompiledRule {
  rule: IgnoreRule;
  /** Position in the file: the last matching rule wins. */
  order: number;
  resource: GlobMatcher;
  path: GlobMatcher | null;
}

interface PrefixNode {
  rules: CompiledRule[];
  next: Map<string, PrefixNode>;
}

/**
 * A character trie over each rule's literal resource prefix (the glob up to its first `*`): only rules
 * whose prefix starts the ID can match it, so an ID meets its own few rules and the wildcard-led ones,
 * not all 2,000 (issue 7: 100,000 rules tested on every field made a 20-item report take 20 s).
 * Returns the candidates for an ID, last rule first.
 */
function prefixIndex(compiled: readonly CompiledRule[]): (resourceId: string) => CompiledRule[] {
  const root: PrefixNode = { rules: [], next: new Map() };
  for (const entry of compiled) {
    const star = entry.rule.resource.indexOf('*');
    const prefix = star === -1 ? entry.rule.resource : entry.rule.resource.slice(0, star);
    let node = root;
    for (const char of prefix) {
      let child = node.next.get(char);
      if (child === undefined) {
        child = { rules: [], next: new Map() };
        node.next.set(char, child);
      }
      node = child;
    }
    node.rules.push(entry);
  }
  return (resourceId) => {
    const found: CompiledRule[] = [...root.rules];
    let node: PrefixNode | undefined = root;
    for (const char of resourceId) {
      node = node.next.get(char);
      if (node === undefined) break;
      for (const entry of node.rules) found.push(entry);
    }
    return found.sort((a, b) => b.order - a.order);
  };
}
