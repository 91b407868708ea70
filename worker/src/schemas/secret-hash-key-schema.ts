import { z } from 'zod';

/** Response of `GET /api/v2/operator/secret-hash-key` (CONTRACT "Hashed in the cluster"). */
export const secretHashKeySchema = z
  .object({
    algorithm: z.literal('hmac-sha256'),
    key_id: z.string().meta({ description: 'Names the key in every hash: `hmac-sha256:<key_id>:<hex>`.' }),
    key: z.string().meta({ description: 'The 32 key bytes, base64url without padding.' }),
  })
  .meta({ id: 'SecretHashKey' });
