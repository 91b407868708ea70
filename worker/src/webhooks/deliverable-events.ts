/** What {@link deliverableEvents} reads of an event and of a webhook. */
interface Candidate {
  type: string;
  severity: string;
  accepted: boolean;
}

const RANK: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * The events of one scan a webhook is told about (CONTRACT "Webhooks"): `appeared` and `resolved` events
 * the webhook subscribed to (`drift.appeared`, `drift.resolved`), at or above its `min_severity`, not of
 * accepted items. `changed` events are history only: no webhook event type carries them.
 *
 * @example
 * deliverableEvents(events, { events: ['drift.appeared'], minSeverity: 'high' }) // the high and critical appearances
 */
export function deliverableEvents<E extends Candidate>(
  events: readonly E[],
  webhook: { events: readonly string[]; minSeverity: string },
): E[] {
  const min = RANK[webhook.minSeverity] ?? 0;
  return events.filter(
    (event) =>
      (event.type === 'appeared' || event.type === 'resolved') &&
      webhook.events.includes(`drift.${event.type}`) &&
      (RANK[event.severity] ?? 0) >= min &&
      !event.accepted,
  );
}
