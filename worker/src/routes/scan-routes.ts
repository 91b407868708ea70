import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { latestScanQuerySchema, scanListQuerySchema } from '../schemas/scan-schemas.ts';
import type { ScanRow } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';

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
    .get('/:scan_id/drift', async (c) => {
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      return c.json({
        scan_id: scan.id,
        cluster_id: scan.clusterId,
        namespace: scan.namespace,
        created_at: scan.createdAt,
        summary: scan.summary,
        items: await store.driftItems(scan),
      });
    })
    .get('/:scan_id/iac', async (c) => {
      const store = c.get('store');
      const scan = await store.getScan(c.req.param('org_id')!, c.req.param('scan_id'));
      if (!scan) throw scanNotFound(c.req.param('scan_id'));
      const iac = scan.generateIac ? await store.scanIac(scan.orgId, scan.id) : undefined;
      if (!iac) throw new ProblemError(404, 'not_found', `Scan ${scan.id} did not ask for generated IaC.`);
      c.header('Cache-Control', 'no-store');
      return c.json({ iac });
    });
}
