import type { CorpusResult } from './evaluate-corpus.ts';

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/**
 * The corpus result for people: one line per state file and per pair, each false drift and loss spelled
 * out, the totals last.
 *
 * @example
 * formatCorpusReport(await evaluateCorpus(dir)) // "state a.tfstate (1.5.7): 4 instances, 4 read, …"
 */
export function formatCorpusReport(result: CorpusResult): string {
  const lines: string[] = [];
  for (const s of result.states) {
    const skipped = Object.entries(s.skipped)
      .map(([type, n]) => `${type}×${n}`)
      .join(', ');
    lines.push(
      `state ${s.file} (${s.terraform_version ?? '?'}): ${s.instances} instances, ${s.read} read, ${s.warned} warned` +
        `${skipped === '' ? '' : ` [${skipped}]`}, ${s.lost.length} lost`,
    );
    if (s.error !== null) lines.push(`  ERROR ${s.error}`);
    for (const address of s.lost) lines.push(`  LOST ${address}`);
    for (const what of s.misread) lines.push(`  MISREAD ${what}`);
    for (const address of s.unexpected) lines.push(`  UNEXPECTED ${address}`);
  }
  for (const p of result.pairs) {
    lines.push(
      `pair ${p.pair}: ${p.status}, ${p.true_drift} true drift, ${p.false_drift} false drift` +
        `${p.expected ? '' : ' (no expect.json: every change counts as false)'}`,
    );
    for (const change of p.changes) {
      if (change.verdict === 'false')
        lines.push(
          `  FALSE ${change.path}${change.undeclared ? ' (undeclared)' : ''}: ${short(change.iac)} → ${short(change.live)}`,
        );
    }
    for (const path of p.missed) lines.push(`  MISSED ${path}`);
    if (p.kubectl_manifest_paths !== null)
      lines.push(`  AS kubectl_manifest: ${p.kubectl_manifest_paths.join(', ') || 'in sync'}`);
  }
  const t = result.totals;
  lines.push(
    `TOTAL state files ${t.state_files}, instances ${t.instances}: read ${t.read}, warned ${t.warned}, lost ${t.lost}, misread ${t.misread}, ` +
      `files refused ${t.errors}; pairs ${t.pairs}: true drift ${t.true_drift}, false drift ${t.false_drift}, missed ${t.missed}, kubectl_manifest differs ${t.kubectl_differs}`,
  );
  return `${lines.join('\n')}\n`;
}
