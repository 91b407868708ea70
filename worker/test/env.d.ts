import type { D1Migration } from 'cloudflare:test';
import type { WorkerEnv } from '../src/env.ts';

// The test bindings (vitest.config.ts) on top of the worker's own, and the main module for `exports`.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      // Always bound inside workerd (wrangler.toml); optional in WorkerEnv only for Node and Deno.
      DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../src/index.ts');
      durableNamespaces: 'RateLimiter';
    }
  }
}
