/** An OpenAPI security requirement: any one of the listed schemes is enough. */
type Requirement = Record<string, string[]>[];

const requirement = (...schemes: string[]): Requirement => schemes.map((scheme) => ({ [scheme]: [] }));

/**
 * The credentials of the API (CONTRACT "Authentication") as OpenAPI security schemes, and the requirement
 * lists the routes declare: an org's API key as `X-API-Key` or as a bearer token, and the admin token.
 *
 * @example
 * createRoute({ method: 'get', path: '/', security: security.apiKey, … })
 */
export const security = {
  schemes: {
    apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key: `dw2_…`.' },
    apiKeyBearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key as `Authorization: Bearer dw2_…`.',
    },
    adminToken: {
      type: 'http',
      scheme: 'bearer',
      description: '`Authorization: Bearer <ADMIN_TOKEN>` (admin bootstrap and every org’s key routes).',
    },
  } as const,
  /** Open routes (`/healthz`, the document itself). */
  none: requirement(),
  /** An API key of the org, either header. */
  apiKey: requirement('apiKeyHeader', 'apiKeyBearer'),
  /** Only the admin token. */
  admin: requirement('adminToken'),
  /** The admin token or an API key of the org. */
  adminOrApiKey: requirement('adminToken', 'apiKeyHeader', 'apiKeyBearer'),
};
