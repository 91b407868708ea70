import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { driftEventListSchema, driftEventQuerySchema } from '../schemas/drift-event-schemas.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import type { ListedDriftEvent } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';
import { seqCursor } from './seq-cursor.ts';

/** The cursor is the opaque form of the last event's `seq` (`e`, so a scan cursor is refused). */
const cursor = seqCursor('e');

const toEvent = (event: ListedDriftEvent) => ({
  id: event.id,
  type: event.type,
  scan_id: event.scanId,
  at: event.at,
  cluster_id: event.clusterId,
  namespace: event.namespace,
  resource_id: event.resourceId,
  status: event.status as 'missing' | 'extra' | 'changed',
  severity: event.severity as 'critical' | 'high' | 'medium' | 'low',
  accepted: event.accepted,
  changes: event.changes,
});

const listDriftEvents = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listDriftEvents',
  tags: ['scans'],
  summary: 'Drift events, newest first',
  description:
    'What changed in the drift between consecutive scans of a cluster and namespace: an item `appeared`, ' +
    'its status, severity or changes `changed`, or it was `resolved`. Newest first; the events of one scan ' +
    'in `resource_id` order. `status`, `severity` and `changes` are the item after the event (for ' +
    '`resolved`, the last ones seen).',
  security: security.apiKey,
  request: { params: orgParamsSchema, query: driftEventQuerySchema },
  responses: {
    200: {
      description: 'A page of events.',
      content: { 'application/json': { schema: driftEventListSchema } },
    },
    ...problemResponses([400, 401, 404], {
      400: 'A bad query parameter, or a cursor this API did not issue (`invalid_request`).',
    }),
  },
});

/** `/api/v2/orgs/:org_id/drift-events`: the drift history (w2-history, issue 14). */
export function driftEventRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ now: deps.now }), requireOrg());
  return app.openapi(listDriftEvents, async (c) => {
    const query = c.req.valid('query');
    const before = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
    // Stored times are `toISOString()` (milliseconds, `Z`): compare against the same form.
    const since = query.since === undefined ? undefined : new Date(query.since).toISOString();
    const rows = await c
      .get('store')
      .listDriftEvents(
        c.req.param('org_id')!,
        { clusterId: query.cluster_id, namespace: query.namespace, resourceId: query.resource_id, since },
        query.limit + 1,
        before,
      );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json(
      {
        events: page.map(toEvent),
        next_cursor: rows.length > query.limit && last ? cursor.encode(last.seq) : null,
      },
      200,
    );
  });
}
