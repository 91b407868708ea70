import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { servedDriftItem } from '../ingest/served-drift-item.ts';
import { driftQuerySchema, latestScanQuerySchema, scanListQuerySchema } from '../schemas/scan-schemas.ts';
import type { ScanRow } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';
import { decodeDriftCursor, encodeDriftCursor, isAfterCursor } from './drift-cursor.ts';

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
function encodeCursor(seq: number): string {
  return btoa(`s${seq}`).replace(/=+$/, '');
}

function decodeCursor(cursor: string): number {
  let decoded = '';
  try {
    decoded = atob(cursor);
  } catch {
    // fall through to the error below
  }
  const match = /^s(\d{1,15})$/.exec(decoded);
  if (!match) {
    throw new ProblemError(400, 'invalid_request', 'The cursor is not valid.', {
      errors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
    });
  }
  return Number(match[1]);
}

const scanNotFound = (id: string) => new ProblemError(404, 'not_found', `Scan ${id} was not found.`);

/** `/api/v2/orgs/:org_id/scans`: scans newest first with cursor pagination, the latest scan, drift. */
export function scanRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(authenticate({ now: deps.now }), requireOrg())
    .get('/', zValidator('query', scanListQuerySchema, validationHook), async (c) => {
      const { cluster_id: clusterId, namespace, limit, cursor } = c.req.valid('query');
      const before = cursor === undefined ? undefined : decodeCursor(cursor);
      // One more than asked tells whether there is a next page without a count query.
      const rows = await c
        .get('store')
        .listScans(c.req.param('org_id')!, { clusterId, namespace }, limit + 1, before);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json({
        scans: page.map(toScan),
        next_cursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
      });
    })
    .get('/latest', zValidator('query', latestScanQuerySchema, validationHook), async (c) => {
      const { cluster_id: clusterId, namespace } = c.req.valid('query');
      const [scan] = await c.get('store').listScans(c.req.param('org_id')!, { clusterId, namespace }, 1);
      if (!scan) throw new ProblemError(404, 'not_found', 'No scan matches.');
      return c.json(toScan(scan));
    })
    .get('/:scan_id/drift', zValidator('query', driftQuerySchema, validationHook), async (c) => {
      const query = c.req.valid('query');
      // Decoded before any read, so a bad cursor is a 400 whether or not the scan exists.
      const after = query.cursor === undefined ? undefined : decodeDriftCursor(query.cursor);
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      const minRank =
        query.severity_at_least === undefined ? 0 : (SEVERITY_RANK[query.severity_at_least] ?? 0);
      const matching = (await store.driftItems(scan)).filter(
        (item) =>
          (query.status === undefined || query.status.includes(item.status)) &&
          (query.resource_id === undefined || item.resource_id === query.resource_id) &&
          (SEVERITY_RANK[item.severity] ?? 0) >= minRank &&
          (after === undefined || isAfterCursor(item, after)),
      );
      const page = matching.slice(0, query.limit).map(servedDriftItem);
      const last = page.at(-1);
      // CONTRACT: the summary and warnings are always of the whole scan, whatever the page and filters.
      return c.json({
        scan_id: scan.id,
        cluster_id: scan.clusterId,
        namespace: scan.namespace,
        created_at: scan.createdAt,
        summary: scan.summary,
        warnings: scan.warnings,
        items: page,
        next_cursor: matching.length > query.limit && last ? encodeDriftCursor(last) : null,
      });
    })
    .get('/:scan_id/iac', async (c) => {
      const scan = await c.get('store').getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      // The IaC generator is a separate issue: until it lands, no scan has generated IaC.
      throw new ProblemError(404, 'not_found', `Scan ${scan.id} has no generated IaC.`);
    });
}
