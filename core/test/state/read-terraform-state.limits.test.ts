// Defects 3 and 6 (issue 7): a serial past 2^53 − 1 broke the org on Node; attributes nested 100,000
// levels, typed blocks nested 20,000 and a kubernetes_manifest nested 100,000 (or 3,000) levels
// overflowed the stack or were refused by SQLite. Each is now a 400 (`invalid_state`) naming the path.
import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import { REPORT_LIMITS, STATE_LIMITS } from '../../src/schema/limits.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { metadataBlock, stateFile, stateResource, typedInstance } from './state-builder.ts';

const hasher = secretHasher('limits', 'k1test');

function issuesOf(input: unknown) {
  try {
    readTerraformState(input, { secretHasher: hasher });
  } catch (error) {
    if (error instanceof DriftwiseError) return error.issues;
    throw error;
  }
  return [];
}

/** `levels` nested objects (or block lists) as JSON text: built as text so that no test helper recurses. */
function nestedText(levels: number, open: string, close: string): string {
  return `${open.repeat(levels)}1${close.repeat(levels)}`;
}

function typedText(attributeJson: string): string {
  const instance = JSON.stringify(typedInstance({ metadata: metadataBlock('web'), data: 0 }));
  const withData = instance.replace('"data":0', `"data":${attributeJson}`);
  const resource = JSON.stringify(stateResource('kubernetes_config_map_v1', [])).replace(
    '"instances":[]',
    `"instances":[${withData}]`,
  );
  return JSON.stringify(stateFile([])).replace('"resources":[]', `"resources":[${resource}]`);
}

function manifestText(dataJson: string): string {
  const manifest = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web","namespace":"apps"},"data":${dataJson}}`;
  const resource = JSON.stringify(stateResource('kubernetes_manifest', [])).replace(
    '"instances":[]',
    `"instances":[{"schema_version":1,"attributes":{"manifest":{"value":${manifest},"type":["object"]}}}]`,
  );
  return JSON.stringify(stateFile([])).replace('"resources":[]', `"resources":[${resource}]`);
}

describe('readTerraformState limits', () => {
  it.each([
    ['2^53', 2 ** 53],
    ['-1', -1],
    ['1.5', 1.5],
  ])('refuses the serial %s naming serial', (_, serial) => {
    expect(issuesOf(stateFile([], { serial })).map((issue) => issue.path)).toEqual(['serial']);
  });

  it('accepts the serial 2^53 - 1 when it is the largest safe integer', () => {
    expect(
      readTerraformState(stateFile([], { serial: STATE_LIMITS.maxSerial }), { secretHasher: hasher }).serial,
    ).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a typed attribute nested 100,000 levels naming its path', () => {
    const issues = issuesOf(typedText(nestedText(100_000, '{"a":', '}')));
    expect(issues).toEqual([
      {
        path: expect.stringMatching(/^resources\.0\.instances\.0\.attributes\.data\.a\.a/),
        message: 'nests deeper than 64 levels',
      },
    ]);
  });

  it('refuses typed blocks nested 20,000 levels', () => {
    const issues = issuesOf(typedText(nestedText(20_000, '[{"spec":', '}]')));
    expect(issues.map((issue) => issue.message)).toEqual(['nests deeper than 64 levels']);
  });

  it.each([100_000, 3_000])('refuses a kubernetes_manifest nested %i levels', (levels) => {
    const issues = issuesOf(manifestText(nestedText(levels, '[', ']')));
    expect(issues.map((issue) => issue.message)).toEqual(['nests deeper than 64 levels']);
  });

  it('accepts an attribute nested exactly 64 levels', () => {
    const read = readTerraformState(typedText(nestedText(64, '{"a":', '}')), { secretHasher: hasher });
    expect(read.k8s_resource_count).toBe(1);
  });

  it.each([
    ['1e400 (Infinity)', '1e400'],
    ['2^53', '9007199254740992'],
    ['-2^63', '-9223372036854775808'],
  ])('refuses the attribute number %s naming its path', (_, number) => {
    expect(issuesOf(typedText(`{"k":${number}}`)).map((issue) => issue.path)).toEqual([
      'resources.0.instances.0.attributes.data.k',
    ]);
  });

  it('collects at most 101 issues when 100,000 resources are malformed', () => {
    const state = stateFile(Array.from({ length: 100_000 }, () => ({})));
    expect(issuesOf(state)).toHaveLength(REPORT_LIMITS.maxIssues + 1);
  });

  it('clips the parser message when the state is not JSON', () => {
    const [issue] = issuesOf(`{"version": 4, ${'x'.repeat(100_000)}`);
    expect(issue?.message.length).toBeLessThanOrEqual(160);
  });
});
