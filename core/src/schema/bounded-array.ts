import { z } from 'zod';

/**
 * `z.array(element)` that stops validating once it has `maxIssues` issues, and refuses more than
 * `maxItems` items before looking at any.
 *
 * Why not `z.array(element).max(n)`: zod validates every item first and then hands the array's issues to
 * the enclosing object with `push(...issues)`. 100,000 `{}` resources make 600,000 issues, and that call
 * overflows the stack (issue 7 defect 6); `.max()` only runs after all items. A first pass validating
 * items one by one would work too, but would validate every good report twice. So this replaces the
 * array's item loop (`_zod.parse` / `_zod.run`) with one that stops early; the
 * schema is otherwise zod's own array, so it documents (JSON Schema, OpenAPI) exactly as `z.array` does.
 * Chaining (`.max()`, `.optional()`, `.meta()`) clones the schema and drops the loop: use it as is.
 *
 * @example
 * boundedArray(resourceSchema, { maxItems: 100_000, maxIssues: 101 })
 */
export function boundedArray<T extends z.ZodType>(
  element: T,
  { maxItems, maxIssues }: { maxItems: number; maxIssues: number },
): z.ZodArray<T> {
  // `.max()` is kept for the JSON Schema (`maxItems`); the length itself is checked below, first.
  const schema = z.array(element).max(maxItems);
  // zod's `run` is its checks around a dynamic call of `parse`: both are replaced (the length check is
  // the one check, done first below), and zod's own item loop stays reachable for what this does not handle.
  const arrayParse = schema._zod.parse;
  const parse: typeof schema._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) return arrayParse(payload, ctx);
    if (input.length > maxItems) {
      payload.issues.push({
        code: 'too_big',
        origin: 'array',
        maximum: maxItems,
        inclusive: true,
        input,
        inst: schema,
        message: `holds ${input.length} items; at most ${maxItems} are allowed`,
      });
      return payload;
    }
    const output: unknown[] = new Array(input.length);
    for (let index = 0; index < input.length && payload.issues.length < maxIssues; index++) {
      const result = element._zod.run({ value: input[index], issues: [] }, ctx);
      // Every element this is used with is synchronous; an async one gets zod's own loop.
      if (result instanceof Promise) return arrayParse(payload, ctx);
      output[index] = result.value; // own-field: an array index
      for (const issue of result.issues) {
        if (payload.issues.length >= maxIssues) break;
        // As zod's own array does (util.prefixIssues): the item's index goes in front of its path.
        payload.issues.push({ ...issue, path: [index, ...(issue.path ?? [])] });
      }
    }
    payload.value = output;
    return payload;
  };
  schema._zod.parse = parse;
  schema._zod.run = parse;
  return schema;
}
