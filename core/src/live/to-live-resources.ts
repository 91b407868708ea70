import { DriftwiseError } from '../errors.ts';
import { isJsonObject, type JsonObject } from '../json.ts';
import { hpaToV2 } from '../k8s/hpa-to-v2.ts';
import { isControlPlaneObject } from '../k8s/is-control-plane-object.ts';
import { isSecretKind } from '../k8s/is-secret-kind.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { resourceId } from '../k8s/resource-id.ts';
import type { LiveResource } from '../model.ts';
import type { OperatorReportRequest, ReportResource } from '../schema/operator-report.ts';
import { redactSecret } from '../secret/redact-secret.ts';
import type { SecretHasher } from '../secret/secret-hasher.ts';

export interface ToLiveResourcesOptions {
  /** Hashes Secret values; use the same key as for state uploads so Secret drift is still found. */
  secretHasher: SecretHasher;
}

function isControlled(metadata: JsonObject | undefined): boolean {
  const owners = metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some((owner) => isJsonObject(owner) && owner.controller === true);
}

function withPathPrefix(prefix: string, error: unknown): unknown {
  if (!(error instanceof DriftwiseError)) return error;
  const issues = error.issues.map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }));
  return new DriftwiseError(error.code, error.message, { issues });
}

function toLiveResource(
  resource: ReportResource,
  index: number,
  reportNamespace: string,
  secretHasher: SecretHasher,
): LiveResource {
  const kind = resource.normalized_type.slice('k8s/'.length);
  const properties = resource.properties as JsonObject;
  const metadata = isJsonObject(properties.metadata) ? properties.metadata : undefined;
  // CONTRACT: a resource's own namespace is metadata.namespace, else the report's namespace.
  const ownNamespace = typeof metadata?.namespace === 'string' ? metadata.namespace : null;
  const namespace = isClusterScopedKind(kind)
    ? null
    : (ownNamespace ?? (reportNamespace === '*' ? null : reportNamespace));
  let object: JsonObject;
  try {
    object =
      isSecretKind(kind) || isSecretKind(properties.kind)
        ? redactSecret(properties, secretHasher, { data: 'base64', hashed: 'accept' })
        : kind === 'horizontalpodautoscaler'
          ? hpaToV2(properties)
          : properties;
  } catch (error) {
    throw withPathPrefix(`resources.${index}.properties.`, error);
  }
  return {
    id: resourceId({ kind, namespace, name: resource.name }),
    kind,
    namespace,
    name: resource.name,
    uid: typeof metadata?.uid === 'string' && metadata.uid !== '' ? metadata.uid : null,
    controlled: isControlled(metadata) || isControlPlaneObject(kind, resource.name, properties),
    object,
  };
}

/**
 * The live side of a validated operator report: one {@link LiveResource} per reported object, with its
 * canonical ID, scope, UID and controller ownership worked out, and Secret values replaced by keyed hashes
 * (the raw values go no further than this call). Values the operator already hashed with the same key are
 * kept; a malformed hashed value or one under another key is a `DriftwiseError` (`invalid_report`) whose
 * issue path names it (`resources.3.properties.data.password`).
 *
 * @example
 * const report = operatorReportRequestSchema.parse(body);
 * const live = toLiveResources(report, { secretHasher: secretHasher(key, keyId) });
 */
export function toLiveResources(
  report: OperatorReportRequest,
  options: ToLiveResourcesOptions,
): LiveResource[] {
  return report.resources.map((resource, index) =>
    toLiveResource(resource, index, report.namespace, options.secretHasher),
  );
}
