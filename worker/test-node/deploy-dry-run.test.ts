import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

// docs/deploy.md's check before a real deploy: the bundle builds and the bindings resolve, with no network
// and no Cloudflare account (no token in the environment).
describe('wrangler deploy --dry-run', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'driftwise-deploy-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles the worker with its D1 and Durable Object bindings when offline and without an account', async () => {
    const { CLOUDFLARE_API_TOKEN: _token, CLOUDFLARE_ACCOUNT_ID: _account, ...env } = process.env;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', join(root, 'wrangler.toml')],
      { cwd: root, env: { ...env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' } },
    );
    expect(existsSync(join(outdir, 'index.js'))).toBe(true);
    expect(stdout).toMatch(/env\.RATE_LIMITER \(RateLimiter\)\s+Durable Object/);
    expect(stdout).toMatch(/env\.DB \(driftwise\)\s+D1 Database/);
    expect(stdout).toContain('--dry-run: exiting now.');
  }, 60_000);
});
