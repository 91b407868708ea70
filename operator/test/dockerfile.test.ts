import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// No container engine runs here, so the image is never built in the tests: this reads the recipe and holds
// it to what the rest of the repository says (CI's commands, the engines floor, a non-root runtime).
const operatorDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(operatorDir, '..');
const dockerfile = readFileSync(join(operatorDir, 'Dockerfile'), 'utf8');

interface Stage {
  from: string;
  instructions: { op: string; args: string }[];
}

function stages(text: string): Stage[] {
  // Continuation lines joined, comments dropped: one instruction per entry.
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op!.toUpperCase() === 'FROM') out.push({ from: args, instructions: [] });
    else out.at(-1)!.instructions.push({ op: op!.toUpperCase(), args });
  }
  return out;
}

const [build, runtime, ...more] = stages(dockerfile);
const runs = (stage: Stage) => stage.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);

describe('operator/Dockerfile', () => {
  it('has a build stage and a runtime stage', () => {
    expect(more).toEqual([]);
    expect(build!.from).toMatch(/ AS build$/);
    expect(runtime!.from).not.toContain(' AS ');
  });

  it('runs the commands CI runs in its build stage, then the bundle', () => {
    const ci = readFileSync(join(repo, '.ci/run'), 'utf8');
    const commands = runs(build!).flatMap((run) => run.split('&&').map((part) => part.trim()));
    for (const command of ['npm ci --no-audit --no-fund', 'npm test']) {
      expect(ci.split('\n')).toContain(command);
      expect(commands).toContain(command);
    }
    expect(commands.indexOf('npm test')).toBeGreaterThan(commands.indexOf('npm ci --no-audit --no-fund'));
    expect(commands.at(-1)).toBe('npm run build -w operator');
  });

  it('runs one bundled file as a non-root user, with no npm step in the runtime stage', () => {
    const user = runtime!.instructions.filter((i) => i.op === 'USER').at(-1)?.args ?? '';
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(runs(runtime!)).toEqual([]);
    expect(runtime!.instructions.filter((i) => i.op === 'COPY').map((i) => i.args)).toEqual([
      '--from=build /src/operator/dist/main.mjs /app/main.mjs',
    ]);
    expect(runtime!.instructions.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["node", "/app/main.mjs"]');
  });

  it('builds on the Node of .nvmrc and runs on a Node within the operator’s engines', () => {
    const nvmrc = readFileSync(join(repo, '.nvmrc'), 'utf8').trim();
    const floor = Number(
      /(\d+)/.exec(
        (JSON.parse(readFileSync(join(operatorDir, 'package.json'), 'utf8')) as { engines: { node: string } })
          .engines.node,
      )![1],
    );
    const major = (from: string) => Number(/^node:(\d+)-/.exec(from)?.[1]);
    expect(major(build!.from)).toBe(Number(nvmrc));
    expect(major(runtime!.from)).toBeGreaterThanOrEqual(floor);
    expect(major(runtime!.from)).toBe(major(build!.from));
  });
});
