const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Cuts a text into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character, so every
 * piece is valid text and the pieces joined give the text back. An empty text is one empty piece.
 *
 * @example
 * splitUtf8('aéb', 2) // ['a', 'é', 'b']
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must hold one character (4 bytes)');
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    // Back up over continuation bytes (10xxxxxx): the cut falls before the character they belong to.
    while (end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    parts.push(decoder.decode(bytes.subarray(start, end)));
    start = end;
  }
  return parts;
}
