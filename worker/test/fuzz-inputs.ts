// Generated hostile inputs for the fuzz tests (issue 7 "Tests"), shared by workerd and Node/libSQL: state
// uploads and ignore files that are deep, wide, carry huge numbers, wrong types and every kind spelling.
// Pure: fast-check only, so both runtimes import it.
import fc from 'fast-check';
import { type SecretCase, secretCase, secretState } from './secret-cases.ts';

/**
 * Sets a value at a path of a JSON value (a mutation of a valid input); numbers pick among the keys.
 * A key named `keep` is never replaced itself (the state fuzz keeps `kind`: a Secret renamed to another
 * kind may lawfully be stored in clear, and the leak check would then fail for the wrong reason).
 */
export function mutate(
  value: unknown,
  path: (string | number)[],
  replacement: unknown,
  keep?: string,
): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = typeof head === 'number' ? keys[head % keys.length]! : head!;
  if (key === keep && rest.length === 0) return copy;
  copy[key] = mutate(copy[key], rest, replacement, keep);
  return copy;
}

const PLACEHOLDER = '"\u00a7raw\u00a7"';

/** JSON text no `JSON.stringify` writes: numbers past 2^53 or past a double's range, deep nesting. */
const rawText = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '9007199254740993',
    '18446744073709551616',
    '-9223372036854775809',
    '1e21',
    '0.1',
  ),
  fc.integer({ min: 60, max: 2_000 }).map((levels) => `${'['.repeat(levels)}1${']'.repeat(levels)}`),
  fc.integer({ min: 60, max: 2_000 }).map((levels) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`),
);

const anyJson = fc.jsonValue({ maxDepth: 3 });
const statePath = fc.array(
  fc.oneof(
    fc.nat(),
    fc.constantFrom(
      'resources',
      'instances',
      'attributes',
      'manifest',
      'value',
      'metadata',
      'data',
      'serial',
      'kind',
    ),
  ),
  { maxLength: 7 },
);

/** A fuzzed state upload: its text, and the Secret case whose raw values must never come to rest. */
export interface FuzzedState {
  text: string;
  secrets: SecretCase;
}

/** Valid state files with Secrets of every spelling, mutated at a random path by a wrong type or raw text. */
export const fuzzedState: fc.Arbitrary<FuzzedState> = fc
  .tuple(
    secretCase,
    statePath,
    fc.oneof(
      anyJson.map((v) => ({ json: v })),
      rawText.map((raw) => ({ raw })),
    ),
    fc.nat({ max: 60 }),
  )
  .map(([secrets, path, replacement, wide]) => {
    const state = secretState(secrets) as { resources: unknown[] };
    // Wide: many copies of the resources (with distinct names, so they are separate objects).
    if (wide > 50) {
      const extra = Array.from({ length: (wide - 50) * 20 }, (_, i) => ({
        ...(state.resources[1] as object),
        name: `wide_${i}`,
      }));
      state.resources = [...state.resources, ...extra];
    }
    const mutated = mutate(state, path, 'raw' in replacement ? '\u00a7raw\u00a7' : replacement.json, 'kind');
    const text = JSON.stringify(mutated) ?? 'null';
    return { text: 'raw' in replacement ? text.replace(PLACEHOLDER, replacement.raw) : text, secrets };
  });

const ruleToken = fc.constantFrom(
  'k8s/',
  '*',
  '**',
  'deployment',
  '/',
  'apps',
  ':',
  'spec.replicas',
  '!',
  '#',
  ' ',
  '[',
  ']',
  '.',
  'x',
);

/** `.driftignore` texts: random rules, comments, bad lines, long lines, too many rules. */
export const fuzzedIgnore: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.array(ruleToken, { maxLength: 8 }).map((tokens) => tokens.join('')),
      { maxLength: 20 },
    )
    .map((lines) => lines.join('\n')),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 1_000, max: 1_100 }).map((length) => `k8s/${'a'.repeat(length)}`),
  fc
    .integer({ min: 1_995, max: 2_005 })
    .map((rules) => Array.from({ length: rules }, (_, i) => `k8s/*/apps/r${i}`).join('\n')),
);
