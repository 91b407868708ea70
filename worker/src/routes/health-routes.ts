import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** `GET /healthz`: open, for load balancers and scripts waiting for start-up. */
export const healthRoutes = new Hono<AppEnv>().get('/', (c) => c.json({ status: 'ok' }));
