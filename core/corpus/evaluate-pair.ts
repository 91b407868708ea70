import { parseAllDocuments } from 'yaml';
import {
  type DriftItem,
  isClusterScopedKind,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  matchDrift,
  operatorReportRequestSchema,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';

/** What a pair's `expect.json` says the pair is meant to show (written by whoever classified it). */
export interface PairExpectation {
  /** Change paths (or their prefixes) that really differ between the two objects. */
  true_drift: string[];
  /** Why: what the source's own test asserts. */
  why?: string;
}

/** One drift change of a pair, classified against its expectation. */
export interface ClassifiedChange {
  path: string;
  iac: unknown;
  live: unknown;
  undeclared: boolean;
  verdict: 'true' | 'false';
}

/** The matcher's result on one desired/live pair. */
export interface PairResult {
  pair: string;
  /** `changed` or `in_sync`; `missing`/`extra` mean the two were not paired (itself false drift). */
  status: string;
  changes: ClassifiedChange[];
  true_drift: number;
  false_drift: number;
  /** Expected true drift paths the matcher did not report. */
  missed: string[];
  expected: boolean;
  /** The change paths of the same pair declared as a `kubectl_manifest`, when they differ (else `null`). */
  kubectl_manifest_paths: string[] | null;
}

const HASHER = secretHasher(new Uint8Array(32), 'corpus');
const PROVIDER = 'provider["registry.terraform.io/hashicorp/kubernetes"]';
const KUBECTL_PROVIDER = 'provider["registry.terraform.io/gavinbunney/kubectl"]';

/** One object from a JSON or YAML text (the first document of a YAML stream). */
export function parseObject(text: string, file: string): JsonObject {
  const trimmed = text.trimStart();
  const value: unknown = trimmed.startsWith('{')
    ? JSON.parse(text)
    : parseAllDocuments(text)
        .map((document) => document.toJS())
        .find((doc) => doc !== null);
  if (!isJsonObject(value as never)) throw new Error(`${file}: not an object`);
  return value as JsonObject;
}

function isNamespaced(object: JsonObject): boolean {
  return typeof object.kind === 'string' && !isClusterScopedKind(object.kind.toLowerCase());
}

function metadataOf(object: JsonObject): JsonObject {
  return isJsonObject(object.metadata) ? object.metadata : {};
}

/**
 * The desired object as the manifest of a `kubernetes_manifest` in a state file of its own. A manifest
 * must name its object: where the test data leaves name or namespace to the tool applying it, the live
 * object's are used. `object` is left out, so the record is the manifest alone (the strictest case).
 */
function desiredState(desired: JsonObject, live: JsonObject, configText: string | null): unknown {
  const metadata = { ...metadataOf(desired) };
  const liveMetadata = metadataOf(live);
  if (metadata.name === undefined) metadata.name = liveMetadata.name ?? null;
  if (metadata.namespace === undefined && isNamespaced(desired)) {
    metadata.namespace = liveMetadata.namespace ?? 'default';
  }
  const instance =
    configText === null
      ? { type: 'kubernetes_manifest', attributes: { manifest: { ...desired, metadata } } }
      : {
          // The text itself, read as kubectl reads YAML (1.1 scalars); a namespace the text leaves out
          // comes from override_namespace, as the provider's users set it.
          type: 'kubectl_manifest',
          attributes: {
            yaml_body: configText,
            kind: desired.kind ?? null,
            name: metadata.name,
            override_namespace:
              metadataOf(desired).namespace === undefined ? (metadata.namespace ?? null) : null,
          },
        };
  return {
    version: 4,
    terraform_version: '1.9.0',
    serial: 1,
    lineage: 'corpus',
    resources: [
      {
        mode: 'managed',
        type: instance.type,
        name: 'desired',
        provider: configText === null ? PROVIDER : KUBECTL_PROVIDER,
        instances: [{ schema_version: 1, attributes: instance.attributes }],
      },
    ],
  };
}

function isTrue(path: string, expected: readonly string[]): boolean {
  return expected.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`),
  );
}

function drift(desiredAs: unknown, live: JsonObject, pair: string, fallbackName: JsonValue | undefined) {
  const iac = readTerraformState(desiredAs, { secretHasher: HASHER }).resources;
  const kind = String(live.kind).toLowerCase();
  const liveMetadata = metadataOf(live);
  const report = operatorReportRequestSchema.parse({
    cluster_id: 'corpus',
    namespace: '*',
    resources: [
      {
        id: typeof liveMetadata.uid === 'string' ? liveMetadata.uid : `${pair}-live`,
        normalized_type: `k8s/${kind}`,
        provider_type: kind,
        provider: 'kubernetes',
        name: String(liveMetadata.name ?? fallbackName),
        properties: live,
      },
    ],
  });
  return matchDrift({ live: toLiveResources(report, { secretHasher: HASHER }), iac, namespace: '*' }).items;
}

const pathsOf = (items: DriftItem[]) =>
  items.flatMap((item) =>
    item.changes.length === 0 ? [`(${item.status})`] : item.changes.map((c) => c.path),
  );

/**
 * Runs one pair through core's reader and matcher: the desired object declared as a `kubernetes_manifest`,
 * the live object as the report's resource, every change classified as true or false drift by `expect`.
 * With the config's text, the same object is also declared as a `kubectl_manifest` (`yaml_body`, read as
 * kubectl reads YAML); where that finds other change paths, `kubectl_manifest_paths` lists them.
 *
 * @example
 * evaluatePair('svc', config, live, { true_drift: ['spec.ports'] }).false_drift // 0 when only ports differ
 */
export function evaluatePair(
  pair: string,
  desired: JsonObject,
  liveObject: JsonObject,
  expect: PairExpectation | null,
  configText: string | null = null,
): PairResult {
  // A live object exported without its namespace is in the desired one's (or `default`).
  const liveNamespace = metadataOf(liveObject).namespace ?? metadataOf(desired).namespace ?? 'default';
  const live = isNamespaced(liveObject)
    ? { ...liveObject, metadata: { ...metadataOf(liveObject), namespace: liveNamespace } }
    : liveObject;
  const items = drift(desiredState(desired, live, null), live, pair, metadataOf(desired).name);
  let kubectlPaths: string[] | null = null;
  if (configText !== null) {
    const asKubectl = pathsOf(
      drift(desiredState(desired, live, configText), live, pair, metadataOf(desired).name),
    );
    const asManifest = pathsOf(items);
    if (asKubectl.join('\n') !== asManifest.join('\n')) kubectlPaths = asKubectl;
  }
  const expected = expect?.true_drift ?? [];
  const changes: ClassifiedChange[] = items.flatMap((item) =>
    item.changes.map((change) => ({
      path: change.path,
      iac: change.iac,
      live: change.live,
      undeclared: change.undeclared === true,
      verdict: isTrue(change.path, expected) ? ('true' as const) : ('false' as const),
    })),
  );
  // A whole-object item means the two were not paired at all: one false drift, whatever the intent.
  const unpaired = items.filter((item) => item.status !== 'changed').length;
  const found = changes.filter((change) => change.verdict === 'true');
  return {
    pair,
    status: items.length === 0 ? 'in_sync' : items.map((item) => item.status).join('+'),
    changes,
    true_drift: found.length,
    false_drift: changes.length - found.length + unpaired,
    missed: expected.filter((prefix) => !found.some((change) => isTrue(change.path, [prefix]))),
    expected: expect !== null,
    kubectl_manifest_paths: kubectlPaths,
  };
}
