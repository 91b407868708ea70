import { describe, expect, it } from 'vitest';
import type { DiagnosticData } from './build-file-view.ts';
import { findDiagnosticData } from './find-diagnostic-data.ts';

function data(line: number, message: string, code: DiagnosticData['code'] = 'changed'): DiagnosticData {
  return {
    span: { startLine: line, startCol: 0, endLine: line, endCol: 5 },
    level: 'warning',
    code,
    message,
    target: { drift: {} as DiagnosticData['target']['drift'], change: null },
  };
}

describe('findDiagnosticData', () => {
  it('picks the entry with the same message on the nearest line', () => {
    const entries = [data(3, 'a'), data(40, 'a'), data(12, 'b')];
    expect(findDiagnosticData(entries, { code: 'changed', message: 'a', line: 38 })).toBe(entries[1]);
  });

  it('finds nothing when the code differs', () => {
    expect(
      findDiagnosticData([data(3, 'a', 'added')], { code: 'changed', message: 'a', line: 3 }),
    ).toBeUndefined();
  });
});
