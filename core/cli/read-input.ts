import type { CliIo } from './cli-io.ts';

/** Reads a file argument; `-` is standard input, as for `kubectl … -o json | driftwise report … -`. */
export function readInput(io: CliIo, path: string): Promise<string> {
  return path === '-' ? io.readStdin() : io.readText(path);
}
