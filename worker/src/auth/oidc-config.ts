import type { WorkerEnv } from '../env.ts';

/** The configured OIDC issuer and the dashboard's client at it (CONTRACT "Dashboard and sign-in"). */
export interface OidcConfig {
  /** The issuer URL exactly as its ID tokens carry it in `iss`. */
  issuer: string;
  /** The client id: the `aud` an accepted token must carry. */
  clientId: string;
  /** Sent to the token endpoint with HTTP Basic when set (a confidential client); else PKCE alone. */
  clientSecret: string | undefined;
}

/**
 * The OIDC configuration of the environment, or undefined when `OIDC_ISSUER` is unset (the local default:
 * admin-token sign-in, and a JWT on the JSON API is a 401 as before). An issuer without a client id is not a
 * working setup, so it counts as none.
 *
 * @example
 * oidcConfigOf(c.env) // { issuer: 'https://id.example.com', clientId: 'driftwise', clientSecret: '…' }
 */
export function oidcConfigOf(env: WorkerEnv): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return undefined;
  return { issuer, clientId, clientSecret: env.OIDC_CLIENT_SECRET || undefined };
}
