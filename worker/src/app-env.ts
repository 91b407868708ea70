import type { Principal } from './auth/principal.ts';
import type { Session } from './dashboard/session.ts';
import type { WorkerEnv } from './env.ts';
import type { Store } from './store/store.ts';

/** Hono's environment of every route: the bindings, and what the middlewares put on the context. */
export interface AppEnv {
  Bindings: WorkerEnv;
  Variables: {
    store: Store;
    principal: Principal;
    /** The client's address as `AppDeps.clientIp` sees it (`unknown` when it has none). */
    clientIp: string;
    /** SHA-256 of the request body (operator report route). */
    bodyHash: string;
    /** The dashboard's signed-in session (dashboard pages). */
    session: Session;
  };
}
