/**
 * Compares two strings in time that depends only on their lengths, so a wrong guess teaches nothing
 * about how close it was.
 *
 * @example
 * constantTimeEqual(given, env.ADMIN_TOKEN)
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}
