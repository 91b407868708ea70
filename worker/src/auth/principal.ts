import type { MemberRole } from '../store/store.ts';

/** Scopes an API key may carry (CONTRACT "Authentication"); `[]` or `['*']` = unrestricted. */
export const SCOPES = ['read', 'write', '*'] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * Who is calling: the admin (bootstrap token, or a dashboard session signed in with it), an org's API
 * key, or a member (an OIDC-verified email) with a role in each org they belong to.
 */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'api_key'; orgId: string; keyId: string; scopes: Scope[] }
  | { kind: 'member'; email: string; roles: Record<string, MemberRole> };

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when the scopes allow the HTTP method: `read` = GET/HEAD/OPTIONS, `write` = every method,
 * empty or `*` = unrestricted.
 */
export function scopesAllow(scopes: readonly Scope[], method: string): boolean {
  if (scopes.length === 0 || scopes.includes('*') || scopes.includes('write')) return true;
  return scopes.includes('read') && READ_METHODS.has(method.toUpperCase());
}
