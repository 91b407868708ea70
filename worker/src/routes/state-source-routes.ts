import { readTerraformState } from '@driftwise/core';
import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { orgSecretKey } from '../ingest/org-secret-key.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import {
  stateSourceListSchema,
  stateSourceNameParamsSchema,
  stateSourceParamsSchema,
  stateSourceSchema,
  stateUploadQuerySchema,
} from '../schemas/state-source-schemas.ts';
import { terraformStateSchema } from '../schemas/terraform-state-schema.ts';
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

const tags = ['state-sources'];

const putState = createRoute({
  method: 'put',
  path: '/{name}/state',
  operationId: 'putState',
  tags,
  summary: 'Upload a Terraform state file',
  description:
    'The body is a state file (format version 4, as `terraform state pull` prints it) or the JSON of ' +
    '`terraform show -json` (`format_version` 1.x). Same lineage: a lower serial is a 409, an equal one ' +
    'replaces (an idempotent re-upload). Another lineage replaces whatever the serial. `terraform show -json` ' +
    'output has no serial or lineage (both `null` in the answer): it always replaces the stored source, and ' +
    'any later upload replaces it.',
  security: security.apiKey,
  middleware: [body('json')] as const,
  request: {
    params: stateSourceParamsSchema,
    query: stateUploadQuerySchema,
    // A reference, not the zod schema: the library would validate it, and core's reader is the validator
    // of state files (its own codes and paths; see terraform-state-schema.ts).
    body: {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TerraformState' } } },
    },
  },
  responses: {
    200: {
      description: 'The stored source.',
      content: { 'application/json': { schema: stateSourceSchema } },
    },
    ...problemResponses([400, 401, 403, 404, 409, 413, 415], {
      400: 'A bad name or `cluster_id` (`invalid_request`), or neither accepted format: `invalid_state` (with `errors[]`; the detail names both formats), `unsupported_state_version` (a `version` other than 4, a `format_version` other than 1.x).',
      409: 'The serial is lower than the stored one of the same lineage (`stale_state`).',
    }),
  },
});

const listStateSources = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listStateSources',
  tags,
  summary: 'List state sources',
  security: security.apiKey,
  request: { params: orgParamsSchema },
  responses: {
    200: { description: 'The sources.', content: { 'application/json': { schema: stateSourceListSchema } } },
    ...problemResponses([401, 404]),
  },
});

const deleteStateSource = createRoute({
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteStateSource',
  tags,
  summary: 'Delete a state source',
  security: security.apiKey,
  request: { params: stateSourceNameParamsSchema },
  responses: { 204: { description: 'Deleted.' }, ...problemResponses([401, 403, 404]) },
});

/** `/api/v2/orgs/:org_id/state-sources`: Terraform state uploads (`write`) and their list (`read`). */
export function stateSourceRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.openAPIRegistry.register('TerraformState', terraformStateSchema);
  app.use(authenticate({ now: deps.now, fetch: deps.fetch }), requireOrg());
  return app
    .openapi(putState, async (c) => {
      const orgId = c.req.param('org_id')!;
      const { name } = c.req.valid('param');
      const { cluster_id: clusterId = null } = c.req.valid('query');
      const text = await c.req.text();
      // core's reader: a file that is neither a v4 state nor show -json output is a 400, and Secret values
      // are hashed before anything is kept.
      // `terraform show -json` output reads with serial and lineage null: it is never stale (below).
      const state = readTerraformState(text, {
        secretHasher: (await orgSecretKey(c.env.API_KEY_PEPPER, orgId)).hasher,
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
      if (
        existing &&
        state.serial !== null &&
        existing.serial !== null &&
        existing.lineage === state.lineage &&
        state.serial < existing.serial
      )
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
        skippedTypes: state.skipped,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      // The check above answers early; the store repeats it in the write's own transaction, where a
      // concurrent upload cannot slip between check and write (issue 7, defect 4).
      const newer = await store.putStateSource(source, state.resources);
      if (newer) throw stale(newer);
      return c.json(
        {
          name,
          cluster_id: clusterId,
          serial: source.serial,
          lineage: source.lineage,
          resource_count: source.resourceCount,
          k8s_resource_count: source.k8sResourceCount,
        },
        200,
      );
    })
    .openapi(listStateSources, async (c) => {
      const sources = await c.get('store').listStateSources(c.req.param('org_id')!);
      return c.json({ state_sources: sources.map(toStateSource) }, 200);
    })
    .openapi(deleteStateSource, async (c) => {
      const deleted = await c.get('store').deleteStateSource(c.req.param('org_id')!, c.req.param('name'));
      if (!deleted)
        throw new ProblemError(404, 'not_found', `State source ${c.req.param('name')} was not found.`);
      return c.body(null, 204);
    });
}
