import { parseArgs } from 'node:util';
import type { DriftSummary, DriftWarning } from '../src/index.ts';
import { apiClient } from './api-client.ts';
import type { Command } from './command.ts';
import { EXIT } from './exit.ts';
import { FAIL_ON, type FailOn, failOnHolds, type ServedDriftItem } from './fail-on.ts';
import { formatDriftText } from './format-drift-text.ts';
import { parseNow } from './parse-now.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: driftwise drift --api URL --org ID --cluster C [--namespace N] [--format text|json]
                       [--fail-on any|high|critical|new] [--now <RFC 3339>]

Prints the drift of the latest scan of a cluster (and namespace) as the service computed it, in the same
text as \`driftwise diff\`, or as the JSON of GET /api/v2/orgs/ID/scans/SCAN/drift (all pages).

  --api URL         the service (default: $DRIFTWISE_API_URL)
  --org ID          the org id
  --cluster C       the cluster id
  --namespace N     the namespace (default: the latest scan of any namespace of the cluster)
  --format          text (default) or json
  --fail-on         when to exit 1: any drift (default), an item of severity high or above, critical,
                    or new (an item first seen in that scan). Ignored and accepted items never count.
  --now             the time "changed … ago" is measured against (RFC 3339; default: now)

The API key (scope read) comes from $DRIFTWISE_API_KEY.
Exit status: 0 condition not met, 1 condition met, 2 error (service down, 401, no scan: 404).`;

interface Scan {
  id: string;
  cluster_id: string;
  namespace: string;
}

interface DriftPage {
  scan_id: string;
  cluster_id: string;
  namespace: string;
  summary: DriftSummary;
  /** The scan's warnings (`empty_scope`, `no_state_source`, `skipped_terraform_types`). */
  warnings: DriftWarning[];
  items: ServedDriftItem[];
  next_cursor?: string | null;
  [field: string]: unknown;
}

/** `driftwise drift`: the service's drift of the latest scan, as a CI gate. */
export const driftCommand: Command = {
  words: ['drift'],
  summary: "print the latest scan's drift from the service; exit 1 on --fail-on",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        api: { type: 'string' },
        org: { type: 'string' },
        cluster: { type: 'string' },
        namespace: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'any' },
        now: { type: 'string' },
      },
      strict: true,
    });
    if (!values.org || !values.cluster) throw new UsageError('drift needs --org and --cluster');
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError('--format is text or json');
    const failOn = values['fail-on'] as FailOn;
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on is one of ${FAIL_ON.join(', ')}`);
    const now = parseNow(values.now, io);
    const api = apiClient({ api: values.api, io });
    const org = `/api/v2/orgs/${encodeURIComponent(values.org)}`;

    const scan = (await api.request('GET', `${org}/scans/latest`, {
      query: { cluster_id: values.cluster, namespace: values.namespace },
    })) as Scan;
    const path = `${org}/scans/${encodeURIComponent(scan.id)}/drift`;
    const drift = (await api.request('GET', path)) as DriftPage;
    // The service pages large results (CONTRACT "Large results"); the summary is already of the whole scan.
    for (let cursor = drift.next_cursor; cursor; ) {
      const page = (await api.request('GET', path, { query: { cursor } })) as DriftPage;
      drift.items.push(...page.items);
      cursor = page.next_cursor;
    }
    if ('next_cursor' in drift) drift.next_cursor = null;

    if (values.format === 'json') io.stdout(`${JSON.stringify(drift, null, 2)}\n`);
    else io.stdout(formatDriftText(drift, { clusterId: drift.cluster_id, namespace: drift.namespace, now }));
    return failOnHolds(drift.items, failOn, drift.scan_id) ? EXIT.drift : EXIT.inSync;
  },
};
