import { UnstorableValueError } from './unstorable-value-error.ts';

/**
 * The value for an INTEGER column, or an {@link UnstorableValueError}: only safe integers survive the
 * round trip on both drivers (libSQL throws a RangeError reading anything beyond 2^53 − 1, D1 clamps it,
 * and a fraction or a huge float would be kept as REAL and read back as something else). Defence in depth:
 * the routes validate their inputs, the store still never writes what it cannot read.
 *
 * @example
 * storableInteger('serial', 42); // 42
 */
export function storableInteger(field: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new UnstorableValueError(field, value);
  return value;
}
