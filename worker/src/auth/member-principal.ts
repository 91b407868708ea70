import { ProblemError } from '../http/problem-error.ts';
import type { Store } from '../store/store.ts';
import type { OidcConfig } from './oidc-config.ts';
import type { Principal } from './principal.ts';
import { verifyOidcToken } from './verify-oidc-token.ts';

/**
 * The principal of an OIDC bearer token on the JSON API: the verified email with its role in each org it is
 * a member of. A token that does not verify is a 401, as an unknown API key is.
 *
 * @example
 * await memberPrincipal(store, jwt, config, { fetch, now }) // { kind: 'member', email, roles: { [orgId]: 'viewer' } }
 */
export async function memberPrincipal(
  store: Store,
  token: string,
  config: OidcConfig,
  options: { fetch: typeof fetch; now: () => Date },
): Promise<Principal> {
  const verified = await verifyOidcToken(token, config, options);
  if (!verified.ok) throw new ProblemError(401, 'unauthorized', verified.reason);
  const memberships = await store.membershipsOf(verified.email);
  return {
    kind: 'member',
    email: verified.email,
    roles: Object.fromEntries(memberships.map((m) => [m.orgId, m.role])),
  };
}
