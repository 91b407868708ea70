import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';

const here = dirname(fileURLToPath(import.meta.url));

// Worker tests run inside workerd (@cloudflare/vitest-plugin) against the real D1 and Durable Object
// bindings of ../wrangler.toml, with the migrations applied in test/apply-migrations.ts.
export default defineProject(async () => {
  const migrations = await readD1Migrations(join(here, '..', 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: join(here, '..', 'wrangler.toml') },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: 'test-admin-token',
            API_KEY_PEPPER: 'test-pepper',
            // Small, so the 413 tests need no 16 MiB bodies.
            MAX_BODY_BYTES: String(256 * 1024),
          },
        },
      }),
    ],
    test: {
      name: 'worker',
      include: ['test/**/*.test.ts'],
      setupFiles: ['./test/apply-migrations.ts'],
      // The machine is shared and small (2 cores): leave room for load.
      testTimeout: 30_000,
    },
  };
});
