import { isJsonObject } from '../json.ts';
import { resourceId } from '../k8s/resource-id.ts';
import type { LiveResource } from '../model.ts';

/**
 * The resource IDs of workloads that a live HorizontalPodAutoscaler scales (`spec.scaleTargetRef`
 * kind + name, in the HPA's namespace). Their `spec.replicas` belongs to the autoscaler, so a
 * difference there is not drift.
 *
 * @example
 * hpaTargets([hpa]) // Set { 'k8s/deployment/payments/api' }
 */
export function hpaTargets(live: readonly LiveResource[]): Set<string> {
  const targets = new Set<string>();
  for (const resource of live) {
    if (resource.kind !== 'horizontalpodautoscaler') continue;
    const spec = resource.object.spec;
    const ref = isJsonObject(spec) ? spec.scaleTargetRef : undefined;
    if (!isJsonObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    targets.add(resourceId({ kind: ref.kind, namespace: resource.namespace, name: ref.name }));
  }
  return targets;
}
