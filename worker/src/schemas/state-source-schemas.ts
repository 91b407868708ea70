import { z } from 'zod';
import { orgIdSchema } from './org-schemas.ts';

/** A cluster id as the operator report allows it. */
export const clusterIdSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold letters, digits, ".", "_", ":" and "-"');

/** Path parameters of the state source routes. */
export const stateSourceParamsSchema = z.object({
  org_id: orgIdSchema,
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, ".", "_" and "-"'),
});

/**
 * Path parameters of `DELETE …/state-sources/:name`: any name, since one the upload would refuse cannot
 * exist and is a 404 like every other missing source.
 */
export const stateSourceNameParamsSchema = z.object({ org_id: orgIdSchema, name: z.string() });

/** Query of `PUT …/state-sources/:name/state`. */
export const stateUploadQuerySchema = z.object({
  // An empty `?cluster_id=` means unscoped, as an absent one does.
  cluster_id: z
    .preprocess((value) => (value === '' ? undefined : value), clusterIdSchema.optional())
    .meta({ description: 'Scope the source to this cluster; absent or empty: it applies to every cluster.' }),
});

/** A state source as the API shows it. */
export const stateSourceSchema = z
  .object({
    name: z.string(),
    cluster_id: z.string().nullable(),
    serial: z
      .int()
      .nullable()
      .meta({ description: '`null` for `terraform show -json` output, which has no serial.' }),
    lineage: z
      .string()
      .nullable()
      .meta({ description: '`null` for `terraform show -json` output, which has no lineage.' }),
    resource_count: z.int(),
    k8s_resource_count: z.int(),
    terraform_version: z.string().optional(),
    updated_at: z.iso.datetime().optional(),
  })
  .meta({ id: 'StateSource' });

/** Response of `GET …/state-sources`. */
export const stateSourceListSchema = z
  .object({ state_sources: z.array(stateSourceSchema) })
  .meta({ id: 'StateSourceList' });
