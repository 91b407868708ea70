import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openApiDocument } from '../openapi/openapi-document.ts';

/** `GET /api/v2/openapi.json`: open, like `/healthz`. */
export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => c.json(openApiDocument()));
