import type { DiagnosticData } from './build-file-view.ts';

/**
 * The view's data behind a diagnostic the editor hands back to a code-action provider: the editor's
 * copies carry no reference to ours, so they are matched by code and message, the nearest line first
 * (the same message can stand on two lines when a module is called twice).
 * @example findDiagnosticData(view.diagnostics, { code: 'changed', message, line: 11 })?.target.change
 */
export function findDiagnosticData(
  diagnostics: readonly DiagnosticData[],
  { code, message, line }: { code: unknown; message: string; line: number },
): DiagnosticData | undefined {
  let best: DiagnosticData | undefined;
  for (const data of diagnostics) {
    if (data.code !== code || data.message !== message) continue;
    if (!best || Math.abs(data.span.startLine - line) < Math.abs(best.span.startLine - line)) best = data;
  }
  return best;
}
