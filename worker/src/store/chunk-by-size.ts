import { utf8Length } from './utf8-length.ts';

/**
 * Splits serialized items into groups whose joined size stays under `maxBytes` (a single larger item
 * still gets a group of its own). Keeps each D1 statement well inside its 100 KB limit. Lazy: items are
 * read as groups are given, so a caller that makes its items one by one never holds them all.
 *
 * @example
 * [...groupsBySize(['{"a":1}', '{"b":2}'], 10)] // [['{"a":1}'], ['{"b":2}']]
 */
export function* groupsBySize(items: Iterable<string>, maxBytes: number): Generator<string[]> {
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    // D1 counts bytes: a string's length would undercount non-ASCII text up to threefold.
    const itemSize = utf8Length(item) + 1;
    if (current.length > 0 && size + itemSize > maxBytes) {
      yield current;
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) yield current;
}

/**
 * {@link groupsBySize}, all at once.
 *
 * @example
 * chunkBySize(['{"a":1}', '{"b":2}'], 10) // [['{"a":1}'], ['{"b":2}']]
 */
export function chunkBySize(items: readonly string[], maxBytes: number): string[][] {
  return [...groupsBySize(items, maxBytes)];
}
