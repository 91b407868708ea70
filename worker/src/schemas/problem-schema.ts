import { z } from 'zod';

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    line: z.int().optional(),
  })
  .meta({ id: 'Problem' });
