// `npm run bench` (core part): IaC generation for 5,000 live objects (Deployments, Services, ConfigMaps of
// the in-sync template, over 50 namespaces), every object generated (scope `all`), as HCL. Prints
// `BENCH core.iac.5k.generate_ms` (median of 5 runs) and `BENCH core.iac.5k.output_bytes`.
import { generateIac, operatorReportRequestSchema, secretHasher, toLiveResources } from '../src/index.ts';
import { generateCluster } from './generate-cluster.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const RUNS = 5;

const cluster = generateCluster(5_000);
const report = operatorReportRequestSchema.parse(JSON.parse(cluster.reportText));
const live = toLiveResources(report, { secretHasher: secretHasher('bench', 'k1test') });

const samples: number[] = [];
let result = generateIac({ live, scope: 'all' });
for (let i = 0; i < RUNS; i++) {
  gc();
  const start = performance.now();
  result = generateIac({ live, scope: 'all' });
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
if (result.resource_count !== live.length)
  throw new Error(`generated ${result.resource_count} of ${live.length}`);
console.log(`BENCH core.iac.5k.generate_ms ${samples[Math.floor(RUNS / 2)]!.toFixed(1)} ms`);
console.log(`BENCH core.iac.5k.output_bytes ${new TextEncoder().encode(result.content).length} bytes`);
