import type { Severity } from '@driftwise/core';
import { html } from 'hono/html';
import type { ScanRow } from '../store/store.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';
import { timeAgo } from './time-ago.ts';

/** One `k8s:<cluster_id>` account and the latest scan of each of its namespaces. */
export interface ClusterView {
  clusterId: string;
  externalId: string;
  latest: { scan: ScanRow; bySeverity: Record<Severity, number> }[];
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

function severities(counts: Record<Severity, number>): Html {
  const present = SEVERITY_ORDER.filter((severity) => counts[severity] > 0);
  if (present.length === 0) return html`none`;
  const parts = present.map(
    (severity, i) =>
      html`${i > 0 ? ' · ' : ''}<span class="sev-${severity}">${counts[severity]} ${severity}</span>`,
  );
  return html`${parts}`;
}

function scanRow(orgId: string, row: ClusterView['latest'][number], now: Date): Html {
  const { scan } = row;
  const s = scan.summary;
  const href = `/orgs/${encodeURIComponent(orgId)}/scans/${encodeURIComponent(scan.id)}`;
  return html`<tr>
    <td><a href="${href}">${scan.namespace}</a></td>
    <td>${s.missing}</td>
    <td>${s.extra}</td>
    <td>${s.changed}</td>
    <td>${severities(row.bySeverity)}</td>
    <td>${Math.round(s.coverage * 100)}%</td>
    <td><time datetime="${scan.createdAt}" title="${scan.createdAt}">${timeAgo(scan.createdAt, now)}</time></td>
  </tr>`;
}

/** Clusters: every reported cluster with the latest scan per namespace, its drift counts by status and severity, and its age. */
export function clustersPage(nav: LayoutNav, clusters: ClusterView[], now: Date): Html {
  const body =
    clusters.length === 0
      ? html`<p>No cluster has reported yet. Create a <code>write</code> key on
          <a href="/orgs/${encodeURIComponent(nav.orgId)}/settings">Settings</a> and give it to the operator.</p>`
      : clusters.map(
          (cluster) => html`<section aria-labelledby="cluster-${cluster.clusterId}">
            <h2 id="cluster-${cluster.clusterId}">${cluster.clusterId}</h2>
            <p class="mono">${cluster.externalId}</p>
            <div class="table">
              <table>
                <caption class="skip">Latest scan per namespace of ${cluster.clusterId}</caption>
                <thead>
                  <tr>
                    <th scope="col">Namespace</th>
                    <th scope="col">Missing</th>
                    <th scope="col">Extra</th>
                    <th scope="col">Changed</th>
                    <th scope="col">By severity</th>
                    <th scope="col">Coverage</th>
                    <th scope="col">Scanned</th>
                  </tr>
                </thead>
                <tbody>
                  ${cluster.latest.map((row) => scanRow(nav.orgId, row, now))}
                </tbody>
              </table>
            </div>
          </section>`,
        );
  return layout({ title: 'Clusters', nav, body: html`<h1>Clusters</h1>${body}` });
}
