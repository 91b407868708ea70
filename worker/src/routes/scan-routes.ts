import type { DriftStatus } from '@driftwise/core';
import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { ProblemError } from '../http/problem-error.ts';
import { baselineFingerprint } from '../ingest/baseline-fingerprint.ts';
import { servedDriftItem } from '../ingest/served-drift-item.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { baselineSchema } from '../schemas/drift-event-schemas.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import {
  driftQuerySchema,
  driftResponseSchema,
  latestScanQuerySchema,
  scanIacResponseSchema,
  scanListQuerySchema,
  scanListSchema,
  scanParamsSchema,
  scanSchema,
} from '../schemas/scan-schemas.ts';
import type { ScanRow } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';
import { compareDriftKeys, decodeDriftCursor, encodeDriftCursor, isAfterCursor } from './drift-cursor.ts';
import { seqCursor } from './seq-cursor.ts';

const SEVERITY_RANK: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

function toScan(scan: ScanRow) {
  return {
    id: scan.id,
    cluster_id: scan.clusterId,
    namespace: scan.namespace,
    created_at: scan.createdAt,
    resource_count: scan.resourceCount,
    summary: scan.summary,
  };
}

/** The cursor is the opaque form of the last scan's sequence number. */
const scanCursor = seqCursor('s');

const scanNotFound = (id: string) => new ProblemError(404, 'not_found', `Scan ${id} was not found.`);

const tags = ['scans'];

const listScans = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listScans',
  tags,
  summary: 'List scans, newest first',
  security: security.apiKey,
  request: { params: orgParamsSchema, query: scanListQuerySchema },
  responses: {
    200: { description: 'A page of scans.', content: { 'application/json': { schema: scanListSchema } } },
    ...problemResponses([400, 401, 404], {
      400: 'A query parameter out of range, or a cursor this API did not issue.',
    }),
  },
});

const getLatestScan = createRoute({
  method: 'get',
  path: '/latest',
  operationId: 'getLatestScan',
  tags,
  summary: 'The newest scan',
  security: security.apiKey,
  request: { params: orgParamsSchema, query: latestScanQuerySchema },
  responses: {
    200: {
      description: 'The newest matching scan.',
      content: { 'application/json': { schema: scanSchema } },
    },
    ...problemResponses([400, 401, 404], { 404: 'No scan matches, or no such org (`not_found`).' }),
  },
});

const getScanDrift = createRoute({
  method: 'get',
  path: '/{scan_id}/drift',
  operationId: 'getScanDrift',
  tags,
  summary: 'The drift of a scan',
  description:
    'Items ordered by status (`missing`, `extra`, `changed`), then `resource_id`; changes by `path`. Paged ' +
    '(`limit`, default and maximum 5,000; `next_cursor`) and filtered (`status`, `severity_at_least`, ' +
    '`resource_id`); the summary and warnings are always of the whole scan.',
  security: security.apiKey,
  request: { params: scanParamsSchema, query: driftQuerySchema },
  responses: {
    200: { description: 'The drift.', content: { 'application/json': { schema: driftResponseSchema } } },
    ...problemResponses([400, 401, 404], {
      400: 'A bad query parameter, or a cursor this API did not issue (`invalid_request`).',
    }),
  },
});

const getScanIac = createRoute({
  method: 'get',
  path: '/{scan_id}/iac',
  operationId: 'getScanIac',
  tags,
  summary: 'The generated IaC of a scan',
  description:
    'Terraform (or OpenTofu, or `.tf.json`) with `import {}` blocks for the objects of a scan whose report ' +
    'asked for it (`generate_iac: true`); a 404 when it did not.',
  security: security.apiKey,
  request: { params: scanParamsSchema },
  responses: {
    200: {
      description: 'The generated IaC.',
      content: { 'application/json': { schema: scanIacResponseSchema } },
    },
    ...problemResponses([401, 404], {
      404: 'No such scan, or the scan has no generated IaC (`not_found`).',
    }),
  },
});

// ---- w2-history: the baseline (issue 14) ----

const acceptScan = createRoute({
  method: 'post',
  path: '/{scan_id}/accept',
  operationId: 'acceptScan',
  tags,
  summary: "Accept a scan's drift as the baseline",
  description:
    "Makes the scan's drift (its items not hidden by an ignore rule) the baseline of its cluster and " +
    'namespace, replacing any earlier baseline there. Later scans mark an item whose status, resource and ' +
    'changes (paths and values) equal an accepted one `accepted: true` and count it in `summary.accepted` ' +
    'instead of its status; `in_sync` and `coverage` are unchanged by it. The accepted scan itself is not ' +
    'rewritten.',
  security: security.apiKey,
  request: { params: scanParamsSchema },
  responses: {
    200: { description: 'The baseline.', content: { 'application/json': { schema: baselineSchema } } },
    ...problemResponses([401, 403, 404]),
  },
});

