import { parseArgs } from 'node:util';
import { type JsonObject, redactSecret, secretHasher } from '../src/index.ts';
import { type ApiClient, apiClient } from './api-client.ts';
import type { Command } from './command.ts';
import { EXIT } from './exit.ts';
import { parseJson } from './parse-json.ts';
import { readInput } from './read-input.ts';
import { kubernetesObjects, toReportResource } from './to-report-resources.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: driftwise report --api URL --cluster C --namespace N <objects.json | ->

Sends live objects as an operator report (POST /api/v2/operator/report), for clusters without the
operator: the output of \`kubectl get … -o json\`, a List or one object. \`-\` reads standard input:
  kubectl get deploy,svc,cm,secret -n payments -o json | driftwise report --cluster prod --namespace payments -

  --api URL      the service (default: $DRIFTWISE_API_URL)
  --cluster C    the cluster id the report is for
  --namespace N  the namespace the report covers ("*": the whole cluster)

Secret values are hashed here, with the org's key (GET /api/v2/operator/secret-hash-key), before
anything is sent: they never leave the machine. The API key (scope write) comes from $DRIFTWISE_API_KEY.
Exit status: 0 stored, 2 error.`;

const isSecret = (object: JsonObject) =>
  typeof object.kind === 'string' && object.kind.toLowerCase() === 'secret';

async function hashSecrets(api: ApiClient, objects: JsonObject[]): Promise<JsonObject[]> {
  // Only fetch the key when there is a Secret: a report of Deployments needs no key material at all.
  if (!objects.some(isSecret)) return objects;
  const answer = (await api.request('GET', '/api/v2/operator/secret-hash-key')) as {
    algorithm: string;
    key_id: string;
    key: string;
  };
  if (answer.algorithm !== 'hmac-sha256') {
    throw new UsageError(
      `the service hashes Secrets with ${answer.algorithm}, this driftwise knows hmac-sha256`,
    );
  }
  const hasher = secretHasher(new Uint8Array(Buffer.from(answer.key, 'base64url')), answer.key_id);
  return objects.map((object) =>
    isSecret(object) ? redactSecret(object, hasher, { data: 'base64' }) : object,
  );
}

/** `driftwise report`: kubectl's JSON as an operator report. */
export const reportCommand: Command = {
  words: ['report'],
  summary: 'send `kubectl get -o json` output as an operator report (Secrets hashed first)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { api: { type: 'string' }, cluster: { type: 'string' }, namespace: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.cluster || !values.namespace) throw new UsageError('report needs --cluster and --namespace');
    if (positionals.length !== 1) throw new UsageError('report takes one file of objects (or - for stdin)');
    const file = positionals[0]!;
    const api = apiClient({ api: values.api, io });
    const objects = kubernetesObjects(
      parseJson(await readInput(io, file), file === '-' ? 'standard input' : file),
    );
    const resources = (await hashSecrets(api, objects)).map(toReportResource);
    const answer = (await api.request('POST', '/api/v2/operator/report', {
      json: { cluster_id: values.cluster, namespace: values.namespace, resources },
    })) as { report_id: string; resource_count: number };
    io.stdout(
      `report ${answer.report_id}: ${answer.resource_count} objects of ${values.cluster}/${values.namespace}\n`,
    );
    return EXIT.inSync;
  },
};
