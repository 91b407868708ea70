import { ProblemError } from '../http/problem-error.ts';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import { driftItemKey } from '../store/drift-item-key.ts';
import type { DriftItemKey } from '../store/store.ts';

/** Where a page of drift items ended: the last item's sort key (status, resource, origin). */
export type DriftCursor = DriftItemKey;

const STATUS_ORDER: Readonly<Record<string, number>> = { missing: 0, extra: 1, changed: 2 };

const keyOf = (item: StoredDriftItem): DriftCursor => driftItemKey(item);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when the item comes after the cursor in the drift's own order (status, then `resource_id`,
 * then origin: the order core sorts items in). A key rather than a position, so a cursor stays
 * valid under other filters, and means the same thing on every call.
 */
export function isAfterCursor(item: StoredDriftItem, cursor: DriftCursor): boolean {
  return compareDriftKeys(keyOf(item), cursor) > 0;
}

/** The drift's own order on item keys (see {@link isAfterCursor}): negative, 0 or positive. */
export function compareDriftKeys(key: DriftItemKey, other: DriftItemKey): number {
  return (
    (STATUS_ORDER[key[0]] ?? 3) - (STATUS_ORDER[other[0]] ?? 3) ||
    compareText(key[1], other[1]) ||
    compareText(key[2], other[2]) ||
    compareText(key[3], other[3])
  );
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

/** The opaque `next_cursor` after `item`. */
export function encodeDriftCursor(item: StoredDriftItem): string {
  return toBase64Url(JSON.stringify(['d1', ...keyOf(item)]));
}

/** Reads a cursor {@link encodeDriftCursor} made; anything else is a 400 naming `cursor`. */
export function decodeDriftCursor(text: string): DriftCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(text));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 5 &&
    parsed[0] === 'd1' &&
    parsed.every((part) => typeof part === 'string')
  ) {
    return parsed.slice(1) as DriftCursor;
  }
  throw new ProblemError(400, 'invalid_request', 'The cursor is not valid.', {
    errors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
  });
}
