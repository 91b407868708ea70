import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type LiveResource,
  type OperatorReportRequest,
  operatorReportRequestSchema,
  secretHasher,
  toLiveResources,
} from '../../src/index.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every report fixture: the worked examples, the drift cases and the benchmark template. */
export const REPORT_FIXTURES: readonly string[] = [
  ...readdirSync(`${ROOT}examples`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `examples/${entry.name}/report.json`),
  ...readdirSync(`${ROOT}core/test/fixtures/cases`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `core/test/fixtures/cases/${entry.name}/report.json`),
  'core/bench/templates/in-sync.report.json',
];

export const HASH_KEY = 'round-trip key';

/** A fixture report, parsed, and its live resources (Secret values hashed under {@link HASH_KEY}). */
export function readFixture(path: string): { report: OperatorReportRequest; live: LiveResource[] } {
  const report = operatorReportRequestSchema.parse(JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8')));
  return { report, live: toLiveResources(report, { secretHasher: secretHasher(HASH_KEY, 'k1test') }) };
}
