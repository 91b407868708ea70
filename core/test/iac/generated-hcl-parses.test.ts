import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import type { JsonObject } from '../../src/index.ts';
import { parseHcl } from '../support/hcl-tree.ts';
import { REPORT_FIXTURES, readFixture } from './iac-fixtures.ts';

/** `type.name` of every resource and every import's `to`, from the `.tf.json` of the same input. */
function jsonAddresses(content: string): { resources: string[]; imports: string[] } {
  const file = JSON.parse(content) as JsonObject;
  const resources = Object.entries((file.resource ?? {}) as JsonObject).flatMap(([type, byName]) =>
    Object.keys(byName as JsonObject).map((name) => `${type}.${name}`),
  );
  const imports = ((file.import ?? []) as JsonObject[]).map((block) => String(block.to));
  return { resources: resources.sort(), imports: imports.sort() };
}

describe('generateIac HCL', () => {
  it.each(
    REPORT_FIXTURES.flatMap(
      (path) =>
        [
          [path, 'terraform'],
          [path, 'opentofu'],
        ] as const,
    ),
  )('parses with tree-sitter-hcl and declares every resource of %s (%s)', async (path, format) => {
    const { live } = readFixture(path);
    const hcl = generateIac({ live, scope: 'all', format });
    const json = generateIac({ live, scope: 'all', format: 'terraform-json' });
    const parsed = await parseHcl(hcl.content);

    expect(parsed.errors).toEqual([]);
    const resources = parsed.blocks
      .filter((block) => block.type === 'resource')
      .map((block) => block.labels.join('.'));
    const imports = parsed.blocks
      .filter((block) => block.type === 'import')
      .map((block) => block.attributes.to);
    expect(resources.length).toBe(hcl.resource_count);
    expect({ resources: resources.sort(), imports: imports.sort() }).toEqual(jsonAddresses(json.content));
  });
});
