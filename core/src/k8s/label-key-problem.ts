/** DNS-1123 subdomain: lowercase alphanumeric labels joined by `.`, each may hold `-` inside. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label name (and a non-empty label value): alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const MAX_PREFIX = 253;
const MAX_NAME = 63;

/**
 * Why a label or annotation key is not one Kubernetes accepts (apimachinery `IsQualifiedName`), or
 * `null` when it is: an optional DNS-subdomain prefix of ≤ 253 characters and `/`, then a name of ≤ 63
 * alphanumerics, `-`, `_` and `.` beginning and ending with an alphanumeric. `__proto__`,
 * `constructor` (fine as a name, but not a prototype key) and keys with spaces are refused, so no map of
 * client keys can reach an object's prototype.
 *
 * @example
 * labelKeyProblem('app.kubernetes.io/name') // null
 * labelKeyProblem('__proto__')              // 'must be a name of alphanumerics, …'
 */
export function labelKeyProblem(key: string): string | null {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? null : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== null && (prefix.length > MAX_PREFIX || !DNS_SUBDOMAIN.test(prefix))) {
    return `has a prefix that is not a DNS subdomain of at most ${MAX_PREFIX} characters`;
  }
  if (name.length > MAX_NAME || !NAME.test(name)) {
    return `must be a name of at most ${MAX_NAME} alphanumerics, "-", "_" and "." that begins and ends with an alphanumeric, after an optional "<dns-subdomain>/" prefix`;
  }
  // `constructor` is a valid Kubernetes label name, but as an own key it shadows Object.prototype's:
  // CONTRACT "Operator report" refuses it outright.
  if (name === 'constructor' && prefix === null) return 'may not be "constructor"';
  return null;
}

/**
 * Why a label value is not one Kubernetes accepts (`IsValidLabelValue`), or `null`: empty, or a name as
 * in {@link labelKeyProblem} of at most 63 characters.
 */
export function labelValueProblem(value: string): string | null {
  if (value === '' || (value.length <= MAX_NAME && NAME.test(value))) return null;
  return `must be empty or at most ${MAX_NAME} alphanumerics, "-", "_" and "." that begin and end with an alphanumeric`;
}
