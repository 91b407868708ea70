import { z } from 'zod';
import { changedBySchema } from './scan-schemas.ts';
import { clusterIdSchema } from './state-source-schemas.ts';

/** An empty query parameter (`?cluster_id=`) means the same as an absent one. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Query of `GET …/drift-events` (newest first, cursor pagination). */
export const driftEventQuerySchema = z.object({
  cluster_id: optional(clusterIdSchema).meta({ description: 'Only events of this cluster.' }),
  namespace: optional(z.string().max(63)).meta({
    description: 'Only events of this namespace (`*`: whole-cluster scans).',
  }),
  resource_id: optional(z.string().max(512)).meta({ description: 'Only events of this resource ID.' }),
  since: optional(z.iso.datetime({ offset: true })).meta({
    description: 'Only events at or after this RFC 3339 time.',
  }),
  limit: z
    .preprocess(
      (value) => (value === '' || value === undefined ? 100 : value),
      z.coerce.number().int().min(1).max(1000),
    )
    .meta({ description: 'Events per page, 1–1,000.', default: 100 }),
  cursor: optional(z.string().max(64)).meta({
    description: 'The `next_cursor` of the previous page; any other value is a 400.',
  }),
});

/** One drift event: a transition of one resource's drift between consecutive scans of its scope. */
export const driftEventSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(['appeared', 'changed', 'resolved']),
    scan_id: z.uuid(),
    at: z.iso.datetime(),
    cluster_id: z.string(),
    namespace: z.string(),
    resource_id: z.string(),
    status: z.enum(['missing', 'extra', 'changed']),
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    accepted: z.boolean().meta({
      description:
        'The item was accepted by a baseline (for `resolved`: in the scan before); webhooks skip it.',
    }),
    changes: z.array(
      z.object({
        path: z.string(),
        iac: z.unknown(),
        live: z.unknown(),
        changed_by: changedBySchema
          .nullable()
          .optional()
          .meta({
            description:
              'Who last wrote the live value, as the drift item of that scan says (for `resolved`: the last ' +
              'one seen); absent on events recorded before it was kept.',
          }),
      }),
    ),
  })
  .meta({ id: 'DriftEvent' });

/** Response of `GET …/drift-events`. */
export const driftEventListSchema = z
  .object({ events: z.array(driftEventSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'DriftEventList' });

/** Response of `POST …/scans/:scan_id/accept`. */
export const baselineSchema = z
  .object({
    scan_id: z.uuid(),
    cluster_id: z.string(),
    namespace: z.string(),
    accepted_at: z.iso.datetime(),
    accepted_items: z
      .int()
      .meta({ description: 'Drift items of the scan now accepted (ignored ones are not).' }),
  })
  .meta({ id: 'Baseline' });
