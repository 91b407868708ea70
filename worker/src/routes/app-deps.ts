import type { WorkerEnv } from '../env.ts';
import type { Store } from '../store/store.ts';

/** What `createApp` injects: the store factory, the clock and the id generator. */
export interface AppDeps {
  store: (env: WorkerEnv) => Store;
  now: () => Date;
  newId: () => string;
}
