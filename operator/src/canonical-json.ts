import { defineField } from '@driftwise/core';

/**
 * JSON with the keys of every object in sorted order (code-unit order, as `Array.prototype.sort` does), so
 * that equal values serialize to equal bytes whatever order the API server wrote the keys in: an unchanged
 * cluster sends a byte-identical body, which the worker records in O(1).
 *
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    // A data key `__proto__` (a valid ConfigMap key) must stay a key: assigning it would set the prototype.
    if (item !== undefined) defineField(out, key, sortKeys(item));
  }
  return out;
}
