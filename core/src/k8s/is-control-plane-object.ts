import { isJsonObject, type JsonObject } from '../json.ts';

/** Namespaces every cluster is born with. */
const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/**
 * True for objects the control plane itself creates in every cluster or namespace, which no one
 * declares and which carry no controller owner reference: the `kube-root-ca.crt` ConfigMap
 * (root-ca-cert-publisher) and the `default` ServiceAccount (serviceaccount controller) of each
 * namespace, Endpoints the endpoints controller keeps for Services, the `kubernetes` Service and the
 * built-in Namespaces. Like controller-owned objects they are never `extra`; declared in Terraform
 * (`kubernetes_default_service_account`), they are still compared.
 */
export function isControlPlaneObject(kind: string, name: string, object: JsonObject): boolean {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  switch (kind) {
    case 'configmap':
      return name === 'kube-root-ca.crt';
    case 'serviceaccount':
      return name === 'default';
    case 'endpoints':
      // The endpoints controller stamps every Endpoints object it writes with this annotation.
      return (
        isJsonObject(metadata.annotations) &&
        'endpoints.kubernetes.io/last-change-trigger-time' in metadata.annotations
      );
    case 'service':
      return name === 'kubernetes' && metadata.namespace === 'default';
    case 'namespace':
      return BUILT_IN_NAMESPACES.has(name);
    default:
      return false;
  }
}
