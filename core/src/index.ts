// The public surface of @driftwise/core. Each export is named; see docs/core.md for the design.
export { DriftwiseError, type DriftwiseErrorCode, type InputIssue } from './errors.ts';
export { type GenerateIacOptions, generateIac } from './iac/generate-iac.ts';
export { type HclOutline, HclSyntaxError, hclOutline } from './iac/hcl-outline.ts';
export {
  IAC_FORMATS,
  IAC_SCOPES,
  type IacFormat,
  type IacResult,
  type IacScope,
  type IacWarning,
} from './iac/iac-options.ts';
export { IGNORE_ANNOTATION } from './ignore/annotation-ignore-rules.ts';
export { type IgnoreRule, parseIgnoreRules } from './ignore/parse-ignore-rules.ts';
export { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
export { isClusterScopedKind, kindKey } from './k8s/kinds.ts';
export { type ResourceIdParts, resourceId } from './k8s/resource-id.ts';
export { type ToLiveResourcesOptions, toLiveResources } from './live/to-live-resources.ts';
export { type MatchDriftOptions, matchDrift } from './match/match-drift.ts';
export type {
  DriftChange,
  DriftItem,
  DriftResult,
  DriftStatus,
  DriftSummary,
  IacOrigin,
  IacResource,
  LiveResource,
  Severity,
} from './model.ts';
export { toInputIssues } from './schema/input-issues.ts';
export { jsonDepthExceeds, REPORT_LIMITS } from './schema/limits.ts';
export {
  iacResultSchema,
  type OperatorReportInput,
  type OperatorReportRequest,
  type OperatorReportResponse,
  operatorReportRequestSchema,
  operatorReportResponseSchema,
  type ReportResource,
  resourceSchema,
} from './schema/operator-report.ts';
export { decodeBase64 } from './secret/base64.ts';
export { redactSecret, type SecretEncodings } from './secret/redact-secret.ts';
export {
  isSecretHash,
  REDACTED,
  SECRET_HASH_PREFIX,
  type SecretHasher,
  type SecretKey,
  secretHasher,
  textBytes,
} from './secret/secret-hasher.ts';
export {
  type ReadTerraformStateOptions,
  readTerraformState,
  type TerraformStateRead,
} from './state/read-terraform-state.ts';
export { type StatePathStep, toStatePath } from './state/state-path.ts';
