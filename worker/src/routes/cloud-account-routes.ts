import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { cloudAccountListSchema } from '../schemas/cloud-account-schemas.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import type { AppDeps } from './app-deps.ts';

const listCloudAccounts = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listCloudAccounts',
  tags: ['accounts'],
  summary: 'List cloud accounts',
  description:
    'One synthetic account per reported cluster: `provider` `kubernetes`, `external_id` `k8s:<cluster_id>`.',
  security: security.apiKey,
  request: { params: orgParamsSchema },
  responses: {
    200: {
      description: 'The accounts.',
      content: { 'application/json': { schema: cloudAccountListSchema } },
    },
    ...problemResponses([401, 404]),
  },
});

/** `/api/v2/orgs/:org_id/cloud-accounts`: one synthetic `k8s:<cluster_id>` account per reported cluster. */
export function cloudAccountRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ now: deps.now, fetch: deps.fetch }), requireOrg());
  return app.openapi(listCloudAccounts, async (c) => {
    const accounts = await c.get('store').listCloudAccounts(c.req.param('org_id')!);
    return c.json(
      {
        cloud_accounts: accounts.map((account) => ({
          id: account.id,
          provider: account.provider,
          external_id: account.externalId,
          created_at: account.createdAt,
        })),
      },
      200,
    );
  });
}
