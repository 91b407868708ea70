import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { kubeGet } from './kube-get.ts';
import { type ApiResourceList, type SelectKindsOptions, selectKinds } from './select-kinds.ts';
import type { WatchedKind } from './watched-kind.ts';

interface ApiVersions {
  versions: string[];
}
interface ApiGroupList {
  groups: {
    name: string;
    preferredVersion?: { groupVersion: string };
    versions: { groupVersion: string }[];
  }[];
}

/**
 * The kinds to watch, from API discovery: `/api` and `/apis`, then each group's preferred version. A group
 * whose document fails (an aggregated API that is down answers 503) is left out rather than stopping the
 * operator; `onSkip` says which.
 *
 * @example await discoverKinds(kc, { excludeKinds: ['secret'] })
 */
export async function discoverKinds(
  kc: KubeConfig,
  options: SelectKindsOptions & { onSkip?: (groupVersion: string, reason: string) => void } = {},
): Promise<WatchedKind[]> {
  const core = await kubeGet<ApiVersions>(kc, '/api');
  const groups = await kubeGet<ApiGroupList>(kc, '/apis');
  const paths = [
    ...core.versions.map((version) => `/api/${version}`),
    ...groups.groups.map((group) => `/apis/${(group.preferredVersion ?? group.versions[0]!).groupVersion}`),
  ];
  const lists: ApiResourceList[] = [];
  for (const path of paths) {
    try {
      lists.push(await kubeGet<ApiResourceList>(kc, path));
    } catch (error) {
      options.onSkip?.(path, (error as Error).message);
    }
  }
  return selectKinds(lists, options);
}
