import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../test/support/examples.ts';

const run = promisify(execFile);
const core = new URL('..', import.meta.url).pathname;

// The packed command must run on the oldest Node it claims (20, the machine's /usr/bin/node) and on the
// project's own (this process's).
const runtimes = [
  { name: `node ${process.versions.node}`, node: process.execPath },
  ...(existsSync('/usr/bin/node')
    ? [{ name: 'the machine node (/usr/bin/node)', node: '/usr/bin/node' }]
    : []),
];

describe('packed driftwise', () => {
  let folder: string;
  let bin: string;

  beforeAll(async () => {
    const { stdout } = await run(process.execPath, [join(core, 'scripts', 'pack.mjs')]);
    const tarball = stdout.trim().split('\n').at(-1)!;
    // An empty folder and no registry: the tarball must carry everything it needs.
    folder = mkdtempSync(join(tmpdir(), 'driftwise-packed-'));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], {
      cwd: folder,
    });
    bin = join(folder, 'node_modules', '.bin', 'driftwise');
  }, 120_000);
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('ships no TypeScript sources', () => {
    expect(existsSync(join(folder, 'node_modules', '@driftwise', 'core', 'cli'))).toBe(false);
    expect(existsSync(join(folder, 'node_modules', '@driftwise', 'core', 'src'))).toBe(false);
  });

  describe.each(runtimes)('on $name', ({ node }) => {
    it('prints its version when asked with --version', async () => {
      const { stdout } = await run(node, [bin, '--version'], { cwd: folder });
      expect(stdout).toMatch(/^driftwise \d+\.\d+\.\d+\n$/);
    });

    it('prints the usage of diff when asked with --help', async () => {
      const { stdout } = await run(node, [bin, 'diff', '--help'], { cwd: folder });
      expect(stdout).toContain('Usage: driftwise diff --state');
    });

    it('exits 1 and prints the drift when a diff of an example has drift', async () => {
      const example = (file: string) => join(EXAMPLES_DIR, 'hand-edits', file);
      const result = await run(
        node,
        [
          bin,
          'diff',
          '--state',
          example('state.tfstate'),
          '--live',
          example('report.json'),
          '--now',
          '2025-04-22T11:14:03Z',
        ],
        {
          cwd: folder,
        },
      ).catch((error: { code: number; stdout: string }) => error);
      expect('code' in result ? result.code : 0).toBe(1);
      expect(result.stdout).toContain('    spec.replicas: 2 → 4  (low, kubectl scale 2 h ago)');
    });
  });
});
