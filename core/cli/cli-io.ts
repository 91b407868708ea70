import { readFile } from 'node:fs/promises';

/**
 * Everything a command touches outside itself: output, files, standard input, the environment and the
 * network. `main` takes it as an option so tests pass their own (fixed files, a captured stdout).
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readText: (path: string) => Promise<string>;
  /** All of standard input, for a `-` file argument (`terraform state pull | driftwise state push … -`). */
  readStdin: () => Promise<string>;
  /** Reads a variable of the environment: `DRIFTWISE_API_URL`, `DRIFTWISE_API_KEY`. */
  env: (name: string) => string | undefined;
  fetch: typeof fetch;
  /** The clock "changed … ago" is measured against (`--now` overrides it). */
  now: () => Date;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The real process: its streams, the file system, `process.env` and the global `fetch`. */
export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readText: (path) => readFile(path, 'utf8'),
  readStdin,
  env: (name) => process.env[name],
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
};
