import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { security } from './security.ts';

/** The OpenAPI 3.1 document as `@hono/zod-openapi` builds it. */
export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/** Tags in the order a reader meets them; `accounts` holds the operator report (CONTRACT "Other"). */
const TAGS = [
  { name: 'accounts', description: 'The operator report and the cloud accounts it creates.' },
  { name: 'admin', description: 'Bootstrap with the admin token.' },
  { name: 'api-keys', description: 'An org’s API keys.' },
  { name: 'state-sources', description: 'Terraform state uploads.' },
  { name: 'scans', description: 'Scans and their drift.' },
  { name: 'driftignore', description: 'The org’s ignore rules.' },
  { name: 'meta', description: 'Liveness and this document.' },
];

/**
 * The OpenAPI 3.1 document of `app`, generated from the `createRoute()` definitions its sub-apps registered
 * (paths, parameters, bodies, responses) and the zod schemas in them: schemas with `.meta({ id })` become
 * components. Nothing here lists routes; a route exists in the document because it was declared.
 *
 * @example
 * const doc = openApiDocument(createApp()); // doc.paths['/api/v2/operator/report'].post
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'DriftWise edge API',
      version: '2.0.0',
      description: 'Kubernetes config drift: live cluster objects vs Terraform state.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
  });
  // Security schemes are components the generator does not take in its config; they are the same for
  // every route, whose `security` lists which of them it accepts.
  return { ...document, components: { ...document.components, securitySchemes: security.schemes } };
}
