const NORMALIZED_PREFIX = 'k8s/';

/**
 * The one definition of "is a Secret" (CONTRACT "Operator report": a Secret is recognised by its kind
 * whatever the spelling). Accepts every form a kind reaches core in: an API `kind` (`Secret`, `secret`,
 * `SECRET`), a `provider_type` (`secret`) or a `normalized_type` (`k8s/secret`, any case). Every path that
 * stores or returns an object (report, typed state, `kubernetes_manifest`, drift values, generated IaC)
 * asks this function, so no spelling can slip past one path and not another.
 *
 * @example
 * isSecretKind('SECRET')     // true
 * isSecretKind('k8s/secret') // true
 * isSecretKind('SecretList') // false
 */
export function isSecretKind(kind: unknown): boolean {
  if (typeof kind !== 'string') return false;
  const lower = kind.toLowerCase();
  const bare = lower.startsWith(NORMALIZED_PREFIX) ? lower.slice(NORMALIZED_PREFIX.length) : lower;
  return bare === 'secret';
}
