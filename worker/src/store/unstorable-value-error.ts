/**
 * A value the store refuses to write because it could not read it back: an integer column holding a
 * number that is not a safe integer (libSQL refuses to read integers above 2^53 − 1 and D1 clamps them),
 * so one such row would turn every later read of it into a failure. The request that sent it is a 400.
 *
 * @example
 * throw new UnstorableValueError('serial', 2 ** 53);
 */
export class UnstorableValueError extends Error {
  readonly field: string;

  constructor(field: string, value: unknown) {
    super(
      `${field} must be an integer from -(2^53 - 1) to 2^53 - 1 to be stored, got ${String(value).slice(0, 40)}.`,
    );
    this.name = 'UnstorableValueError';
    this.field = field;
  }
}
