/**
 * Kinds not watched unless `DRIFTWISE_INCLUDE_KINDS` names them: controller and server output (events,
 * leases, endpoints, pods, replica sets, revisions, jobs of cron jobs, tokens and reviews, metrics), which
 * Terraform does not manage and which change every few seconds. Lowercase kind names.
 */
export const DEFAULT_EXCLUDED_KINDS: ReadonlySet<string> = new Set([
  'event',
  'lease',
  'endpointslice',
  'endpoints',
  'pod',
  'replicaset',
  'controllerrevision',
  'componentstatus',
  'node',
  'podtemplate',
  'replicationcontroller',
  'job',
  'certificatesigningrequest',
  'volumeattachment',
  'csinode',
  'csistoragecapacity',
  'flowschema',
  'prioritylevelconfiguration',
  'apiservice',
  'podmetrics',
  'nodemetrics',
]);
