import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluatePair, type PairExpectation, type PairResult, parseObject } from './evaluate-pair.ts';
import { evaluateStateFile, type StateFileResult } from './evaluate-state-file.ts';

/** The evaluation of a whole corpus directory. */
export interface CorpusResult {
  states: StateFileResult[];
  pairs: PairResult[];
  totals: {
    state_files: number;
    instances: number;
    read: number;
    warned: number;
    lost: number;
    misread: number;
    errors: number;
    pairs: number;
    true_drift: number;
    false_drift: number;
    missed: number;
    /** Pairs whose `kubectl_manifest` declaration finds other changes than the `kubernetes_manifest` one. */
    kubectl_differs: number;
  };
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function pairFile(dir: string, names: readonly string[], base: string): Promise<string | null> {
  const name = names.find((candidate) => /^(.*)\.(json|ya?ml)$/.exec(candidate)?.[1] === base);
  return name === undefined ? null : readFile(join(dir, name), 'utf8');
}

/**
 * Evaluates a corpus directory: every file under `state/` (a Terraform state file) through the reader,
 * and every folder under `pairs/` (`config.{json,yaml}`, `live.{json,yaml}`, optional `expect.json`)
 * through the matcher.
 *
 * @example
 * const { totals } = await evaluateCorpus('core/test/fixtures/corpus'); // totals.lost === 0
 */
export async function evaluateCorpus(dir: string): Promise<CorpusResult> {
  const states: StateFileResult[] = [];
  for (const file of await entries(join(dir, 'state'))) {
    if (file.startsWith('.') || file.endsWith('.md')) continue;
    states.push(evaluateStateFile(file, await readFile(join(dir, 'state', file), 'utf8')));
  }
  const pairs: PairResult[] = [];
  for (const pair of await entries(join(dir, 'pairs'))) {
    const pairDir = join(dir, 'pairs', pair);
    const names = await entries(pairDir);
    const config = await pairFile(pairDir, names, 'config');
    const live = await pairFile(pairDir, names, 'live');
    if (config === null || live === null) continue;
    const expectText = await pairFile(pairDir, names, 'expect');
    const expect = expectText === null ? null : (JSON.parse(expectText) as PairExpectation);
    pairs.push(
      evaluatePair(
        pair,
        parseObject(config, `${pair}/config`),
        parseObject(live, `${pair}/live`),
        expect,
        config,
      ),
    );
  }
  const sum = <T>(list: T[], of: (item: T) => number) => list.reduce((total, item) => total + of(item), 0);
  return {
    states,
    pairs,
    totals: {
      state_files: states.length,
      instances: sum(states, (s) => s.instances),
      read: sum(states, (s) => s.read),
      warned: sum(states, (s) => s.warned),
      lost: sum(states, (s) => s.lost.length),
      misread: sum(states, (s) => s.misread.length),
      errors: sum(states, (s) => (s.error === null ? 0 : 1)),
      pairs: pairs.length,
      true_drift: sum(pairs, (p) => p.true_drift),
      false_drift: sum(pairs, (p) => p.false_drift),
      missed: sum(pairs, (p) => p.missed.length),
      kubectl_differs: sum(pairs, (p) => (p.kubectl_manifest_paths === null ? 0 : 1)),
    },
  };
}
