/** An OpenAPI security requirement: any one of the listed schemes is enough. */
type Requirement = Record<string, string[]>[];

const requirement = (...schemes: string[]): Requirement => schemes.map((scheme) => ({ [scheme]: [] }));

/**
 * The credentials of the API (CONTRACT "Authentication") as OpenAPI security schemes, and the requirement
 * lists the routes declare: an org's API key as `X-API-Key` or as a bearer token, a member's OIDC JWT, and
 * the admin token.
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
    oidcBearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A JWT of the configured OIDC issuer (`aud` = `OIDC_CLIENT_ID`) with the member’s role: `viewer` reads, ' +
        '`admin` and `owner` also write and manage keys. A 401 when no issuer is configured.',
    },
    adminToken: {
      type: 'http',
      scheme: 'bearer',
      description: '`Authorization: Bearer <ADMIN_TOKEN>` (admin bootstrap and every org’s key routes).',
    },
  } as const,
  /** Open routes (`/healthz`, the document itself). */
  none: requirement(),
  /** An API key of the org, either header, or a member's OIDC token (org routes). */
  apiKey: requirement('apiKeyHeader', 'apiKeyBearer', 'oidcBearer'),
  /** An API key only: OIDC tokens are a 403 `oidc_not_allowed` on the machine-to-machine operator routes. */
  operator: requirement('apiKeyHeader', 'apiKeyBearer'),
  /** Only the admin token. */
  admin: requirement('adminToken'),
  /** The admin token, an API key of the org, or a member's OIDC token. */
  adminOrApiKey: requirement('adminToken', 'apiKeyHeader', 'apiKeyBearer', 'oidcBearer'),
};
