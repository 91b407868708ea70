import { z } from 'zod';

/** Response 202 of `POST /api/v2/operator/report` for a part that leaves its batch incomplete (CONTRACT "Large reports"). */
export const reportBatchAcceptedSchema = z
  .object({
    batch_id: z.uuid(),
    received: z.int().nonnegative().meta({ description: 'Parts of the batch received so far.' }),
    total: z.int().positive(),
  })
  .meta({ id: 'ReportBatchAccepted' });
