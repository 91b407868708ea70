// `npm run bench -w worker`: the first page of the drift of a 100,000-item scan on Node + a libSQL file, and
// the drift events of its resources (one, as the extension's hover asks; 50, as the Scan page's history reads).
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

  // Issue 14: the scope now holds 100,000 `appeared` events. The extension's hover asks for one resource's
  // events; the dashboard's Scan page reads the newest 20 of each of its 50 items in one query.
  const items = body.items as { resource_id: string }[];
  const hover = performance.now();
  const one = await app.get(
    `/api/v2/orgs/${app.orgId}/drift-events?cluster_id=huge&namespace=*&resource_id=${encodeURIComponent(items[0]!.resource_id)}&limit=50`,
  );
  const oneBody = (await one.json()) as { events: unknown[] };
  const hoverMs = performance.now() - hover;
  if (one.status !== 200 || oneBody.events.length !== 1) throw new Error(`drift-events: ${one.status}`);
  bench('worker.drift_events.100k.one_resource_ms', Math.round(hoverMs), 'ms');
  const history = performance.now();
  const events = await app.store.recentDriftEvents(
    app.orgId,
    {
      clusterId: 'huge',
      namespace: '*',
      resourceIds: items.slice(0, 50).map((item) => item.resource_id),
      until: new Date().toISOString(),
    },
    20,
  );
  const historyMs = performance.now() - history;
  if (events.length !== 50) throw new Error(`recentDriftEvents: ${events.length} events`);
  bench('worker.dashboard.100k.history_of_50_items_ms', Math.round(historyMs), 'ms');
} finally {
  app.close();
}
