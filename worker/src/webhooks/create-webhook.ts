import type { Store, WebhookRow } from '../store/store.ts';
import { checkWebhookUrl, type ResolveHost } from './check-webhook-url.ts';
import { newWebhookSecret, webhookSecretBox } from './webhook-secret-box.ts';

/** Options of {@link createWebhook}: what to create, and the injected clock, ids, resolver and pepper. */
export interface CreateWebhookOptions {
  store: Store;
  orgId: string;
  /** The validated body of `POST …/webhooks` (or the dashboard's form, checked by the same schema). */
  request: { url: string; events: readonly string[]; min_severity: string; format: string };
  pepper: string | undefined;
  localMode: boolean;
  resolve: ResolveHost;
  now: () => Date;
  newId: () => string;
}

/**
 * Creates an org's webhook after the SSRF check and returns its row with the signing secret, in clear this
 * once. The JSON API and the dashboard's Notifications page both call this, so a URL one refuses the other
 * refuses too, and nothing is stored when the check throws (400 `invalid_webhook_url`).
 *
 * @example
 * const { webhook, secret } = await createWebhook({ store, orgId, request, pepper, localMode, resolve, now, newId });
 */
export async function createWebhook(
  options: CreateWebhookOptions,
): Promise<{ webhook: WebhookRow; secret: string }> {
  const { store, orgId, request, pepper, localMode, resolve, now, newId } = options;
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  const url = await checkWebhookUrl(request.url, { localMode, resolve });
  const secret = newWebhookSecret();
  const webhook: WebhookRow = {
    id: newId(),
    orgId,
    url: url.href,
    events: [...new Set(request.events)],
    minSeverity: request.min_severity,
    format: request.format,
    secretBox: await webhookSecretBox.seal(pepper, secret),
    createdAt: now().toISOString(),
  };
  await store.createWebhook(webhook);
  return { webhook, secret };
}
