import { z } from 'zod';

/** A cluster id as the operator report allows it. */
export const clusterIdSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold letters, digits, ".", "_", ":" and "-"');

/** Path parameters of the state source routes. */
export const stateSourceParamsSchema = z.object({
  org_id: z.string(),
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, ".", "_" and "-"'),
});

/** Query of `PUT …/state-sources/:name/state`. */
export const stateUploadQuerySchema = z.object({
  // An empty `?cluster_id=` means unscoped, as an absent one does.
  cluster_id: z.preprocess((value) => (value === '' ? undefined : value), clusterIdSchema.optional()),
});

/** A state source as the API shows it. */
export const stateSourceSchema = z
  .object({
    name: z.string(),
    cluster_id: z.string().nullable(),
    serial: z.int(),
    lineage: z.string(),
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
