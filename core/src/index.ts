// The public surface of @driftwise/core. Each export is named; see docs/core.md for the design.
export { canonicalJson } from './canonical-json.ts';
export { defineField } from './define-field.ts';
export { DriftwiseError, type DriftwiseErrorCode, type InputIssue } from './errors.ts';
export {
  applyDriftEvents,
  type DriftEvent,
  type DriftEventType,
  type DriftSnapshot,
  driftEvents,
  driftSnapshots,
  type EventChange,
  type EventItem,
} from './history/drift-events.ts';
export { driftFingerprint } from './history/drift-fingerprint.ts';
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
export { isSecretKind } from './k8s/is-secret-kind.ts';
export { isClusterScopedKind, kindKey } from './k8s/kinds.ts';
export { type ResourceIdParts, resourceId } from './k8s/resource-id.ts';
export { type ToLiveResourcesOptions, toLiveResources } from './live/to-live-resources.ts';
export { changedBy } from './managed-fields/changed-by.ts';
export { iacFieldManagers } from './managed-fields/iac-field-managers.ts';
export { type ManagedFieldsEntry, managedFieldsEntries } from './managed-fields/managed-fields-entries.ts';
export { parsePersonTools } from './managed-fields/parse-person-tools.ts';
export { DEFAULT_PERSON_TOOLS, personToolMatcher } from './managed-fields/person-tools.ts';
export { relevantManagedFields } from './managed-fields/relevant-managed-fields.ts';
export { rfc3339Millis } from './managed-fields/rfc3339-millis.ts';
export { driftItemOrder } from './match/drift-item-order.ts';
export {
  type DriftWarningsInput,
  driftWarnings,
  isKubernetesRelatedType,
  type StateSourceInfo,
} from './match/drift-warnings.ts';
export { MATCHER_VERSION, type MatchContext, matchContexts } from './match/match-contexts.ts';
export { type MatchDriftOptions, matchDrift } from './match/match-drift.ts';
export {
  type LivePartition,
  type MatchDriftInPartitionsOptions,
  matchDriftInPartitions,
} from './match/match-drift-in-partitions.ts';
export type {
  ChangedBy,
  DriftChange,
  DriftItem,
  DriftResult,
  DriftStatus,
  DriftSummary,
  DriftWarning,
  DriftWarningCode,
  IacOrigin,
  IacResource,
  LiveResource,
  Severity,
} from './model.ts';
export { ownField } from './own-field.ts';
export { toInputIssues } from './schema/input-issues.ts';
export { IGNORE_LIMITS, jsonDepthExceeds, REPORT_LIMITS, STATE_LIMITS } from './schema/limits.ts';
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
  parseSecretHash,
  REDACTED,
  SECRET_HASH_PREFIX,
  type SecretHasher,
  type SecretHashParts,
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
