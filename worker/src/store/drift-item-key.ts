import type { DriftItem } from '@driftwise/core';
import type { DriftItemKey } from './store.ts';

/**
 * The key a drift item is sorted by (core's `driftItemOrder`: status, resource id, then the IaC origin),
 * as drift cursors and chunk summaries carry it.
 *
 * @example
 * driftItemKey(item) // ['changed', 'k8s/deployment/fleet/tracker', 'main', 'kubernetes_deployment_v1.tracker']
 */
export function driftItemKey(item: Pick<DriftItem, 'status' | 'resource_id' | 'iac'>): DriftItemKey {
  return [item.status, item.resource_id, item.iac?.state_source ?? '', item.iac?.address ?? ''];
}
