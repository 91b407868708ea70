import { z } from 'zod';

/** A cloud account: for Kubernetes, one per org and cluster (`k8s:<cluster_id>`). */
export const cloudAccountSchema = z
  .object({ id: z.uuid(), provider: z.string(), external_id: z.string(), created_at: z.iso.datetime() })
  .meta({ id: 'CloudAccount' });

/** Response of `GET …/cloud-accounts`. */
export const cloudAccountListSchema = z
  .object({ cloud_accounts: z.array(cloudAccountSchema) })
  .meta({ id: 'CloudAccountList' });
