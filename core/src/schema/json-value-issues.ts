import type { InputIssue } from '../errors.ts';
import { clipInput } from './clip-input.ts';

/** Options of {@link jsonValueIssues}. */
export interface JsonValueIssuesOptions {
  /** Deepest nesting allowed: a scalar is 0 levels, `{}` or `[]` is 1 (CONTRACT "Limits": 64). */
  maxDepth: number;
  /** Stop after this many issues: one bad value repeated 100,000 times must not build 100,000 issues. */
  maxIssues: number;
  /** Path of `value` itself, dotted (`resources.3.properties`); `''` for the root. */
  path?: string;
}

function join(path: string, key: string | number): string {
  const segment = clipInput(String(key), 64);
  return path === '' ? segment : `${path}.${segment}`;
}

/**
 * A number JSON carried that the stores cannot give back as sent: `1e400` parses to `Infinity` (which
 * `JSON.stringify` turns into `null`), and an integer beyond ±(2^53 − 1) has already lost digits
 * (`9007199254740993` reads as `…992`; libSQL refuses integers it cannot hold). Refusing them is the
 * only answer that neither changes the value silently nor fails later when it is read back.
 */
function unstorableNumber(value: number): boolean {
  return !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value));
}

/** The same walk without paths or issues: true as soon as one value is too deep or unstorable. */
function hasProblem(value: unknown, maxDepth: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop()! + 1;
    if (typeof item === 'number') {
      if (unstorableNumber(item)) return true;
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth > maxDepth) return true;
    const children = Array.isArray(item) ? item : Object.values(item);
    for (const child of children) {
      if (typeof child !== 'object' || child === null) {
        if (typeof child === 'number' && unstorableNumber(child)) return true;
        continue;
      }
      values.push(child);
      depths.push(depth);
    }
  }
  return false;
}

/**
 * The problems of a client's JSON value that no schema sees: nesting deeper than `maxDepth`, and
 * numbers that cannot round-trip. The walk is iterative (an explicit stack, never recursion), so a value
 * nested 100,000 levels costs `maxDepth` levels of work per branch and cannot overflow the call stack.
 *
 * @example
 * jsonValueIssues({ a: [1e400] }, { maxDepth: 64, maxIssues: 100, path: 'properties' })
 * // [{ path: 'properties.a.0', message: 'is a number that cannot be stored exactly (…)' }]
 */
export function jsonValueIssues(value: unknown, options: JsonValueIssuesOptions): InputIssue[] {
  const { maxDepth, maxIssues, path = '' } = options;
  // Valid input is the common case: a walk without paths first, paths only when something is wrong.
  if (!hasProblem(value, maxDepth)) return [];
  const issues: InputIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0 && issues.length < maxIssues) {
    const item = stack.pop()!;
    if (typeof item.value === 'number' && unstorableNumber(item.value)) {
      issues.push({
        path: item.path,
        message: 'is a number that cannot be stored exactly (integers must lie within ±(2^53 − 1))',
      });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      issues.push({ path: item.path, message: `nests deeper than ${maxDepth} levels` });
      continue;
    }
    if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) {
        stack.push({ value: item.value[i], path: join(item.path, i), depth });
      }
    } else {
      const entries = Object.entries(item.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: join(item.path, key), depth });
      }
    }
  }
  return issues;
}
