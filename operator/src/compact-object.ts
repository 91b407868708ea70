import { resourceId } from '@driftwise/core';
import { canonicalJson } from './canonical-json.ts';
import { isControllerOwned, type KubeObject } from './kube-object.ts';
import { toReportResource } from './to-report-resource.ts';
import type { WatchedKind } from './watched-kind.ts';

/**
 * What the watch cache keeps of one object: the few metadata fields the informer reads (to key it and to
 * skip a re-delivered resourceVersion) and the object already serialized as its report resource, a flat
 * string, instead of the parsed object. A parsed Kubernetes object takes several times its JSON size on
 * the V8 heap (one heap object per map and array, boxed keys), and every report cycle only needs the JSON.
 */
export interface CompactObject {
  metadata: { name?: string; namespace?: string; resourceVersion?: string; uid?: string };
  /** The body order: canonical resource ID, then UID (two objects may share an ID across a re-create). */
  sortKey: string;
  /** False for what is dropped at the source (controller-owned, service-account tokens): never reported. */
  reportable: boolean;
  /** Not a Secret: the report resource as canonical JSON, ready for the body. */
  json?: string;
  /**
   * A Secret: the object as the API returned it, hashed when a report is built (the org's key is fetched
   * lazily and may change), with the last hashed form memoized per key id.
   */
  secret?: { source: string; apiVersion: string; hashed?: { keyId: string; json: string } };
}

/** Options of {@link compactObject}. */
export interface CompactObjectOptions {
  region?: string | undefined;
  includeControllerOwned?: boolean;
}

function isReportable(object: KubeObject, includeControllerOwned: boolean): boolean {
  if (!includeControllerOwned && isControllerOwned(object)) return false;
  // Service-account token Secrets are written by the control plane and are pure credentials: never sent.
  if (object.type === 'kubernetes.io/service-account-token') return false;
  return true;
}

/**
 * The cache's form of a live object of `kind` (see {@link CompactObject}). An object that is not reportable
 * keeps only its metadata: the informer still tracks it, so that a later change that makes it reportable
 * (an owner reference removed) is an update like any other.
 *
 * @example compactObject(configMap, configMapKind, { region: 'eu-west-1' }).json
 */
export function compactObject(
  object: KubeObject,
  kind: WatchedKind,
  { region, includeControllerOwned = false }: CompactObjectOptions = {},
): CompactObject {
  const { name, namespace, resourceVersion, uid } = object.metadata ?? {};
  const metadata: CompactObject['metadata'] = {};
  if (name !== undefined) metadata.name = name;
  if (namespace !== undefined) metadata.namespace = namespace;
  if (resourceVersion !== undefined) metadata.resourceVersion = resourceVersion;
  if (uid !== undefined) metadata.uid = uid;
  const id = resourceId({
    kind: kind.kind,
    namespace: kind.namespaced ? (namespace ?? null) : null,
    name: name ?? '',
  });
  const compact: CompactObject = {
    metadata,
    sortKey: `${id}\u0000${uid ?? ''}`,
    reportable: isReportable(object, includeControllerOwned),
  };
  if (!compact.reportable) return compact;
  const apiVersion = kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
  if (kind.kind.toLowerCase() === 'secret') compact.secret = { source: JSON.stringify(object), apiVersion };
  else compact.json = canonicalJson(toReportResource(object, { kind: kind.kind, apiVersion, region }));
  return compact;
}
