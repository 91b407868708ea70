import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w worker` writes flat SQL migrations into ../migrations, which
// `wrangler d1 migrations apply` and the worker tests read.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/schema.ts',
  out: '../migrations',
});
