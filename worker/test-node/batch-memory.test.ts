import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'batch-50k.bench.ts');

// Issue 9, item 3, at the size: the 50,000-object whole-cluster batch (100 namespaces of 500) in 10
// gzip parts of ~10 MB of JSON each, in a process whose old space is capped at 128 MiB, the Workers budget.
// Checked both ways: before the completing part let go of its own body and wrote its drift chunks ahead
// of the scan's transaction, this run died of heap exhaustion in the completing part.
describe('a batched whole-cluster report', () => {
  it('completes when the heap is capped at 128 MiB', () => {
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=128', '--experimental-strip-types', bench],
      { env: { ...process.env, BENCH_BATCH_PARTS: '10' }, encoding: 'utf8', timeout: 240_000 },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(/BENCH worker\.report\.50k\.batch\.total_ms \d+ ms/);
  }, 300_000);
});
