import type { JsonValue } from '../json.ts';
import type { PathSegment } from './change-path.ts';

/**
 * A value the hashicorp/kubernetes provider writes into typed state when the API returns none: its flatten
 * function assigns it before (or instead of) the API's value. An object created by kubectl or a webhook
 * and then read into typed state carries it although the live object has no such field.
 */
export interface ProviderFlattenDefault {
  /** API key of the field. */
  key: string;
  /** API key of the list (or object) holding the field's item or object. */
  within: string;
  /** Kinds it applies to; absent: every kind (the field lives in a pod template anywhere). */
  kinds?: readonly string[];
  value: JsonValue;
  /** Where the provider writes it: file and function in hashicorp/terraform-provider-kubernetes. */
  source: string;
}

/**
 * Every such default, found by reading each `flatten*` function of the provider's `kubernetes/*.go`
 * (v2.3x) for an assignment of a constant to an attribute that the API's value may or may not replace.
 * docs/core.md lists them with their sources.
 */
export const PROVIDER_FLATTEN_DEFAULTS: readonly ProviderFlattenDefault[] = [
  {
    key: 'mountPropagation',
    within: 'volumeMounts',
    value: 'None',
    source: 'kubernetes/structures_container.go flattenContainerVolumeMounts',
  },
  {
    key: 'allocateLoadBalancerNodePorts',
    within: 'spec',
    kinds: ['service'],
    value: true,
    source: 'kubernetes/structure_service_spec.go flattenServiceSpec',
  },
];

/** The API key that holds the field at `segments`: the list of a list item, else the parent object. */
function holder(segments: readonly PathSegment[]): string | undefined {
  for (let index = segments.length - 2; index >= 0; index -= 1) {
    const segment = segments[index]!;
    if ('key' in segment) return segment.key;
  }
  return undefined;
}

/**
 * True when a declared value that the live object lacks is one the provider wrote for an absent API value
 * (`mountPropagation: "None"` on a volume mount the API returned without one): then the IaC side and the
 * live object say the same, and it is no removal.
 *
 * @example
 * isProviderFlattenDefault('deployment',
 *   [{ key: 'spec' }, …, { key: 'volumeMounts' }, { name: 'cfg' }, { key: 'mountPropagation' }], 'None') // true
 */
export function isProviderFlattenDefault(
  kind: string,
  segments: readonly PathSegment[],
  declared: JsonValue,
): boolean {
  const last = segments.at(-1);
  if (last === undefined || !('key' in last)) return false;
  const within = holder(segments);
  return PROVIDER_FLATTEN_DEFAULTS.some(
    (entry) =>
      entry.key === last.key &&
      entry.within === within &&
      (entry.kinds === undefined || entry.kinds.includes(kind)) &&
      entry.value === declared,
  );
}
