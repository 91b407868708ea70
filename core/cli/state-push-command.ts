import { parseArgs } from 'node:util';
import { apiClient } from './api-client.ts';
import type { Command } from './command.ts';
import { EXIT } from './exit.ts';
import { parseJson } from './parse-json.ts';
import { readInput } from './read-input.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: driftwise state push --api URL --org ID --source NAME [--cluster C] <terraform.tfstate | ->

Uploads a Terraform state file (format version 4, as \`terraform state pull\` prints it) or the JSON of
\`terraform show -json\` (format_version 1.x) as the org's state source NAME:
PUT /api/v2/orgs/ID/state-sources/NAME/state.
\`-\` reads standard input:  terraform state pull | driftwise state push --org … --source main -
                          terraform show -json | driftwise state push --org … --source main -

  --api URL      the service (default: $DRIFTWISE_API_URL)
  --org ID       the org id
  --source NAME  the state source to create or replace
  --cluster C    scope the source to one cluster (default: every cluster of the org)

The API key (scope write) comes from $DRIFTWISE_API_KEY.
Exit status: 0 stored, 2 error (an older serial of the same lineage is refused: stale_state;
show -json output has no serial and always replaces).`;

interface StateSourceAnswer {
  name: string;
  cluster_id: string | null;
  serial: number | null;
  resource_count: number;
  k8s_resource_count: number;
}

/** `driftwise state push`: uploads a state file for the service's drift. */
export const statePushCommand: Command = {
  words: ['state', 'push'],
  summary: 'upload a Terraform state file as a state source of an org',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        api: { type: 'string' },
        org: { type: 'string' },
        source: { type: 'string' },
        cluster: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (!values.org || !values.source) throw new UsageError('state push needs --org and --source');
    if (positionals.length !== 1) throw new UsageError('state push takes one state file (or - for stdin)');
    const file = positionals[0]!;
    const api = apiClient({ api: values.api, io });
    const text = await readInput(io, file);
    // Checked here so that a truncated pipe says so, instead of the service's 400 about JSON.
    parseJson(text, file === '-' ? 'standard input' : file);
    const answer = (await api.request(
      'PUT',
      `/api/v2/orgs/${encodeURIComponent(values.org)}/state-sources/${encodeURIComponent(values.source)}/state`,
      { json: text, query: { cluster_id: values.cluster } },
    )) as StateSourceAnswer;
    const scope = answer.cluster_id ? `cluster ${answer.cluster_id}` : 'every cluster';
    const serial = answer.serial === null ? '' : `, serial ${answer.serial}`;
    io.stdout(
      `state source ${answer.name} (${scope}): ${answer.k8s_resource_count} Kubernetes resources of ${answer.resource_count}${serial}\n`,
    );
    return EXIT.inSync;
  },
};
