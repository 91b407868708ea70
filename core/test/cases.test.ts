import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DriftResult,
  matchDrift,
  operatorReportRequestSchema,
  parseIgnoreRules,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';

// Each folder under fixtures/cases/ is one realistic scenario: a Terraform state with the provider's
// real typed shapes, an operator report with objects exactly as the API server returns them, an
// optional .driftignore, and the drift that the CONTRACT's rules call for, written by reasoning.
const CASES_DIR = new URL('./fixtures/cases/', import.meta.url);

function read(name: string, file: string): string {
  return readFileSync(new URL(`${name}/${file}`, CASES_DIR), 'utf8');
}

function runCase(name: string): DriftResult {
  const hasher = secretHasher('driftwise-cases', 'k1test');
  const state = readTerraformState(read(name, 'state.tfstate'), {
    secretHasher: hasher,
    stateSource: 'main',
  });
  const report = operatorReportRequestSchema.parse(JSON.parse(read(name, 'report.json')));
  const ignorePath = new URL(`${name}/.driftignore`, CASES_DIR);
  return matchDrift({
    live: toLiveResources(report, { secretHasher: hasher }),
    iac: state.resources,
    namespace: report.namespace,
    ignoreRules: parseIgnoreRules(existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : ''),
  });
}

const cases = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('drift cases (fixtures/cases)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(`${name}: matchDrift gives expected.json`, () => {
      expect(runCase(name)).toEqual(JSON.parse(read(name, 'expected.json')));
    });
  }

  it('secrets: no Secret value, plain or base64, appears anywhere in the result', () => {
    const text = JSON.stringify(runCase('secrets'));
    const state = JSON.parse(read('secrets', 'state.tfstate')) as {
      resources: { instances: { attributes: { data?: Record<string, string> } }[] }[];
    };
    const report = JSON.parse(read('secrets', 'report.json')) as {
      resources: { properties: { data?: Record<string, string> } }[];
    };
    const values = [
      ...state.resources.flatMap((resource) =>
        resource.instances.flatMap((instance) => Object.values(instance.attributes.data ?? {})),
      ),
      ...report.resources.flatMap((resource) => Object.values(resource.properties.data ?? {})),
    ];
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value, 'base64').toString('utf8'));
      expect(text).not.toContain(Buffer.from(value, 'utf8').toString('base64'));
    }
    expect(text).not.toContain('hmac-sha256:');
    expect(text).toContain('(redacted)');
  });
});
