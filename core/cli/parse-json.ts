import { UsageError } from './usage-error.ts';

/** `JSON.parse` whose failure names the input (`terraform.tfstate: not valid JSON (…)`), exit 2. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what}: not valid JSON (${(error as Error).message})`);
  }
}
