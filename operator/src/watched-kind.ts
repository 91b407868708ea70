/** One kind the operator lists and watches, as API discovery describes it. */
export interface WatchedKind {
  /** `''` for the core group. */
  group: string;
  version: string;
  /** The plural resource name of the URL (`deployments`). */
  resource: string;
  /** The kind as the API spells it (`Deployment`). */
  kind: string;
  namespaced: boolean;
}

/** The list/watch path of a kind, across namespaces or in one. */
export function kindPath(kind: WatchedKind, namespace?: string): string {
  const base = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  return namespace === undefined || !kind.namespaced
    ? `${base}/${kind.resource}`
    : `${base}/namespaces/${namespace}/${kind.resource}`;
}
