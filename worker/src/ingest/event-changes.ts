import type { ChangedBy, DriftEvent, EventChange } from '@driftwise/core';

/** A change as a stored drift event carries it: core's change plus who last wrote the live value. */
export type EventChangeWithAuthor = EventChange & { changed_by?: ChangedBy | null };

interface AuthoredItem {
  resource_id: string;
  ignored?: boolean;
  changes: readonly EventChangeWithAuthor[];
}

/**
 * A function giving a drift event's changes with the `changed_by` of the drift item they come from
 * (`items`: the scan's items, or the previous scan's for `resolved` events). Core's events leave the author
 * out on purpose (who wrote a value is not part of the drift, so it never makes an event of its own), but a
 * history line says "first seen 3 d ago by kubectl-edit": the event keeps what its item said then. One
 * map over the items, so a 100,000-item first scan stays linear.
 *
 * @example
 * const changesOf = eventChanges(driftItems);
 * changesOf(event) // [{ path: 'spec.replicas', iac: 2, live: 4, changed_by: { manager: 'kubectl', … } }]
 */
export function eventChanges(items: readonly AuthoredItem[]): (event: DriftEvent) => EventChangeWithAuthor[] {
  // Events ignore ignored items (core's `driftEvents`), so only the others can be an event's item.
  const byResource = new Map<string, AuthoredItem>();
  for (const item of items) if (item.ignored !== true) byResource.set(item.resource_id, item);
  return (event) => {
    const changes = byResource.get(event.resource_id)?.changes ?? [];
    const authors = new Map(changes.map((change) => [change.path, change.changed_by ?? null]));
    return event.changes.map((change) => ({ ...change, changed_by: authors.get(change.path) ?? null }));
  };
}
