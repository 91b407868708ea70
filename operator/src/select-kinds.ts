import { DEFAULT_EXCLUDED_KINDS } from './default-excluded-kinds.ts';
import type { WatchedKind } from './watched-kind.ts';

/** A `/api/<v>` or `/apis/<group>/<v>` discovery document (`APIResourceList`). */
export interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

/** Options of {@link selectKinds}. */
export interface SelectKindsOptions {
  includeKinds?: string[];
  excludeKinds?: string[];
  /** Namespace mode watches only namespaced kinds: cluster-scoped objects are outside every scope. */
  namespacedOnly?: boolean;
}

/**
 * The kinds to watch from the discovery documents of the preferred group versions: resources that can be
 * listed and watched, not subresources (`deployments/scale`), not excluded. A kind served by two groups
 * (`Event` in `v1` and `events.k8s.io`) is watched once, from the first document (the core group first),
 * because both serve the same objects. The result is sorted so that reports are deterministic.
 *
 * @example selectKinds([coreV1, appsV1], { excludeKinds: ['secret'] })
 */
export function selectKinds(
  lists: ApiResourceList[],
  { includeKinds = [], excludeKinds = [], namespacedOnly = false }: SelectKindsOptions = {},
): WatchedKind[] {
  const include = new Set(includeKinds.map((kind) => kind.toLowerCase()));
  const exclude = new Set(excludeKinds.map((kind) => kind.toLowerCase()));
  const seen = new Set<string>();
  const kinds: WatchedKind[] = [];
  // The core group first, the deprecated `extensions` group last: it serves Deployments, Ingresses and
  // NetworkPolicies that `apps` and `networking.k8s.io` also serve (Kubernetes ≤ 1.15).
  const rank = (list: ApiResourceList) =>
    !list.groupVersion.includes('/') ? 0 : list.groupVersion.startsWith('extensions/') ? 2 : 1;
  const ordered = [...lists].sort((a, b) => rank(a) - rank(b));
  for (const list of ordered) {
    const slash = list.groupVersion.indexOf('/');
    const group = slash === -1 ? '' : list.groupVersion.slice(0, slash);
    const version = slash === -1 ? list.groupVersion : list.groupVersion.slice(slash + 1);
    for (const resource of list.resources) {
      if (resource.name.includes('/')) continue;
      const verbs = resource.verbs ?? [];
      if (!verbs.includes('list') || !verbs.includes('watch')) continue;
      const key = resource.kind.toLowerCase();
      if (exclude.has(key) || (DEFAULT_EXCLUDED_KINDS.has(key) && !include.has(key))) continue;
      if (namespacedOnly && !resource.namespaced) continue;
      if (seen.has(key)) continue;
      seen.add(key);
      kinds.push({
        group,
        version,
        resource: resource.name,
        kind: resource.kind,
        namespaced: resource.namespaced,
      });
    }
  }
  return kinds.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.group < b.group ? -1 : 1));
}
