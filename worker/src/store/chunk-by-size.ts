import { utf8Length } from './utf8-length.ts';

/**
 * Serialized items grouped as they come, each group's joined size under `maxBytes` (a single larger item
 * still gets a group of its own): for callers that make their items one at a time, asynchronously or
 * while writing statements as they go, and so cannot hand {@link groupsBySize} an iterable.
 *
 * @example
 * const groups = new SizeGroups(10); groups.add('{"a":1}'); groups.add('{"b":2}') // [ '{"a":1}' ]
 */
export class SizeGroups {
  readonly #maxBytes: number;
  #current: string[] = [];
  #bytes = 0;
  #added = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes of every item added so far, in any group (each counted with its separating comma). */
  get bytesAdded(): number {
    return this.#added;
  }

  /** Adds an item, and returns the group that adding it closed, if it closed one. */
  add(item: string): string[] | undefined {
    // D1 counts bytes: a string's length would undercount non-ASCII text up to threefold.
    const itemSize = utf8Length(item) + 1;
    const closed =
      this.#current.length > 0 && this.#bytes + itemSize > this.#maxBytes ? this.end() : undefined;
    this.#current.push(item);
    this.#bytes += itemSize;
    this.#added += itemSize;
    return closed;
  }

  /** Closes the open group: it, or undefined when it is empty. */
  end(): string[] | undefined {
    if (this.#current.length === 0) return undefined;
    const group = this.#current;
    this.#current = [];
    this.#bytes = 0;
    return group;
  }
}

/**
 * Splits serialized items into groups whose joined size stays under `maxBytes` (a single larger item
 * still gets a group of its own). Keeps each D1 statement well inside its 100 KB limit. Lazy: items are
 * read as groups are given, so a caller that makes its items one by one never holds them all.
 *
 * @example
 * [...groupsBySize(['{"a":1}', '{"b":2}'], 10)] // [['{"a":1}'], ['{"b":2}']]
 */
export function* groupsBySize(items: Iterable<string>, maxBytes: number): Generator<string[]> {
  const groups = new SizeGroups(maxBytes);
  for (const item of items) {
    const closed = groups.add(item);
    if (closed) yield closed;
  }
  const last = groups.end();
  if (last) yield last;
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
