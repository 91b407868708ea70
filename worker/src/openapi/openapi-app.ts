import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../http/validation-hook.ts';

/**
 * A sub-app whose routes are declared once, with `createRoute()`: the same definition registers the route,
 * validates its input (failures go through {@link validationHook}: the CONTRACT's problem+json, never zod's
 * raw error) and becomes its operation in `GET /api/v2/openapi.json`.
 *
 * @example
 * openApiApp().openapi(createRoute({ method: 'get', path: '/', responses: { 200: { description: 'ok' } } }),
 *   (c) => c.body(null, 200));
 */
export function openApiApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
