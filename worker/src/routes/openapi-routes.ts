import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { openApiApp } from '../openapi/openapi-app.ts';
import type { OpenApiDocument } from '../openapi/openapi-document.ts';
import { security } from '../openapi/security.ts';

const getOpenApiDocument = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getOpenApiDocument',
  tags: ['meta'],
  summary: 'This document',
  description: 'Generated from the route definitions themselves.',
  security: security.none,
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document.',
      content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } },
    },
  },
});

/**
 * `GET /api/v2/openapi.json`: open, like `/healthz`. `document` is called at request time, once the whole
 * app (this route included) is declared.
 */
export function openApiRoutes(document: () => OpenApiDocument) {
  return openApiApp().openapi(getOpenApiDocument, (c) => c.json(document(), 200));
}
