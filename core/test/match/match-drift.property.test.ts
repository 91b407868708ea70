import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIgnoreRules } from '../../src/ignore/parse-ignore-rules.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { IacResource, LiveResource } from '../../src/model.ts';
import { type DeclaredObject, declaredSetArb } from './arbitraries.ts';
import { appliedLive, clone, iacOf, liveOf } from './builders.ts';

const RUNS = { numRuns: 100 };

function iacFor(objects: readonly DeclaredObject[]): IacResource[] {
  return objects.map(({ kind, name, declared }) => iacOf({ kind, name, declared }));
}

function liveFor(
  objects: readonly DeclaredObject[],
  build: (o: DeclaredObject) => JsonObject,
): LiveResource[] {
  return objects.map((o) => liveOf({ kind: o.kind, name: o.name, object: build(o) }));
}

/** A non-zero scalar of the declared object: where it is and how to reach it in the live object. */
interface Leaf {
  path: string;
  steps: (string | number | { name: string })[];
}

/**
 * The non-zero scalar leaves of a declared object, with the path a change there must carry. Left out:
 * the `name` of named-list items (an edit there is a removal plus an addition) and the one field the API
 * server drops on ClusterIP Services (see serverManagedPaths).
 */
function leaves(value: JsonValue, path = '', steps: Leaf['steps'] = [], inNamedItem = false): Leaf[] {
  if (Array.isArray(value)) {
    const named =
      value.length > 0 && value.every((item) => isJsonObject(item) && typeof item.name === 'string');
    return value.flatMap((item, index) => {
      const name = named ? ((item as JsonObject).name as string) : null;
      const step = name === null ? index : { name };
      return leaves(item, `${path}[${name ?? index}]`, [...steps, step], name !== null);
    });
  }
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => {
      if (key === 'name' && inNamedItem) return [];
      return leaves(item, path === '' ? key : `${path}.${key}`, [...steps, key]);
    });
  }
  const zero = value === null || value === '' || value === 0 || value === false;
  return zero || path === 'spec.allocateLoadBalancerNodePorts' ? [] : [{ path, steps }];
}

/** Changes the live value at `steps` to a different one of the same type. */
function edit(object: JsonObject, steps: Leaf['steps']): void {
  let parent: JsonValue = object;
  for (const step of steps.slice(0, -1)) {
    if (typeof step === 'object') {
      parent = (parent as JsonValue[]).find((item) => isJsonObject(item) && item.name === step.name) ?? null;
    } else parent = (parent as Record<string | number, JsonValue>)[step] ?? null;
  }
  const last = steps[steps.length - 1] as string | number;
  const container = parent as Record<string | number, JsonValue>;
  const current = container[last];
  if (typeof current === 'number') container[last] = current + 1;
  else if (typeof current === 'boolean') container[last] = !current;
  else container[last] = `${String(current)}-edited`;
}

describe('matchDrift properties', () => {
  it('finds no drift when a set is matched against itself, in any order', () => {
    fc.assert(
      fc.property(
        declaredSetArb.chain((set) =>
          fc.tuple(
            fc.constant(set),
            fc.shuffledSubarray(set, { minLength: set.length, maxLength: set.length }),
            fc.shuffledSubarray(set, { minLength: set.length, maxLength: set.length }),
          ),
        ),
        ([set, liveOrder, iacOrder]) => {
          const result = matchDrift({
            live: liveFor(liveOrder, (o) => clone(o.declared)),
            iac: iacFor(iacOrder),
            namespace: 'shop',
          });
          expect(result).toEqual({
            summary: {
              live: set.length,
              iac: set.length,
              in_sync: set.length,
              missing: 0,
              extra: 0,
              changed: 0,
              accepted: 0,
              coverage: 1,
            },
            warnings: [],
            items: [],
          });
        },
      ),
      RUNS,
    );
  });

  it('finds no drift in objects applied without hand edits', () => {
    fc.assert(
      fc.property(declaredSetArb, (set) => {
        const live = liveFor(set, (o) => appliedLive(o.kind, o.declared, `uid-${o.kind}-${o.name}`));
        expect(matchDrift({ live, iac: iacFor(set), namespace: 'shop' }).items).toEqual([]);
      }),
      RUNS,
    );
  });

  const editArb = declaredSetArb.chain((set) =>
    fc.integer({ min: 0, max: set.length - 1 }).chain((target) => {
      const found = leaves((set[target] as DeclaredObject).declared);
      return fc.tuple(fc.constant(set), fc.constant(target), fc.constantFrom(...found));
    }),
  );

  it('finds exactly one change at the path of one hand-edited declared scalar', () => {
    fc.assert(
      fc.property(editArb, ([set, target, leaf]) => {
        const live = liveFor(set, (o) => {
          const object = appliedLive(o.kind, o.declared);
          if (o === set[target]) edit(object, leaf.steps);
          return object;
        });
        const result = matchDrift({ live, iac: iacFor(set), namespace: 'shop' });
        expect(
          result.items.flatMap((item) => item.changes.map((change) => [item.name, change.path])),
        ).toEqual([[set[target]?.name, leaf.path]]);
      }),
      RUNS,
    );
  });

  it('gives an identical result for the same drifted input in any order', () => {
    const orderedArb = editArb.chain(([set, target, leaf]) =>
      fc.tuple(
        fc.constant(set),
        fc.constant(target),
        fc.constant(leaf),
        fc.shuffledSubarray(set, { minLength: set.length, maxLength: set.length }),
        fc.shuffledSubarray(set, { minLength: set.length, maxLength: set.length }),
      ),
    );
    fc.assert(
      fc.property(orderedArb, ([set, target, leaf, liveOrder, iacOrder]) => {
        // The first object of each order is left out of the other side: one missing, one extra.
        const build = (o: DeclaredObject) => {
          const object = appliedLive(o.kind, o.declared);
          if (o === set[target]) edit(object, leaf.steps);
          return object;
        };
        const run = (liveSide: DeclaredObject[], iacSide: DeclaredObject[]) =>
          JSON.stringify(
            matchDrift({
              live: liveFor(liveSide, build),
              iac: iacFor(iacSide),
              namespace: 'shop',
              ignoreRules: parseIgnoreRules('**:metadata.labels'),
            }),
          );
        const missingOne = set[0] as DeclaredObject;
        const extraOne = set[set.length - 1] as DeclaredObject;
        const without = (list: DeclaredObject[], gone: DeclaredObject) => list.filter((o) => o !== gone);
        expect(run(without(liveOrder, missingOne), without(iacOrder, extraOne))).toBe(
          run(without(set, missingOne), without(set, extraOne)),
        );
      }),
      RUNS,
    );
  });
});
