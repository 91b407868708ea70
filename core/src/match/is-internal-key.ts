// The provider keeps these two `*.kubernetes.io` hosts: users write them (app labels, cloud load
// balancer settings), so they are compared like any other key.
const KEPT_HOSTS: ReadonlySet<string> = new Set(['app.kubernetes.io', 'service.beta.kubernetes.io']);

/**
 * True for a label or annotation key that controllers and kubectl write, which the hashicorp/kubernetes
 * provider leaves out of state (`isInternalKey` in its `kubernetes/structures.go`): keys whose host part
 * ends in `kubernetes.io` (`deployment.kubernetes.io/revision`,
 * `kubectl.kubernetes.io/last-applied-configuration`), except `app.kubernetes.io` and
 * `service.beta.kubernetes.io`, and the DaemonSet's `deprecated.daemonset.template.generation`.
 *
 * @example
 * isInternalKey('deployment.kubernetes.io/revision') // true
 * isInternalKey('app.kubernetes.io/name')            // false
 */
export function isInternalKey(key: string): boolean {
  // The provider parses `//<key>` as a URL: the host is what comes before the first `/` (less a port).
  const slash = key.indexOf('/');
  const authority = slash === -1 ? key : key.slice(0, slash);
  const colon = authority.indexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  if (KEPT_HOSTS.has(host)) return false;
  if (host.endsWith('kubernetes.io')) return true;
  return key.includes('deprecated.daemonset.template.generation');
}
