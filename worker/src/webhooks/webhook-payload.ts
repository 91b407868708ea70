import type { ListedDriftEvent } from '../store/store.ts';

/** What a delivery is about: a scan and its deliverable events, in `resource_id` order. */
export interface WebhookPayloadInput {
  format: string;
  scanId: string;
  events: readonly ListedDriftEvent[];
}

const REDACTED = '(redacted)';

/** Secret values never leave in a webhook, not even hashed (CONTRACT "Webhooks"): paths stay, values go. */
function redacted(event: ListedDriftEvent) {
  const secret = event.resourceId.startsWith('k8s/secret/');
  return event.changes.map((change) =>
    secret
      ? {
          path: change.path,
          iac: change.iac === null ? null : REDACTED,
          live: change.live === null ? null : REDACTED,
        }
      : { path: change.path, iac: change.iac, live: change.live },
  );
}

function standard(input: WebhookPayloadInput) {
  const first = input.events[0];
  return {
    // Standard Webhooks' recommended envelope: `type`, `timestamp`, `data`.
    type: 'drift.events',
    timestamp: first?.at ?? null,
    data: {
      scan_id: input.scanId,
      cluster_id: first?.clusterId ?? null,
      namespace: first?.namespace ?? null,
      events: input.events.map((event) => ({
        id: event.id,
        type: `drift.${event.type}`,
        resource_id: event.resourceId,
        status: event.status,
        severity: event.severity,
        changes: redacted(event),
      })),
    },
  };
}

const SLACK_LINES = 20;

/** A Slack incoming-webhook message: `text` for notifications, a `mrkdwn` section with the events. */
function slack(input: WebhookPayloadInput) {
  const first = input.events[0];
  const where = `${first?.clusterId ?? '?'} / ${first?.namespace ?? '?'}`;
  const lines = input.events.slice(0, SLACK_LINES).map((event) => {
    const changes = redacted(event)
      .slice(0, 3)
      .map((change) => `\`${change.path}\`: ${JSON.stringify(change.iac)} → ${JSON.stringify(change.live)}`)
      .join('; ');
    return `• *${event.type}* \`${event.resourceId}\` (${event.status}, ${event.severity})${changes ? ` ${changes}` : ''}`;
  });
  if (input.events.length > SLACK_LINES) lines.push(`… and ${input.events.length - SLACK_LINES} more`);
  const text = `DriftWise: ${input.events.length} drift event(s) in ${where}`;
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${text}\n${lines.join('\n')}` } }],
  };
}

/**
 * The JSON body of one delivery: the Standard Webhooks envelope (`format: "standard"`) or a Slack message
 * (`"slack"`), Secret values `"(redacted)"` in both.
 *
 * @example
 * webhookPayload({ format: 'standard', scanId, events }) // '{"type":"drift.events",…}'
 */
export function webhookPayload(input: WebhookPayloadInput): string {
  return JSON.stringify(input.format === 'slack' ? slack(input) : standard(input));
}
