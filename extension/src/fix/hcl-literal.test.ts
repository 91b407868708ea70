import { describe, expect, it } from 'vitest';
import { hclLiteral } from './hcl-literal.ts';

describe('hclLiteral', () => {
  it.each([
    [4, '4'],
    [true, 'true'],
    [null, 'null'],
    ['plain', '"plain"'],
    ['a "b" \\ c', '"a \\"b\\" \\\\ c"'],
    ['line\nnext\ttab', '"line\\nnext\\ttab"'],
    ['%{ if x }', '"%%{ if x }"'],
    [['a', 1, false], '["a", 1, false]'],
    [[], '[]'],
    [{}, '{}'],
  ])('writes %j as %s', (value, expected) => {
    expect(hclLiteral(value)).toBe(expected);
  });

  it('writes an object one key per line with the = aligned and odd keys quoted', () => {
    expect(hclLiteral({ app: 'api', 'app.kubernetes.io/name': 'x' }, { indent: '  ' })).toBe(
      '{\n    app                      = "api"\n    "app.kubernetes.io/name" = "x"\n  }',
    );
  });

  it('indents nested objects and lists of objects one level deeper each', () => {
    expect(hclLiteral({ ports: [{ port: 80 }] })).toBe(
      '{\n  ports = [\n    {\n      port = 80\n    },\n  ]\n}',
    );
  });
});
