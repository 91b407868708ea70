// `npm run bench` (core part). Prints `BENCH <name> <value> <unit>` lines: the matcher on 5,000 and 50,000
// live vs IaC objects (1% hand-edited), beside the JSON.parse time of the same input (the floor: any tool
// must at least read it) and a plain deep diff (microdiff) over the same pairs (what a user might script).
import diff from 'microdiff';
import {
  type IacResource,
  type LiveResource,
  matchDrift,
  operatorReportRequestSchema,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';
import { bench, gc, time } from './bench-timer.ts';
import { generateCluster } from './generate-cluster.ts';

const hasher = secretHasher('bench', 'k1test');

function peerDiff(live: LiveResource[], iac: IacResource[]): number {
  const byId = new Map(live.map((resource) => [resource.id, resource]));
  let differences = 0;
  for (const declared of iac) {
    const object = byId.get(declared.id)?.object;
    if (object) differences += diff(declared.declared, object).length;
  }
  return differences;
}

function run(count: number, label: string, runs: number): void {
  const { stateText, reportText, drifted } = generateCluster(count);
  bench(`core.input.${label}`, (stateText.length + reportText.length) / 1e6, 'MB');

  const parse = time(runs, () => [JSON.parse(stateText), JSON.parse(reportText)] as const);
  const [stateJson, reportJson] = parse.result;
  bench(`core.json_parse.${label}`, parse.ms, 'ms');

  const read = time(runs, () => readTerraformState(stateJson, { secretHasher: hasher }).resources);
  const normalize = time(runs, () =>
    toLiveResources(operatorReportRequestSchema.parse(reportJson), { secretHasher: hasher }),
  );
  const iac = read.result;
  const live = normalize.result;
  bench(`core.read_state.${label}`, read.ms, 'ms');
  bench(`core.validate_report.${label}`, normalize.ms, 'ms');

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const match = time(runs, () => matchDrift({ live, iac, namespace: '*' }));
  const heapAfter = process.memoryUsage().heapUsed;
  const found = match.result.summary.changed;
  if (found !== drifted)
    throw new Error(`bench: expected ${drifted} changed objects, the matcher found ${found}`);
  bench(`core.match.${label}`, match.ms, 'ms');
  bench(`core.match.${label}.objects_per_s`, Math.round(count / (match.ms / 1000)), 'objects/s');
  bench(`core.match.${label}.heap_growth`, Math.max(0, heapAfter - heapBefore) / 2 ** 20, 'MiB');
  bench(`core.match.${label}.vs_json_parse`, match.ms / parse.ms, 'x');
  bench(`core.pipeline.${label}`, read.ms + normalize.ms + match.ms, 'ms');

  const peer = time(runs, () => peerDiff(live, iac));
  bench(`core.peer_microdiff.${label}`, peer.ms, 'ms');
  bench(`core.peer_microdiff.${label}.differences`, peer.result, 'differences');
}

run(5_000, '5k', 5);
run(50_000, '50k', 3);
bench('core.process.max_rss', process.resourceUsage().maxRSS / 1024, 'MiB');
