/**
 * The field managers that are a person at a keyboard rather than a controller, by default (CONTRACT
 * "Fields the IaC side does not declare"). Where each name comes from:
 *
 * - `kubectl-*`: kubectl passes a `--field-manager` default per command, e.g. `kubectl-edit`
 *   (kubernetes/kubectl `pkg/cmd/edit/edit.go`), `kubectl-patch` (`pkg/cmd/patch/patch.go`),
 *   `kubectl-set` (`pkg/cmd/set/set_env.go`, `set_image.go`, …), `kubectl-label`, `kubectl-annotate`,
 *   `kubectl-create`, `kubectl-replace`, `kubectl-rollout`, `kubectl-expose`, `kubectl-autoscale`,
 *   `kubectl-taint`, and `kubectl-client-side-apply` for `kubectl apply` (`FieldManagerClientSideApply`
 *   in `pkg/cmd/apply/apply.go`).
 * - `kubectl`: `kubectl apply --server-side` (`fieldManagerServerSideApply = "kubectl"`, same file), and
 *   commands without a field-manager flag (`kubectl scale`), whose manager the API server takes from
 *   the user agent `kubectl/v1.x …`.
 * - `k9s`: k9s sends `FieldManager: "k9s"` on its patches.
 * - `Lens`, `OpenLens`, `kubernetes-dashboard`: the CONTRACT's list; not verified against their code.
 *
 * `*` matches any run of characters. An org changes the list with a `.driftignore` directive
 * (see {@link parsePersonTools}).
 */
export const DEFAULT_PERSON_TOOLS: readonly string[] = [
  'kubectl',
  'kubectl-*',
  'k9s',
  'Lens',
  'OpenLens',
  'kubernetes-dashboard',
];

/**
 * A predicate over manager names from patterns (`kubectl-*`, `k9s`): exact, case-sensitive as field
 * managers are, with `*` for any run of characters.
 *
 * @example
 * personToolMatcher(DEFAULT_PERSON_TOOLS)('kubectl-edit') // true
 */
export function personToolMatcher(patterns: readonly string[]): (manager: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.includes('*')));
  const globs = patterns
    .filter((pattern) => pattern.includes('*'))
    .map(
      (pattern) =>
        new RegExp(
          `^${pattern
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
            .join('.*')}$`,
        ),
    );
  return (manager) => exact.has(manager) || globs.some((glob) => glob.test(manager));
}
