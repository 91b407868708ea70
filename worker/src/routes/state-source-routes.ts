import { readTerraformState } from '@driftwise/core';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { secretHasherFor } from '../ingest/secret-hasher-for.ts';
import { stateSourceParamsSchema, stateUploadQuerySchema } from '../schemas/state-source-schemas.ts';
import type { StateSourceRow } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';

function toStateSource(source: StateSourceRow) {
  return {
    name: source.name,
    cluster_id: source.clusterId,
    serial: source.serial,
    lineage: source.lineage,
    resource_count: source.resourceCount,
    k8s_resource_count: source.k8sResourceCount,
    terraform_version: source.terraformVersion,
    updated_at: source.updatedAt,
  };
}

/** `/api/v2/orgs/:org_id/state-sources`: Terraform state uploads (`write`) and their list (`read`). */
export function stateSourceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(authenticate({ now: deps.now }), requireOrg())
    .put(
      '/:name/state',
      zValidator('param', stateSourceParamsSchema, validationHook),
      zValidator('query', stateUploadQuerySchema, validationHook),
      body('json'),
      async (c) => {
        const orgId = c.req.param('org_id')!;
        const { name } = c.req.valid('param');
        const { cluster_id: clusterId = null } = c.req.valid('query');
        const text = await c.req.text();
        // core's reader: a non-v4 state is a 400, and Secret values are hashed before anything is kept.
        const state = readTerraformState(text, {
          secretHasher: await secretHasherFor(c.env.API_KEY_PEPPER),
          stateSource: name,
        });
        const store = c.get('store');
        const existing = await store.getStateSource(orgId, name);
        const stale = (stored: StateSourceRow) =>
          new ProblemError(
            409,
            'stale_state',
            `Serial ${state.serial} is older than the stored serial ${stored.serial} of lineage ${state.lineage}.`,
          );
        if (existing && existing.lineage === state.lineage && state.serial < existing.serial)
          throw stale(existing);
        const at = deps.now().toISOString();
        const source: StateSourceRow = {
          id: existing?.id ?? deps.newId(),
          orgId,
          name,
          clusterId,
          serial: state.serial,
          lineage: state.lineage,
          terraformVersion: state.terraform_version,
          resourceCount: state.resource_count,
          k8sResourceCount: state.k8s_resource_count,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
        };
        // The check above answers early; the store repeats it in the write's own transaction, where a
        // concurrent upload cannot slip between check and write (issue 7, defect 4).
        const newer = await store.putStateSource(source, state.resources);
        if (newer) throw stale(newer);
        return c.json({
          name,
          cluster_id: clusterId,
          serial: source.serial,
          lineage: source.lineage,
          resource_count: source.resourceCount,
          k8s_resource_count: source.k8sResourceCount,
        });
      },
    )
    .get('/', async (c) => {
      const sources = await c.get('store').listStateSources(c.req.param('org_id')!);
      return c.json({ state_sources: sources.map(toStateSource) });
    })
    .delete('/:name', async (c) => {
      const deleted = await c.get('store').deleteStateSource(c.req.param('org_id')!, c.req.param('name'));
      if (!deleted)
        throw new ProblemError(404, 'not_found', `State source ${c.req.param('name')} was not found.`);
      return c.body(null, 204);
    });
}
