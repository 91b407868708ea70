import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared worked examples (examples/ at the repository root). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Reads and parses one file of a shared example case. */
export function readExample(name: string, file: string): unknown {
  return JSON.parse(readFileSync(`${EXAMPLES_DIR}${name}/${file}`, 'utf8'));
}
