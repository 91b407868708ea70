import type { MemberRole } from '../store/store.ts';
import { type Principal, scopesAllow } from './principal.ts';

/** What a principal may do in one org; `undefined` from {@link orgAccess} means "not this org's" (a 404). */
export interface OrgAccess {
  /** Mutating methods (reports, state, ignore rules): a write key, an admin or owner. */
  write: boolean;
  /** Creating and revoking keys, managing members: the admin token, an org key (within its scopes), owner/admin. */
  manage: boolean;
  /** The member's role, or `owner` for the admin token (CONTRACT: "as the owner of every org"). */
  role: MemberRole | undefined;
}

/**
 * The one rule of who may do what in an org, used by the JSON API and the dashboard alike. The caller
 * checks the org exists for the admin token; everyone else reaches only their own org.
 *
 * @example
 * orgAccess({ kind: 'member', email, roles: { [orgId]: 'viewer' } }, orgId) // { write: false, manage: false, role: 'viewer' }
 */
export function orgAccess(principal: Principal, orgId: string): OrgAccess | undefined {
  switch (principal.kind) {
    case 'admin':
      return { write: true, manage: true, role: 'owner' };
    case 'api_key': {
      if (principal.orgId !== orgId) return undefined;
      const write = scopesAllow(principal.scopes, 'POST');
      return { write, manage: write, role: undefined };
    }
    case 'member': {
      const role = principal.roles[orgId];
      if (role === undefined) return undefined;
      const elevated = role === 'owner' || role === 'admin';
      return { write: elevated, manage: elevated, role };
    }
  }
}
