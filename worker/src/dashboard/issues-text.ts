/**
 * A form's validation failure in one sentence: each zod issue as "field message", so the page can say what
 * to fix without showing zod's raw error (the same rule as the API's problem+json `errors`).
 *
 * @example issuesText('The key', [{ path: ['name'], message: 'Too small' }]) // 'The key is not valid: name Too small.'
 */
export function issuesText(
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return `${what} is not valid: ${issues.map((i) => `${i.path.map(String).join('.') || 'form'} ${i.message}`).join('; ')}.`;
}
