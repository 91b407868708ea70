import { terraformKind, terraformTypes } from '../state/terraform-kinds.ts';

// The current (versioned) names only: `kubernetes_deployment_v1`, not the deprecated `kubernetes_deployment`.
// `kubernetes_default_service_account_v1` takes over the control plane's `default` ServiceAccount, which
// is never generated (it is control-plane-owned).
const CURRENT = /_v\d+$/;
const EXCLUDED: ReadonlySet<string> = new Set(['kubernetes_default_service_account_v1']);

const BY_KIND = new Map<string, string>();
for (const type of terraformTypes()) {
  if (!CURRENT.test(type) || EXCLUDED.has(type)) continue;
  const { apiVersion, kind } = terraformKind(type)!;
  BY_KIND.set(`${apiVersion} ${kind}`, type);
}

/**
 * The typed resource of the hashicorp/kubernetes provider for an object of `apiVersion` and `kind`, among
 * the types core's state reader reads back (so drift on the adopted object is still found); `undefined`
 * when there is none and the object is written as a `kubernetes_manifest`.
 *
 * @example
 * typedResourceType('apps/v1', 'Deployment')      // 'kubernetes_deployment_v1'
 * typedResourceType('autoscaling/v2', 'HorizontalPodAutoscaler') // 'kubernetes_horizontal_pod_autoscaler_v2'
 * typedResourceType('cert-manager.io/v1', 'Certificate')         // undefined
 */
export function typedResourceType(apiVersion: string, kind: string): string | undefined {
  return BY_KIND.get(`${apiVersion} ${kind}`);
}
