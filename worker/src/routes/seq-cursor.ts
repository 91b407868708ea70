import { ProblemError } from '../http/problem-error.ts';

/**
 * An opaque page cursor over an autoincrement `seq` (newest first: the next page is below it). The letter
 * tells lists apart, so a cursor of one list is a 400 on another rather than a silent jump.
 *
 * @example
 * const cursor = seqCursor('e');
 * cursor.decode(cursor.encode(42)) // 42
 */
export function seqCursor(letter: string) {
  const pattern = new RegExp(`^${letter}(\\d{1,15})$`);
  return {
    encode(seq: number): string {
      return btoa(`${letter}${seq}`).replace(/=+$/, '');
    },
    /** Anything this API did not issue is a 400 naming `cursor`. */
    decode(cursor: string): number {
      let decoded = '';
      try {
        decoded = atob(cursor);
      } catch {
        // fall through to the error below
      }
      const match = pattern.exec(decoded);
      if (!match) {
        throw new ProblemError(400, 'invalid_request', 'The cursor is not valid.', {
          errors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
        });
      }
      return Number(match[1]);
    },
  };
}
