import { iacResultSchema } from '@driftwise/core';
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
    accepted: z.int(),
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

/** The most drift items one page holds; also the default page size. */
export const DRIFT_PAGE_LIMIT = 5000;

const STATUSES = ['missing', 'extra', 'changed'] as const;
type Status = (typeof STATUSES)[number];

// A refine, not a pipe into an array schema, so an error names the parameter (`status`), not `status.1`.
const statusList = z
  .string()
  .max(64)
  .refine((text) => text.split(',').every((part) => (STATUSES as readonly string[]).includes(part)), {
    message: 'must be missing, extra or changed, or several of them separated by commas',
  })
  .transform((text) => text.split(',') as Status[]);

/** Query of `GET …/scans/:scan_id/drift`: paging (`limit`, `cursor`) and filters. */
export const driftQuerySchema = z.object({
  limit: z
    .preprocess(
      (value) => (value === '' || value === undefined ? DRIFT_PAGE_LIMIT : value),
      z.coerce.number().int().min(1).max(DRIFT_PAGE_LIMIT),
    )
    .meta({ description: 'Items per page, 1–5,000 (default: all up to 5,000).', default: DRIFT_PAGE_LIMIT }),
  cursor: optional(z.string().max(1024)).meta({ description: 'The `next_cursor` of the previous page.' }),
  status: optional(statusList).meta({
    description: 'Only items of this status; several separated by commas (`missing,extra`).',
  }),
  severity_at_least: optional(severity).meta({ description: 'Only items of this severity or higher.' }),
  resource_id: optional(z.string().max(512)).meta({ description: 'Only the item of this resource ID.' }),
});

/** Response of `GET …/scans`. */
export const scanListSchema = z
  .object({ scans: z.array(scanSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'ScanList' });

export const changedBySchema = z
  .object({
    manager: z.string(),
    operation: z.string(),
    subresource: z.string().nullable(),
    time: z.string().nullable(),
  })
  .meta({ id: 'ChangedBy' });

const driftChangeSchema = z.object({
  path: z.string(),
  iac: z.unknown(),
  live: z.unknown(),
  severity,
  changed_by: changedBySchema.nullable(),
  declared_by: z.object({ state_source: z.string().nullable(), address: z.string() }).optional().meta({
    description:
      "The resource that declares this field when it is not the item's `iac`: a patch-style resource (kubernetes_labels, kubernetes_env, …) merged into the object's declaration.",
  }),
  undeclared: z.literal(true).optional(),
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
    accepted: z.boolean(),
  })
  .meta({ id: 'DriftItem' });

/** A drift warning (`empty_scope`, `no_state_source`, `skipped_terraform_types`). */
export const driftWarningSchema = z
  .object({
    code: z.enum(['empty_scope', 'no_state_source', 'skipped_terraform_types']),
    message: z.string(),
    types: z.array(z.object({ type: z.string(), count: z.int() })).optional(),
  })
  .meta({ id: 'DriftWarning' });

/** Response of `GET …/scans/:scan_id/drift`. */
export const driftResponseSchema = z
  .object({
    scan_id: z.uuid(),
    cluster_id: z.string(),
    namespace: z.string(),
    created_at: z.iso.datetime(),
    summary: driftSummarySchema,
    warnings: z.array(driftWarningSchema),
    items: z.array(driftItemSchema),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'Drift' });

/** `GET /api/v2/orgs/:org_id/scans/:scan_id/iac`: the scan's generated IaC (CONTRACT "IaC generation"). */
export const scanIacResponseSchema = z.object({ iac: iacResultSchema }).meta({ id: 'ScanIacResponse' });
