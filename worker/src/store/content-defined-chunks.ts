import { utf8Length } from './utf8-length.ts';

/** One serialized item and the key that decides where chunks end. */
export interface KeyedItem {
  key: string;
  json: string;
}

/** Options of {@link contentDefinedChunks}. */
export interface ContentDefinedChunksOptions {
  /** Average items per chunk: a chunk ends after an item whose key hashes to 0 modulo this. */
  every?: number;
  /** A chunk also ends before it would pass this many bytes of JSON (one D1 statement's worth). */
  maxBytes?: number;
}

/** FNV-1a, 32 bits: cheap and stable, enough to place chunk boundaries. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Splits items into chunks whose boundaries follow the items' keys rather than their positions, so adding,
 * removing or changing one item changes only the chunk that holds it (and its neighbour at most), and
 * content-addressed chunks of an otherwise unchanged list are found again. Lazy both ways: items are read
 * and chunks given one at a time, so a caller can serialize a 50,000-item drift without holding every
 * item's text at once.
 *
 * @example
 * [...contentDefinedChunks(items.map((item) => ({ key: item.resource_id, json: JSON.stringify(item) })))]
 */
export function* contentDefinedChunks(
  items: Iterable<KeyedItem>,
  { every = 32, maxBytes = 90_000 }: ContentDefinedChunksOptions = {},
): Generator<string[]> {
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && size + utf8Length(item.json) + 1 > maxBytes) {
      yield current;
      current = [];
      size = 0;
    }
    current.push(item.json);
    size += utf8Length(item.json) + 1;
    if (fnv1a(item.key) % every === 0) {
      yield current;
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) yield current;
}
