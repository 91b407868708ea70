import { Webhook } from 'standardwebhooks';
import type { DueDelivery, Store } from '../store/store.ts';
import { checkWebhookUrl, type ResolveHost } from './check-webhook-url.ts';
import { deliverableEvents } from './deliverable-events.ts';
import { deliveryRetry } from './delivery-retry.ts';
import { webhookPayload } from './webhook-payload.ts';
import { webhookSecretBox } from './webhook-secret-box.ts';

/** Options of {@link dispatchDeliveries}. */
export interface DispatchDeliveriesOptions {
  store: Store;
  /** `API_KEY_PEPPER`: opens the stored signing secrets. */
  pepper: string | undefined;
  localMode: boolean;
  resolve: ResolveHost;
  fetch?: typeof fetch;
  now?: () => Date;
  random?: () => number;
  /** A receiver gets this long to answer (ms); a slow one fails the attempt, never the dispatcher. */
  timeoutMs?: number;
  /** Deliveries claimed per run. */
  limit?: number;
  /** First retry delay (ms), doubling after; default 30 s. */
  retryBaseMs?: number;
}

/** What one run did. */
export interface DispatchResult {
  attempted: number;
  succeeded: number;
}

/**
 * Sends the due deliveries of the outbox, once each: claims them (so two dispatchers never send the same
 * attempt), builds the body from the scan's stored events, signs it as Standard Webhooks says
 * (`webhook-id` = the delivery id, the same on every retry; `webhook-timestamp`; `webhook-signature`
 * `v1,<base64 HMAC-SHA-256>` made by the `standardwebhooks` package), POSTs it without following
 * redirects, and records the attempt: 2xx succeeded; anything else (3xx included) failed and retried with
 * {@link deliveryRetry}. The URL is checked again before each attempt, as DNS may have changed.
 *
 * @example
 * await dispatchDeliveries({ store, pepper: env.API_KEY_PEPPER, localMode: false, resolve });
 */
export async function dispatchDeliveries(options: DispatchDeliveriesOptions): Promise<DispatchResult> {
  const {
    store,
    pepper,
    localMode,
    resolve,
    fetch: fetcher = (...args) => fetch(...args),
    now = () => new Date(),
    random = Math.random,
    timeoutMs = 10_000,
    limit = 20,
    retryBaseMs,
  } = options;
  if (!pepper) return { attempted: 0, succeeded: 0 };
  const start = now();
  // The lease: longer than one attempt can take, so a crashed run's claims come back after it.
  const lease = new Date(start.getTime() + timeoutMs + 60_000).toISOString();
  const claimed = await store.claimDueDeliveries(start.toISOString(), lease, limit);
  const outcomes = await Promise.all(claimed.map((delivery) => attempt(delivery)));
  return { attempted: claimed.length, succeeded: outcomes.filter(Boolean).length };

  async function attempt(delivery: DueDelivery): Promise<boolean> {
    const listed = await store.listDriftEvents(delivery.orgId, { scanId: delivery.scanId }, 100_000);
    // Listed newest first, which for the events of one scan is `resource_id` order (see SqlStore).
    const events = deliverableEvents(listed, delivery.webhook);
    let status: 'succeeded' | 'failed' = 'failed';
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      const url = await checkWebhookUrl(delivery.webhook.url, { localMode, resolve });
      const body = webhookPayload({ format: delivery.webhook.format, scanId: delivery.scanId, events });
      const secret = await webhookSecretBox.open(pepper!, delivery.webhook.secretBox);
      const sentAt = now();
      const signature = new Webhook(secret).sign(delivery.id, sentAt, body);
      const response = await fetcher(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'DriftWise-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        // CONTRACT: redirects are not followed (a redirect to an internal address would bypass the check).
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      responseCode = response.status;
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) status = 'succeeded';
      else error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    }
    const at = now();
    const next =
      status === 'succeeded'
        ? { state: 'delivered' as const, nextAttemptAt: at.toISOString() }
        : deliveryRetry({
            attempts: delivery.attempts + 1,
            createdAt: delivery.createdAt,
            now: at,
            random,
            ...(retryBaseMs === undefined ? {} : { baseMs: retryBaseMs }),
          });
    await store.recordAttempt(delivery, { at: at.toISOString(), status, responseCode, error }, next);
    return status === 'succeeded';
  }
}
