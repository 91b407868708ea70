/**
 * Cuts a text into consecutive pieces whose JSON string encoding (`JSON.stringify(piece)`, which is how
 * a piece travels inside a bulk statement's JSON array) takes at most `maxBytes` UTF-8 bytes. Never cuts
 * between the two halves of a surrogate pair, so every piece is valid UTF-16 and the pieces join back to
 * exactly the text.
 *
 * @example
 * splitText('a'.repeat(10), 8); // ['aaaaaa', 'aaaa'] (6 characters + 2 quotes)
 */
export function splitText(text: string, maxBytes: number): string[] {
  // The worst case of one UTF-16 unit in a JSON string: 6 bytes (`\u001f`); quotes take 2.
  if (maxBytes < 8) throw new RangeError('maxBytes must leave room for at least one character');
  const pieces: string[] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
    const size = isHigh ? 4 : encodedSize(unit);
    if (bytes + size > maxBytes && i > start) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 2;
    }
    bytes += size;
    if (isHigh) i += 1;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}

function encodedSize(unit: number): number {
  if (unit === 0x22 || unit === 0x5c) return 2; // \" and \\
  if (unit < 0x20)
    return unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d ? 2 : 6;
  if (unit < 0x80) return 1;
  if (unit < 0x800) return 2;
  // A lone surrogate is written as \udXXX by JSON.stringify (well-formed stringify).
  if (unit >= 0xd800 && unit <= 0xdfff) return 6;
  return 3;
}
