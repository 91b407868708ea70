/** A Kubernetes object as the API returns it (the fields the operator reads; the rest is kept as is). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    ownerReferences?: { controller?: boolean }[];
    managedFields?: { subresource?: string; [key: string]: unknown }[];
    [key: string]: unknown;
  };
  type?: string;
  [key: string]: unknown;
}

/** True when a controller owns the object (CONTRACT: such objects are never `extra`). */
export function isControllerOwned(object: KubeObject): boolean {
  return (object.metadata?.ownerReferences ?? []).some((owner) => owner.controller === true);
}
