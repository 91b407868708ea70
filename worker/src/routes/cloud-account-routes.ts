import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import type { AppDeps } from './app-deps.ts';

/** `/api/v2/orgs/:org_id/cloud-accounts`: one synthetic `k8s:<cluster_id>` account per reported cluster. */
export function cloudAccountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().use(authenticate({ now: deps.now }), requireOrg()).get('/', async (c) => {
    const accounts = await c.get('store').listCloudAccounts(c.req.param('org_id')!);
    return c.json({
      cloud_accounts: accounts.map((account) => ({
        id: account.id,
        provider: account.provider,
        external_id: account.externalId,
        created_at: account.createdAt,
      })),
    });
  });
}
