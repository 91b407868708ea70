/**
 * Strict UTF-8 decoding of bytes to a string; `null` for bytes that are not well-formed UTF-8 (overlong
 * forms, surrogates, truncated sequences). Core has no `TextDecoder` (it is not in the ES library).
 *
 * @example
 * utf8Decode(new Uint8Array([0x68, 0xc3, 0xa9])) // 'hé'
 */
export function utf8Decode(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const first = bytes[i]!;
    let code: number;
    let length: number;
    if (first < 0x80) [code, length] = [first, 1];
    else if (first >= 0xc2 && first < 0xe0) [code, length] = [first & 0x1f, 2];
    else if (first >= 0xe0 && first < 0xf0) [code, length] = [first & 0x0f, 3];
    else if (first >= 0xf0 && first < 0xf5) [code, length] = [first & 0x07, 4];
    else return null;
    if (i + length > bytes.length) return null;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    const min = [0, 0, 0x80, 0x800, 0x10000][length]!;
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}
