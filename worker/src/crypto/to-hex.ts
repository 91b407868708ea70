const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Lowercase hex of bytes, through a lookup table: it runs once per live object of every report.
 *
 * @example
 * toHex(new Uint8Array([1, 255])) // '01ff'
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}
