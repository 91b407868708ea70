// Defect 2 (issue 7): the indexed matcher must keep the naive matcher's semantics exactly (last matching
// rule wins, negation order, `*` and `**` globs). The naive one, as it was before the index, is the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/ignore/compile-glob.ts';
import { ignoreMatcher } from '../../src/ignore/ignore-matcher.ts';
import type { IgnoreRule } from '../../src/ignore/parse-ignore-rules.ts';

function naiveMatcher(rules: readonly IgnoreRule[]) {
  const compiled = rules.map((rule) => ({
    rule,
    resource: compileGlob(rule.resource, 'resource'),
    path: rule.path === null ? null : compileGlob(rule.path, 'path'),
  }));
  return (resourceId: string, path: string | null): IgnoreRule | null => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      const { rule, resource, path: pathGlob } = compiled[i]!;
      if (!resource(resourceId)) continue;
      if (pathGlob !== null && (path === null || !pathGlob(path))) continue;
      return rule;
    }
    return null;
  };
}

const idPart = fc.constantFrom('deployment', 'configmap', 'dep', 'apps', 'kube-system', 'api', 'a', 'ab');
const resourceId = fc
  .tuple(idPart, fc.array(idPart, { minLength: 1, maxLength: 2 }))
  .map(([kind, rest]) => `k8s/${kind}/${rest.join('/')}`);
const pathPart = fc.constantFrom(
  'spec',
  'replicas',
  'containers[api]',
  'containers[a.b]',
  'image',
  'metadata',
  'labels',
);
const changePath = fc.array(pathPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));

/** A glob made from an ID or path with some characters turned into `*` or `**`. */
function globOf(text: fc.Arbitrary<string>) {
  return fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('*', '**', '')), { maxLength: 3 }))
    .map(([base, edits]) => {
      let glob = base;
      for (const [at, star] of edits) {
        const i = at % (glob.length + 1);
        glob = `${glob.slice(0, i)}${star}${glob.slice(i + (star === '' ? 0 : 1))}`;
      }
      return glob === '' ? '*' : glob;
    });
}

const rule = fc
  .record({
    negated: fc.boolean(),
    resource: fc.oneof(globOf(resourceId), fc.constantFrom('*', '**', 'k8s/**', 'k8s/*/apps/*')),
    path: fc.option(globOf(changePath), { nil: null }),
  })
  .map((r) => r);

const rules = fc.array(rule, { maxLength: 30 }).map((list) =>
  list.map(
    (r, i): IgnoreRule => ({
      line: i + 1,
      text: `${r.negated ? '!' : ''}${r.resource}${r.path === null ? '' : `:${r.path}`}`,
      ...r,
    }),
  ),
);

describe('ignoreMatcher (indexed)', () => {
  it('returns the same rule as the naive matcher when rules and IDs are random', () => {
    fc.assert(
      fc.property(
        rules,
        fc.array(fc.tuple(resourceId, fc.option(changePath, { nil: null })), { maxLength: 20 }),
        (list, queries) => {
          const indexed = ignoreMatcher(list);
          const naive = naiveMatcher(list);
          for (const [id, path] of queries) expect(indexed(id, path)).toBe(naive(id, path));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns the same rule as the naive matcher when one ID is asked about again with other paths', () => {
    fc.assert(
      fc.property(
        rules,
        resourceId,
        fc.array(fc.option(changePath, { nil: null }), { maxLength: 10 }),
        (list, id, paths) => {
          const indexed = ignoreMatcher(list);
          const naive = naiveMatcher(list);
          for (const path of paths) expect(indexed(id, path)).toBe(naive(id, path));
        },
      ),
    );
  });
});
