import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture workspace's root (shared with the e2e test). */
export const fixtureWorkspace = fileURLToPath(new URL('../fixtures/workspace', import.meta.url));

/** Every `.tf` file under a folder, as `{ path, text }`. */
export function readTfFiles(root = fixtureWorkspace): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) files.push(...readTfFiles(path));
    else if (entry.endsWith('.tf')) files.push({ path, text: readFileSync(path, 'utf8') });
  }
  return files;
}
