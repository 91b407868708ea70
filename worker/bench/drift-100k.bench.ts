// `npm run bench -w worker`: the first page of the drift of a 100,000-item scan on Node + a libSQL file.
// The scan is a whole-cluster batch of 100,000 Deployments (200 namespaces of 500, 20 parts), none
// declared in IaC, so every object is an `extra` item. Prints `BENCH <name> <value> <unit>`.
import { clusterDeployments } from './bench-fixtures.ts';
import { nodeBenchApp } from './node-app.ts';

const PARTS = 20;
const NAMESPACES = 200;
const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);

const app = await nodeBenchApp();
try {
  const batchId = crypto.randomUUID();
  const perPart = NAMESPACES / PARTS;
  let scanId = '';
  for (let index = 0; index < PARTS; index++) {
    const response = await app.post(
      '/api/v2/operator/report',
      JSON.stringify({
        cluster_id: 'huge',
        namespace: '*',
        resources: clusterDeployments(index * perPart, (index + 1) * perPart, 500),
        batch: { id: batchId, index, total: PARTS },
      }),
    );
    const text = await response.text();
    if (response.status !== (index === PARTS - 1 ? 201 : 202))
      throw new Error(`part ${index}: ${response.status} ${text}`);
    if (response.status === 201) scanId = (JSON.parse(text) as { report_id: string }).report_id;
  }
  const started = performance.now();
  const page = await app.get(`/api/v2/orgs/${app.orgId}/scans/${scanId}/drift`);
  const body = (await page.json()) as { items: unknown[]; summary: { extra: number } };
  const elapsed = performance.now() - started;
  if (page.status !== 200 || body.summary.extra !== 100_000) throw new Error(`drift: ${page.status}`);
  bench('worker.drift.100k.first_page_ms', Math.round(elapsed), 'ms');
  bench('worker.drift.100k.first_page_items', body.items.length, 'items');
} finally {
  app.close();
}
