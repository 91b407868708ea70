import type { DriftItem, DriftStatus } from '../model.ts';

const STATUS_ORDER: Readonly<Record<DriftStatus, number>> = { missing: 0, extra: 1, changed: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of a drift's items: by status (missing, extra, changed), then resource id, then the IaC side's
 * state source and address. A total order, so items matched in partitions sort to the same list.
 *
 * @example
 * items.sort(driftItemOrder);
 */
export function driftItemOrder(a: DriftItem, b: DriftItem): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareText(a.resource_id, b.resource_id) ||
    compareText(a.iac?.state_source ?? '', b.iac?.state_source ?? '') ||
    compareText(a.iac?.address ?? '', b.iac?.address ?? '')
  );
}
