import { z } from 'zod';

/** Body of `POST /api/v2/admin/orgs`. */
export const createOrgRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200) })
  .meta({ id: 'CreateOrgRequest' });

/** An org. */
export const orgSchema = z
  .object({ id: z.uuid(), name: z.string(), created_at: z.iso.datetime() })
  .meta({ id: 'Org' });

/** The org of every `/api/v2/orgs/:org_id/**` route. */
export const orgIdSchema = z
  .string()
  .meta({ description: 'The org id (a UUID returned by `POST /api/v2/admin/orgs`).' });

/** Path parameters of a route under `/api/v2/orgs/:org_id`. */
export const orgParamsSchema = z.object({ org_id: orgIdSchema });
/** Response of `GET /api/v2/admin/orgs`. */
export const orgListSchema = z.object({ orgs: z.array(orgSchema) }).meta({ id: 'OrgList' });
