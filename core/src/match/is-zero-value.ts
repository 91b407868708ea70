import type { JsonValue } from '../json.ts';

/**
 * True for the values typed Terraform state fills unset attributes with — `""`, `0`, `false`, `null`,
 * `[]`, `{}` — and for an absent field. The matcher treats all of them as "unset".
 *
 * @example
 * isZeroValue('') // true
 * isZeroValue([0]) // false: a list with an item is set
 */
export function isZeroValue(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
