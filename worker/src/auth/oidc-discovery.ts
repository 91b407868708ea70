import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';

/** What the dashboard uses of an issuer's OpenID Provider metadata (OpenID Connect Discovery 1.0 §3). */
export interface OidcProvider {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The issuer's signing keys, fetched and cached (and refetched on an unknown `kid`) by jose. */
  keys: JWTVerifyGetKey;
}

const providers = new Map<string, Promise<OidcProvider>>();

async function discover(issuer: string, fetcher: typeof fetch): Promise<OidcProvider> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetcher(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`OIDC discovery at ${url} answered ${response.status}`);
  const metadata = (await response.json()) as Record<string, unknown>;
  // Discovery §4.3: the metadata's issuer must be the one we asked, or tokens could be from anyone.
  if (metadata.issuer !== issuer)
    throw new Error(`OIDC discovery at ${url} names issuer ${String(metadata.issuer)}`);
  const field = (name: string) => {
    const value = metadata[name];
    if (typeof value !== 'string') throw new Error(`OIDC discovery at ${url} has no ${name}`);
    return value;
  };
  return {
    issuer,
    authorizationEndpoint: field('authorization_endpoint'),
    tokenEndpoint: field('token_endpoint'),
    keys: createRemoteJWKSet(new URL(field('jwks_uri')), { [customFetch]: fetcher }),
  };
}

/**
 * The issuer's endpoints and keys, discovered once per isolate and issuer. A failed discovery is not kept,
 * so the next request tries again.
 *
 * @example
 * const { tokenEndpoint, keys } = await oidcProvider('https://id.example.com', fetch);
 */
export function oidcProvider(issuer: string, fetcher: typeof fetch): Promise<OidcProvider> {
  let provider = providers.get(issuer);
  if (!provider) {
    provider = discover(issuer, fetcher);
    provider.catch(() => providers.delete(issuer));
    providers.set(issuer, provider);
  }
  return provider;
}
