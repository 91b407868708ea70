import type { DriftWarning } from '../model.ts';

/** A state source as the warnings see it: its name and the types its reader did not read. */
export interface StateSourceInfo {
  /** `null` when the caller names none (the CLI names each file). */
  name: string | null;
  /** Managed resource types not read → instance count (`TerraformStateRead.skipped`). */
  skipped: Readonly<Record<string, number>>;
}

/** What {@link driftWarnings} looks at. */
export interface DriftWarningsInput {
  /** The report's namespace, or `'*'`. */
  namespace: string;
  /** Live and IaC objects in the scan's scope (controller-owned ones included). */
  liveInScope: number;
  iacInScope: number;
  /** The state sources that apply; `undefined` when the caller does not know (no `no_state_source`). */
  stateSources?: readonly StateSourceInfo[] | undefined;
}

// Types of providers that manage Kubernetes objects: hashicorp/kubernetes (`kubernetes_*`),
// gavinbunney/alekc kubectl (`kubectl_*`), hashicorp/helm (`helm_*`), banzaicloud k8s (`k8s_*`),
// kbst/kustomization (`kustomization_*`). Other providers' types (`aws_*`) are no concern of drift.
const KUBERNETES_PREFIXES = ['kubernetes_', 'kubectl_', 'helm_', 'k8s_', 'kustomization_'];

/** True for a Terraform resource type of a provider that manages Kubernetes objects. */
export function isKubernetesRelatedType(type: string): boolean {
  return KUBERNETES_PREFIXES.some((prefix) => type.startsWith(prefix));
}

function scopeText(namespace: string): string {
  return namespace === '*' ? 'the whole cluster' : `namespace "${namespace}"`;
}

/**
 * CONTRACT `warnings`, in code order:
 *
 * - `empty_scope`: no live and no IaC object in scope — usually a mistyped namespace, or a state source
 *   scoped to another cluster — so "in sync, coverage 100 %" means nothing;
 * - `no_state_source`: no state source applies to the cluster (only when `stateSources` is given);
 * - `skipped_terraform_types`: state resources of Kubernetes-related types the reader does not read,
 *   with their types and instance counts (summed over the sources), never skipped silently.
 *
 * @example
 * driftWarnings({ namespace: 'paymnets', liveInScope: 0, iacInScope: 0, stateSources: [] })
 * // [{ code: 'empty_scope', … }, { code: 'no_state_source', … }]
 */
export function driftWarnings({
  namespace,
  liveInScope,
  iacInScope,
  stateSources,
}: DriftWarningsInput): DriftWarning[] {
  const warnings: DriftWarning[] = [];
  if (liveInScope === 0 && iacInScope === 0) {
    warnings.push({
      code: 'empty_scope',
      message: `Nothing to compare in ${scopeText(namespace)}: the report has no object there and no state source declares one. Check the namespace, and the cluster_id of the state sources.`,
    });
  }
  if (stateSources !== undefined && stateSources.length === 0) {
    warnings.push({
      code: 'no_state_source',
      message:
        'No state source applies to this cluster: upload a Terraform state without cluster_id, or with this cluster_id.',
    });
  }
  const counts = new Map<string, number>();
  for (const source of stateSources ?? []) {
    for (const [type, count] of Object.entries(source.skipped)) {
      if (isKubernetesRelatedType(type)) counts.set(type, (counts.get(type) ?? 0) + count);
    }
  }
  if (counts.size > 0) {
    const types = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([type, count]) => ({ type, count }));
    const total = types.reduce((sum, { count }) => sum + count, 0);
    const list = types.map(({ type, count }) => `${type} (${count})`).join(', ');
    warnings.push({
      code: 'skipped_terraform_types',
      message: `${total} Terraform resource instance${total === 1 ? '' : 's'} of Kubernetes-related types ${total === 1 ? 'is' : 'are'} not read, so their objects are not compared: ${list}.`,
      types,
    });
  }
  return warnings;
}
