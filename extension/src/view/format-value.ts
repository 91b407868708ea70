/**
 * A drift value as one short line: strings quoted like HCL, objects as compact JSON, long text cut with `…`.
 * @example formatValue(6) // '6'; formatValue('nginx:1.27') // '"nginx:1.27"'; formatValue(null) // 'null'
 */
export function formatValue(value: unknown, { maxLength = 60 }: { maxLength?: number } = {}): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
