import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, '..', 'src');

/**
 * The `deno` binary the tests run: `DENO` when set, else the root devDependency's (`npm ci` installs the
 * native binary from the npm registry: no download of its own, no network at run time).
 */
export function denoCommand(): string {
  if (process.env.DENO) return process.env.DENO;
  const installed = join(here, '..', '..', 'node_modules', '.bin', 'deno');
  if (!existsSync(installed)) {
    throw new Error(`no Deno binary at ${installed}: run npm ci (deno is a root devDependency) or set DENO`);
  }
  return installed;
}

/**
 * `deno run` of the Deno entry as `npm run start:deno -w worker` does it. `--cached-only` and `--no-remote`
 * make Deno refuse to fetch anything (modules come from the project's node_modules, found from worker/'s
 * package.json), so a missing module fails at once instead of reaching for a registry.
 */
export const DENO_ENTRY_ARGS: readonly string[] = [
  'run',
  '--cached-only',
  '--no-remote',
  '--allow-net',
  '--allow-env',
  '--allow-read',
  '--allow-write',
  '--allow-ffi',
  '--allow-sys',
  join(src, 'deno.ts'),
];
