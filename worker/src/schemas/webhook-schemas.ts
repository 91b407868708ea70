import { z } from 'zod';
import { orgIdSchema } from './org-schemas.ts';

const severity = z.enum(['critical', 'high', 'medium', 'low']);

/** Body of `POST …/webhooks`. */
export const createWebhookRequestSchema = z
  .object({
    url: z.string().max(2048).meta({
      description:
        '`https://…` (or `http://127.0.0.1…` in local mode); must not resolve to a private address.',
    }),
    events: z
      .array(z.enum(['drift.appeared', 'drift.resolved']))
      .min(1)
      .max(2),
    min_severity: severity.default('low'),
    format: z.enum(['standard', 'slack']).default('standard'),
  })
  .strict()
  .meta({ id: 'CreateWebhookRequest' });

/** A webhook; `secret` is the `whsec_…` signing secret at creation and `""` in lists. */
export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.enum(['drift.appeared', 'drift.resolved'])),
    min_severity: severity,
    format: z.enum(['standard', 'slack']),
    secret: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });

/** Response of `GET …/webhooks`. */
export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema) }).meta({ id: 'WebhookList' });

/** Path parameters of `…/webhooks/:webhook_id`. */
export const webhookParamsSchema = z.object({ org_id: orgIdSchema, webhook_id: z.string() });

/** One attempt of a delivery. */
export const webhookDeliverySchema = z
  .object({
    delivery_id: z.string().meta({ description: 'The `webhook-id` header: the same on every retry.' }),
    scan_id: z.string(),
    attempt: z.int().meta({ description: '1 for the first attempt of the delivery.' }),
    at: z.iso.datetime(),
    status: z.enum(['succeeded', 'failed']),
    response_code: z.int().nullable().meta({ description: 'Null when no response came (timeout, refused).' }),
    error: z.string().nullable(),
    delivery_state: z.enum(['pending', 'delivered', 'failed']).meta({
      description: 'The delivery now: `pending` (a retry is due), `delivered`, `failed` (24 h passed).',
    }),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

/** Response of `GET …/webhooks/:webhook_id/deliveries`. */
export const webhookDeliveryListSchema = z
  .object({ deliveries: z.array(webhookDeliverySchema) })
  .meta({ id: 'WebhookDeliveryList' });

/** Query of `GET …/webhooks/:webhook_id/deliveries`. */
export const webhookDeliveryQuerySchema = z.object({
  limit: z
    .preprocess(
      (value) => (value === '' || value === undefined ? 50 : value),
      z.coerce.number().int().min(1).max(200),
    )
    .meta({ description: 'Latest attempts to list, 1–200.', default: 50 }),
});
