import { z } from 'zod';
import { orgIdSchema } from './org-schemas.ts';
import { clusterIdSchema } from './state-source-schemas.ts';

const severity = z.enum(['critical', 'high', 'medium', 'low']);

/** The drift summary of a scan. */
export const driftSummarySchema = z
  .object({
    live: z.int(),
    iac: z.int(),
    in_sync: z.int(),
    missing: z.int(),
    extra: z.int(),
    changed: z.int(),
    coverage: z.number(),
  })
  .meta({ id: 'DriftSummary' });

/** A scan run: one accepted operator report. */
export const scanSchema = z
  .object({
    id: z.uuid(),
    cluster_id: z.string(),
    namespace: z.string(),
    created_at: z.iso.datetime(),
    resource_count: z.int(),
    summary: driftSummarySchema,
  })
  .meta({ id: 'Scan' });

/** An empty query parameter (`?cluster_id=`) means the same as an absent one. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Path parameters of `GET …/scans/:scan_id/…`. */
export const scanParamsSchema = z.object({ org_id: orgIdSchema, scan_id: z.string() });

const clusterIdQuery = optional(clusterIdSchema).meta({ description: 'Only scans of this cluster.' });
const namespaceQuery = optional(z.string().max(63)).meta({
  description: 'Only scans of this namespace (`*`: whole-cluster scans).',
});

/** Query of `GET …/scans` (newest first, cursor pagination). */
export const scanListQuerySchema = z.object({
  cluster_id: clusterIdQuery,
  namespace: namespaceQuery,
  limit: z
    .preprocess(
      (value) => (value === '' || value === undefined ? 20 : value),
      z.coerce.number().int().min(1).max(100),
    )
    .meta({ description: 'Scans per page, 1–100.', default: 20 }),
  cursor: optional(z.string().max(64)).meta({
    description: 'The `next_cursor` of the previous page; any other value is a 400.',
  }),
});

/** Query of `GET …/scans/latest`. */
export const latestScanQuerySchema = z.object({ cluster_id: clusterIdQuery, namespace: namespaceQuery });

/** Response of `GET …/scans`. */
export const scanListSchema = z
  .object({ scans: z.array(scanSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'ScanList' });

const driftChangeSchema = z.object({
  path: z.string(),
  iac: z.unknown(),
  live: z.unknown(),
  severity,
  ignored: z.literal(true).optional(),
  ignore_rule: z.string().optional(),
});

/** One drift item of a scan. */
export const driftItemSchema = z
  .object({
    status: z.enum(['missing', 'extra', 'changed']),
    resource_id: z.string(),
    normalized_type: z.string(),
    namespace: z.string().nullable(),
    name: z.string(),
    severity,
    iac: z.object({ state_source: z.string().nullable(), address: z.string() }).nullable(),
    changes: z.array(driftChangeSchema),
    ignored: z.boolean(),
    ignore_rule: z.string().optional(),
    first_seen_scan_id: z.uuid(),
    first_seen_at: z.iso.datetime(),
  })
  .meta({ id: 'DriftItem' });

/** Response of `GET …/scans/:scan_id/drift`. */
export const driftResponseSchema = z
  .object({
    scan_id: z.uuid(),
    cluster_id: z.string(),
    namespace: z.string(),
    created_at: z.iso.datetime(),
    summary: driftSummarySchema,
    items: z.array(driftItemSchema),
  })
  .meta({ id: 'Drift' });
