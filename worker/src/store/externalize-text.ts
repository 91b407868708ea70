import { sha256Hex } from '../crypto/sha256-hex.ts';
import { partsReference } from './parts-reference.ts';
import { splitText } from './split-text.ts';
import { utf8Length } from './utf8-length.ts';

/** A JSON text as a bulk statement carries it, and the `value_parts` rows it needs when it is large. */
export interface Externalized {
  /** The JSON array element: the text itself, or the JSON string of its parts reference. */
  element: string;
  /** `[id, position, text]` JSON array elements for `value_parts`. */
  parts: string[];
}

/**
 * Issue 7, defect 7: a text that would not fit one statement (D1: 100,000 bytes per statement, 2,000,000
 * per row or string, https://developers.cloudflare.com/d1/platform/limits/) goes to `value_parts` in
 * pieces that each fit one, and the column gets a reference.
 *
 * @example
 * const { element, parts } = await externalizeText(orgId, json, 90_000);
 */
export async function externalizeText(
  orgId: string,
  json: string,
  chunkBytes: number,
  { asString = false, reserve = 0 }: { asString?: boolean; reserve?: number } = {},
): Promise<Externalized> {
  // `asString`: the element is a JSON string (the text quoted), which SQLite's `json_extract` hands back
  // without parsing the object inside; its escapes count towards the statement size.
  const element = asString ? JSON.stringify(json) : json;
  // Headroom for the row's other values in the same statement (ids, hashes: < 200 bytes; `reserve` more).
  if (utf8Length(element) <= chunkBytes - 200 - reserve) return { element, parts: [] };
  const id = await sha256Hex(`${orgId}\n${json}`);
  const pieces = splitText(json, chunkBytes - 200);
  return {
    element: JSON.stringify(partsReference.format(id, pieces.length)),
    parts: pieces.map((piece, position) => `[${JSON.stringify(id)},${position},${JSON.stringify(piece)}]`),
  };
}
