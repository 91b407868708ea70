// The operator's modules, for tests and benchmarks; the program is main.ts.
export { type BackoffOptions, backoffDelay } from './backoff-delay.ts';
export {
  BATCH_LIMITS,
  type BuildReportBodiesOptions,
  buildReportBodies,
  type ReportBodies,
  type ReportBody,
} from './build-report-bodies.ts';
export { canonicalJson } from './canonical-json.ts';
export { type CompactObject, compactObject } from './compact-object.ts';
export { ConfigError } from './config-error.ts';
export { DEFAULT_EXCLUDED_KINDS } from './default-excluded-kinds.ts';
export { gzipPieces } from './gzip-pieces.ts';
export { createJsonLogger, type JsonLogger } from './json-logger.ts';
export type { OperatorConfig } from './operator-config.ts';
export { type ParseConfigOptions, parseConfig } from './parse-config.ts';
export { createRateBudget, type RateBudget } from './rate-budget.ts';
export { createReportClient, type ReportClient, type SendOutcome } from './report-client.ts';
export { createReportScheduler, type ReportScheduler } from './report-scheduler.ts';
export { type RunningOperator, runOperator } from './run-operator.ts';
export { scopeResources } from './scope-resources.ts';
export { type ApiResourceList, selectKinds } from './select-kinds.ts';
export { toReportResource } from './to-report-resource.ts';
export { kindPath, type WatchedKind } from './watched-kind.ts';