const withdrawBaseline = createRoute({
  method: 'delete',
  path: '/{scan_id}/accept',
  operationId: 'withdrawBaseline',
  tags,
  summary: 'Withdraw the baseline this scan made',
  security: security.apiKey,
  request: { params: scanParamsSchema },
  responses: {
    204: { description: 'Withdrawn: later scans accept nothing in this scope.' },
    ...problemResponses([401, 403, 404], {
      404: 'No baseline of this scan (never accepted, withdrawn, or replaced by a later accept).',
    }),
  },
});

/** `/api/v2/orgs/:org_id/scans`: scans newest first with cursor pagination, the latest scan, drift. */
export function scanRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ now: deps.now, fetch: deps.fetch }), requireOrg());
  return app
    .openapi(listScans, async (c) => {
      const { cluster_id: clusterId, namespace, limit, cursor } = c.req.valid('query');
      const before = cursor === undefined ? undefined : scanCursor.decode(cursor);
      // One more than asked tells whether there is a next page without a count query.
      const rows = await c
        .get('store')
        .listScans(c.req.param('org_id')!, { clusterId, namespace }, limit + 1, before);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json(
        {
          scans: page.map(toScan),
          next_cursor: rows.length > limit && last ? scanCursor.encode(last.seq) : null,
        },
        200,
      );
    })
    .openapi(getLatestScan, async (c) => {
      const { cluster_id: clusterId, namespace } = c.req.valid('query');
      const [scan] = await c.get('store').listScans(c.req.param('org_id')!, { clusterId, namespace }, 1);
      if (!scan) throw new ProblemError(404, 'not_found', 'No scan matches.');
      return c.json(toScan(scan), 200);
    })
    .openapi(getScanDrift, async (c) => {
      const query = c.req.valid('query');
      // Decoded before any read, so a bad cursor is a 400 whether or not the scan exists.
      const after = query.cursor === undefined ? undefined : decodeDriftCursor(query.cursor);
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      const minRank =
        query.severity_at_least === undefined ? 0 : (SEVERITY_RANK[query.severity_at_least] ?? 0);
      // Issue 9: only the chunks that can hold the page's items are read (their summaries say which).
      const { status, resource_id: resourceId } = query;
      const found = await store.driftItemsPage(scan, {
        limit: query.limit,
        matches: (item) =>
          (status === undefined || status.includes(item.status)) &&
          (resourceId === undefined || item.resource_id === resourceId) &&
          (SEVERITY_RANK[item.severity] ?? 0) >= minRank &&
          (after === undefined || isAfterCursor(item, after)),
        mayMatch: ([first, last, statuses, severities]) =>
          (after === undefined || compareDriftKeys(last, after) > 0) &&
          (status === undefined || statuses.some((one) => status.includes(one as DriftStatus))) &&
          severities.some((severity) => (SEVERITY_RANK[severity] ?? 0) >= minRank) &&
          (resourceId === undefined ||
            first[0] !== last[0] ||
            (first[1] <= resourceId && resourceId <= last[1])),
      });
      const page = found.items.map(servedDriftItem);
      const last = page.at(-1);
      // CONTRACT: the summary and warnings are always of the whole scan, whatever the page and filters.
      return c.json(
        {
          scan_id: scan.id,
          cluster_id: scan.clusterId,
          namespace: scan.namespace,
          created_at: scan.createdAt,
          summary: scan.summary,
          warnings: scan.warnings,
          items: page,
          next_cursor: found.more && last ? encodeDriftCursor(last) : null,
        },
        200,
      );
    })
    .openapi(acceptScan, async (c) => {
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      const items = (await store.driftItems(scan)).filter((item) => !item.ignored);
      const fingerprints = await Promise.all(items.map(baselineFingerprint));
      const at = deps.now().toISOString();
      await store.acceptScan(scan, fingerprints, at);
      return c.json(
        {
          scan_id: scan.id,
          cluster_id: scan.clusterId,
          namespace: scan.namespace,
          accepted_at: at,
          accepted_items: new Set(fingerprints).size,
        },
        200,
      );
    })
    .openapi(withdrawBaseline, async (c) => {
      const withdrawn = await c.get('store').withdrawBaseline(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!withdrawn)
        throw new ProblemError(404, 'not_found', `Scan ${c.req.param('scan_id')} is not the baseline.`);
      return c.body(null, 204);
    })
    .openapi(getScanIac, async (c) => {
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      const iac = scan.generateIac ? await store.scanIac(scan.orgId, scan.id) : undefined;
      if (!iac) throw new ProblemError(404, 'not_found', `Scan ${scan.id} did not ask for generated IaC.`);
      c.header('Cache-Control', 'no-store');
      return c.json({ iac }, 200);
    });
}
