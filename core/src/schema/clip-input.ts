/**
 * At most `max` characters of client input, for quoting it in an error message (CONTRACT "Limits": an
 * error body echoes no more than 200 characters of the input). Longer text is cut and ends with `…`.
 *
 * @example
 * clipInput('x'.repeat(1_000), 8) // 'xxxxxxx…'
 */
export function clipInput(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
