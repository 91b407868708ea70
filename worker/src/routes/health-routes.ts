import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { openApiApp } from '../openapi/openapi-app.ts';
import { security } from '../openapi/security.ts';

const health = createRoute({
  method: 'get',
  path: '/',
  operationId: 'health',
  tags: ['meta'],
  summary: 'Liveness',
  security: security.none,
  responses: {
    200: {
      description: 'The worker is up.',
      content: {
        'application/json': { schema: z.object({ status: z.literal('ok') }).meta({ id: 'Health' }) },
      },
    },
  },
});

/** `GET /healthz`: open, for load balancers and scripts waiting for start-up. */
export const healthRoutes = openApiApp().openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
