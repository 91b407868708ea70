import { iacResultSchema } from '@driftwise/core';
import { z } from 'zod';
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

/** Query of `GET …/scans` (newest first, cursor pagination). */
export const scanListQuerySchema = z.object({
  cluster_id: optional(clusterIdSchema),
  namespace: optional(z.string().max(63)),
  limit: z.preprocess(
    (value) => (value === '' || value === undefined ? 20 : value),
    z.coerce.number().int().min(1).max(100),
  ),
  cursor: optional(z.string().max(64)),
});

/** Query of `GET …/scans/latest`. */
export const latestScanQuerySchema = z.object({
  cluster_id: optional(clusterIdSchema),
  namespace: optional(z.string().max(63)),
});

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

/** `GET /api/v2/orgs/:org_id/scans/:scan_id/iac`: the scan's generated IaC (CONTRACT "IaC generation"). */
export const scanIacResponseSchema = z.object({ iac: iacResultSchema }).meta({ id: 'ScanIacResponse' });
