import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'batch-50k.bench.ts');

// Issue 9, item 2, at a smaller size: a 20,000-object whole-cluster batch (40 namespaces, 20 parts) in a
// process whose old space is capped at 80 MiB. Checked both ways: with the completing part holding every
// staged object at once (all partitions read before matching) the same run dies of heap exhaustion.
describe('a batched whole-cluster report', () => {
  it('completes when the heap is capped at 80 MiB', () => {
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=80', '--experimental-strip-types', bench],
      {
        env: { ...process.env, BENCH_BATCH_NAMESPACES: '40', BENCH_BATCH_PARTS: '20' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(/BENCH worker\.report\.50k\.batch\.20_parts\.total_ms \d+ ms/);
  }, 150_000);
});
