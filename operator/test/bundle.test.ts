import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator, findNode20 } from './harness.ts';

// What build.mjs promises about dist/main.mjs: the modules it leaves out stay out (~30 MB of RSS before
// the first object is watched), and the bundle starts on this Node and on Node 20 (skipped without one).
const node20 = findNode20();
let main: string;
let modules: string[];
beforeAll(() => {
  main = buildOperator();
  // esbuild marks each bundled module with a `// <path>` comment line.
  modules = readFileSync(main, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('// ') && line.includes('node_modules/'))
    .map((line) => line.slice(3));
}, 60_000);

describe('the operator bundle', () => {
  it('leaves out client-node’s generated API and core’s unused schemas', () => {
    expect(modules.some((path) => path.includes('@kubernetes/client-node/dist/config.js'))).toBe(true);
    expect(modules.filter((path) => path.includes('@kubernetes/client-node/dist/gen/models/'))).toEqual([]);
    expect(modules.filter((path) => path.includes('@kubernetes/client-node/dist/gen/apis/'))).toEqual([]);
    expect(modules.filter((path) => /node_modules\/(zod|yaml)\//.test(path))).toEqual([]);
  });

  const exitsOnBadConfig = (node: string) => {
    const result = spawnSync(node, [main], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'driftwise-operator: configuration: DRIFTWISE_API_URL (or --api-url) is required\n',
    );
  };

  it('exits 2 with one line naming the missing setting, on this Node', () => {
    exitsOnBadConfig(process.execPath);
  });

  it.skipIf(node20 === undefined)('exits 2 with one line naming the missing setting, on Node 20', () => {
    exitsOnBadConfig(node20!);
  });
});
