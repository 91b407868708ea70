// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL's own `${…}` interpolations are under test.
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import { HclSyntaxError, hclOutline } from '../../src/iac/hcl-outline.ts';
import { parseHcl } from '../support/hcl-tree.ts';
import { REPORT_FIXTURES, readFixture } from './iac-fixtures.ts';

const WELL_FORMED: ReadonlyArray<readonly [string, string]> = [
  ['a heredoc holding braces', 'locals {\n  x = <<-EOT\n    { not a block\n    EOT\n}\n'],
  [
    'an interpolation with a nested string and braces',
    'locals {\n  x = "a ${join("}", [for k, v in { a = 1 } : k])} b"\n}\n',
  ],
  ['comments of every kind holding braces', '# {\n// }\n/* { [ */\nlocals {\n  x = 1 # }\n}\n'],
  ['escaped template openers', 'locals {\n  x = "$${not} %%{this}"\n}\n'],
  [
    'a multi-line list and object',
    'locals {\n  x = [\n    { a = "b" },\n  ]\n  y = {\n    "k.v" = 2\n  }\n}\n',
  ],
  ['an empty block and a one-line block', 'terraform {}\nlocals { x = 1 }\n'],
];

const MALFORMED: ReadonlyArray<readonly [string, string]> = [
  ['an unclosed block', 'resource "a" "b" {\n  x = 1\n'],
  ['a stray closing brace', 'locals {\n  x = 1\n}\n}\n'],
  ['an unterminated string', 'locals {\n  x = "abc\n}\n'],
  ['an unbalanced bracket in a value', 'locals {\n  x = [1, 2\n}\n'],
  ['an attribute without a value', 'locals {\n  x =\n}\n'],
  ['a block without a body', 'resource "a" "b"\n'],
  ['an unclosed heredoc', 'locals {\n  x = <<EOT\n  text\n}\n'],
  ['an unterminated interpolation', 'locals {\n  x = "${var.a"\n}\n'],
];

describe('hclOutline', () => {
  it.each(REPORT_FIXTURES)(
    'lists the resources and imports tree-sitter finds in the code generated for %s',
    async (path) => {
      const { content } = generateIac({ live: readFixture(path).live, scope: 'all' });
      const parsed = await parseHcl(content);
      const outline = hclOutline(content);

      expect(outline.resources).toEqual(
        parsed.blocks.filter((b) => b.type === 'resource').map((b) => b.labels.join('.')),
      );
      expect(outline.imports).toEqual(
        parsed.blocks
          .filter((b) => b.type === 'import')
          .map((b) => ({ to: b.attributes.to, id: JSON.parse(b.attributes.id as string) })),
      );
    },
  );

  it.each(WELL_FORMED)('accepts %s as hashicorp/hcl and tree-sitter do', async (_, text) => {
    await expect(parse('x.tf', text)).resolves.toBeDefined();
    expect((await parseHcl(text)).errors).toEqual([]);
    expect(hclOutline(text)).toEqual({ resources: [], imports: [] });
  });

  it('accepts the literal escapes tree-sitter misreads, as hashicorp/hcl does', async () => {
    const text = 'locals {\n  x = "$$${"\n  y = "%%{"\n}\n';

    await expect(parse('x.tf', text)).resolves.toBeDefined();
    expect(hclOutline(text)).toEqual({ resources: [], imports: [] });
  });

  it.each(MALFORMED)('refuses %s as hashicorp/hcl and tree-sitter do', async (_, text) => {
    await expect(parse('x.tf', text)).rejects.toThrow();
    expect((await parseHcl(text)).errors.length).toBeGreaterThan(0);
    expect(() => hclOutline(text)).toThrow(HclSyntaxError);
  });

  it('reads an import id that is not a literal as its source text', () => {
    const outline = hclOutline('import {\n  to = kubernetes_namespace_v1.a\n  id = "${local.ns}/a"\n}\n');

    expect(outline.imports).toEqual([{ to: 'kubernetes_namespace_v1.a', id: '"${local.ns}/a"' }]);
  });
});
