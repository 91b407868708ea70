import type { JsonValue } from '../json.ts';
import { decodeBase64 } from '../secret/base64.ts';

// Space, tab, line feed, carriage return: what a chart writes where a CA will be injected.
const BLANK: ReadonlySet<number> = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * True for a `caBundle` that decodes to nothing but whitespace: charts ship `caBundle: Cg==` (one line
 * feed) as a placeholder for the controller that injects the CA (external-secrets, cert-manager's
 * cainjector), since a `[]byte` field cannot be left empty in every templating path. It declares no CA,
 * so it compares as unset, like `""` (Argo CD's `util/argo/testdata` validating webhook has exactly that).
 *
 * @example
 * isPlaceholderCaBundle('caBundle', 'Cg==') // true
 * isPlaceholderCaBundle('caBundle', 'LS0tLS1CRUdJTi') // false
 */
export function isPlaceholderCaBundle(key: string | undefined, value: JsonValue): boolean {
  if (key !== 'caBundle' || typeof value !== 'string' || value === '') return false;
  const bytes = decodeBase64(value);
  return bytes?.every((byte) => BLANK.has(byte)) === true;
}
