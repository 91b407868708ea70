/**
 * A Kubernetes quantity as an exact fraction: `numerator / denominator`, the denominator positive.
 * Kept as BigInts so `0.1` + suffixes never go through binary floating point.
 */
export interface Quantity {
  numerator: bigint;
  denominator: bigint;
}

// Suffixes of k8s.io/apimachinery resource.Quantity (quantity.go, suffix.go): binary SI (powers of 2^10),
// decimal SI (powers of 10, including the `n` and `u` the parser accepts beyond the documented grammar).
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

// <signedNumber><suffix>; the number is `1`, `1.`, `.5` or `1.5`; the exponent form is `e3`, `E-2`.
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;

// Bounds the arithmetic: apimachinery refuses far larger scales anyway, and an exponent like
// `1e999999999` must not make us build a billion-digit BigInt.
const MAX_EXPONENT = 1000;

/**
 * Parses a Kubernetes quantity (`500m`, `1Gi`, `0.5`, `1e3`, `+2k`) into an exact fraction, following
 * the grammar of k8s.io/apimachinery `resource.Quantity`. Returns `null` for anything else.
 *
 * @example
 * parseQuantity('1500m') // { numerator: 1500n, denominator: 1000n }
 */
export function parseQuantity(text: string): Quantity | null {
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return null;
  let exponent10 = -fraction.length;
  let exponent2 = 0;
  const binary = BINARY_SUFFIXES[suffix];
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (binary !== undefined) exponent2 = binary;
  else if (decimal !== undefined) exponent10 += decimal;
  else {
    const exponent = EXPONENT.exec(suffix);
    if (!exponent) return null;
    const value = Number(exponent[1]);
    if (Math.abs(value) > MAX_EXPONENT) return null;
    exponent10 += value;
  }
  let numerator = BigInt(whole + fraction || '0');
  if (sign === '-') numerator = -numerator;
  let denominator = 1n;
  if (exponent10 >= 0) numerator *= 10n ** BigInt(exponent10);
  else denominator = 10n ** BigInt(-exponent10);
  numerator *= 2n ** BigInt(exponent2);
  return { numerator, denominator };
}

/**
 * True when two quantity values (strings, or JSON numbers as typed state sometimes writes them) denote
 * the same amount: `1000m` = `1`, `1Gi` = `1024Mi`, `0.5` = `500m`, `1e3` = `1k`. `false` when either
 * side is not a quantity.
 */
export function quantitiesEqual(a: string | number, b: string | number): boolean {
  const left = parseQuantity(String(a));
  const right = parseQuantity(String(b));
  if (!left || !right) return false;
  return left.numerator * right.denominator === right.numerator * left.denominator;
}
