// `npm run corpus -w core -- <dir> [--json]`: the reader and matcher on a directory of real data
// (docs/core.md, "Evidence from real data"). Exit status: 0 nothing lost and no false drift, 1 otherwise,
// 2 usage error.
import { parseArgs } from 'node:util';
import { evaluateCorpus } from './evaluate-corpus.ts';
import { formatCorpusReport } from './format-corpus-report.ts';

const { values, positionals } = parseArgs({
  options: { json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  process.stderr.write('Usage: npm run corpus -w core -- <dir> [--json]\n');
  process.exit(2);
}
const result = await evaluateCorpus(positionals[0]!);
process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatCorpusReport(result));
const t = result.totals;
process.exitCode =
  t.lost > 0 || t.misread > 0 || t.errors > 0 || t.false_drift > 0 || t.missed > 0 || t.kubectl_differs > 0
    ? 1
    : 0;
