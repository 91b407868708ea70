import { canonicalJson } from '../canonical-json.ts';
import type { JsonValue } from '../json.ts';
import type { DriftStatus, Severity } from '../model.ts';

/** What {@link driftEvents} and {@link applyDriftEvents} need of a drift item: the CONTRACT item's core. */
export interface EventItem {
  status: DriftStatus;
  resource_id: string;
  severity: Severity;
  changes: readonly EventChange[];
  /** Items hidden by an ignore rule are not drift anyone is told about: they make no events. */
  ignored?: boolean;
}

/**
 * A change as events carry it: the path and both values (who wrote it is not part of the drift). No index
 * signature: a `DriftChange` (an interface, with `severity` and `changed_by`) must be assignable as it is.
 */
export interface EventChange {
  path: string;
  iac: JsonValue;
  live: JsonValue;
}

/** `appeared` (new drift on a resource), `changed` (its status, severity or changes moved), `resolved` (gone). */
export type DriftEventType = 'appeared' | 'changed' | 'resolved';

/** A resource's drift as events carry it. */
export interface DriftSnapshot {
  resource_id: string;
  status: DriftStatus;
  severity: Severity;
  changes: EventChange[];
}

/**
 * One transition between consecutive scans of a cluster and namespace. `status`, `severity` and `changes` are
 * the item's after the transition, or, for `resolved`, the last ones seen (so a notification can say what
 * went away).
 */
export interface DriftEvent extends DriftSnapshot {
  type: DriftEventType;
}

function changeKey(change: EventChange): string {
  return canonicalJson([change.path, change.iac, change.live]);
}

function sameChange(a: EventChange, b: EventChange): boolean {
  return (
    a.path === b.path &&
    JSON.stringify(a.iac) === JSON.stringify(b.iac) &&
    JSON.stringify(a.live) === JSON.stringify(b.live)
  );
}

/** True when two items of one resource differ in anything an event reports. */
function differs(a: EventItem, b: EventItem): boolean {
  if (a.status !== b.status || a.severity !== b.severity || a.changes.length !== b.changes.length)
    return true;
  // The usual case, an unchanged item (incremental ingest keeps most): the same changes in the same order,
  // texts equal as JSON.stringify writes them (equal texts are equal values, so equal canonical keys).
  if (a.changes.every((change, index) => sameChange(change, b.changes[index]!))) return false;
  const before = a.changes.map(changeKey).sort();
  const after = b.changes.map(changeKey).sort();
  return before.some((key, index) => key !== after[index]);
}

function byResource(items: readonly EventItem[]): Map<string, EventItem> {
  const map = new Map<string, EventItem>();
  for (const item of items) if (item.ignored !== true) map.set(item.resource_id, item);
  return map;
}

const snapshotOf = (item: EventItem): DriftSnapshot => ({
  resource_id: item.resource_id,
  status: item.status,
  severity: item.severity,
  changes: item.changes.map((change) => ({ path: change.path, iac: change.iac, live: change.live })),
});

const eventOf = (type: DriftEventType, item: EventItem): DriftEvent => ({ type, ...snapshotOf(item) });

const byId = (a: DriftSnapshot, b: DriftSnapshot) =>
  a.resource_id < b.resource_id ? -1 : a.resource_id > b.resource_id ? 1 : 0;

/**
 * The drift events between two consecutive scans of the same cluster and namespace (CONTRACT "Drift history"):
 * a resource that drifts now and did not before `appeared`; one that drifts in both with another status,
 * severity or set of changes (paths and values) `changed`; one that drifted and no longer does `resolved`.
 * Items are keyed by `resource_id`; ignored items count as absent. Ordered by `resource_id`, so the same
 * scans always give the same events. `previous` is `[]` for a cluster's first scan.
 *
 * Events compose: {@link applyDriftEvents} of `driftEvents(a, b)` over `a` gives `b`.
 *
 * @example
 * driftEvents(previousScanItems, scanItems) // [{ type: 'appeared', resource_id: 'k8s/deployment/fleet/api', … }]
 */
export function driftEvents(previous: readonly EventItem[], current: readonly EventItem[]): DriftEvent[] {
  const before = byResource(previous);
  const after = byResource(current);
  const events: DriftEvent[] = [];
  for (const [id, item] of after) {
    const was = before.get(id);
    if (was === undefined) events.push(eventOf('appeared', item));
    else if (differs(was, item)) events.push(eventOf('changed', item));
  }
  for (const [id, item] of before) if (!after.has(id)) events.push(eventOf('resolved', item));
  return events.sort(byId);
}

/**
 * The drift of a scan as events see it: one snapshot per resource that drifts and is not ignored, ordered by
 * `resource_id`.
 */
export function driftSnapshots(items: readonly EventItem[]): DriftSnapshot[] {
  return [...byResource(items).values()].map(snapshotOf).sort(byId);
}

/**
 * Replays events over the drift of a scan and gives the drift after them: the inverse view of
 * {@link driftEvents} (`applyDriftEvents(a, driftEvents(a, b))` equals `driftSnapshots(b)`), used to check
 * history and to rebuild a scan's drift from an earlier one and the events since.
 */
export function applyDriftEvents(
  items: readonly EventItem[],
  events: readonly DriftEvent[],
): DriftSnapshot[] {
  const state = new Map<string, EventItem>(byResource(items));
  for (const event of events) {
    if (event.type === 'resolved') state.delete(event.resource_id);
    else state.set(event.resource_id, event);
  }
  return [...state.values()].map(snapshotOf).sort(byId);
}
