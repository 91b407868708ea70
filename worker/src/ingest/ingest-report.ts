import {
  generateIac,
  type IacResult,
  matchDrift,
  type OperatorReportRequest,
  parseIgnoreRules,
  type SecretHasher,
  toLiveResources,
} from '@driftwise/core';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { applyCustomPrompt, type LlmEndpoint } from '../iac/apply-custom-prompt.ts';
import type { LiveRecord, Store } from '../store/store.ts';
import type { StoredDriftItem } from './stored-drift-item.ts';
import { storedLiveObject } from './stored-live-object.ts';

/** Options of {@link ingestReport}. */
export interface IngestReportOptions {
  store: Store;
  orgId: string;
  secretHasher: SecretHasher;
  /** SHA-256 of the request body, kept so an identical body can reuse this scan ({@link repeatReport}). */
  bodyHash: string;
  now?: () => Date;
  newId?: () => string;
  /** The model endpoint for `custom_prompt` (unset: the prompt is not applied, with a warning). */
  llmEndpoint?: LlmEndpoint | undefined;
  fetch?: typeof fetch;
}

/** What the report route answers. */
export interface IngestedReport {
  scanId: string;
  resourceCount: number;
  /** The generated IaC, when the report asked for it. */
  iac?: IacResult | undefined;
}

const driftKey = (item: { status: string; resource_id: string }) => `${item.status} ${item.resource_id}`;

/**
 * Turns a validated operator report into a stored scan: live resources (Secret values hashed) → the IaC
 * resources of the cluster's state sources → core's matcher → drift items with `first_seen_*` taken from
 * the previous scan of the same cluster and namespace. Only live objects whose content changed are
 * written, and the whole scan is one atomic write.
 */
export async function ingestReport(
  report: OperatorReportRequest,
  options: IngestReportOptions,
): Promise<IngestedReport> {
  const {
    store,
    orgId,
    secretHasher,
    bodyHash,
    now = () => new Date(),
    newId = () => crypto.randomUUID(),
    llmEndpoint,
    fetch: send,
  } = options;
  const clusterId = report.cluster_id;
  const scope = report.namespace;
  const live = toLiveResources(report, { secretHasher });

  // The fingerprint is read first: an upload landing meanwhile then makes the next identical report
  // take this slow path again rather than reuse a result computed from older inputs.
  const inputsHash = await store.inputsFingerprint(orgId, clusterId);
  const [iac, ignoreText, storedHashes, previous] = await Promise.all([
    store.listIacResources(orgId, clusterId),
    store.getIgnoreRules(orgId),
    store.liveHashes(orgId, clusterId, scope),
    store.listScans(orgId, { clusterId, namespace: scope }, 1),
  ]);
  const previousScan = previous[0];
  const previousItems = previousScan ? await store.driftItems(previousScan) : [];

  const result = matchDrift({ live, iac, namespace: scope, ignoreRules: parseIgnoreRules(ignoreText ?? '') });

  // Generated before anything is written, so the IaC is stored in the same atomic unit as the scan.
  const generated = report.generate_iac
    ? await applyCustomPrompt(
        generateIac({
          live,
          drift: result,
          format: report.iac_format,
          scope: report.iac_scope,
          clusterId,
          namespace: scope,
        }),
        report.custom_prompt,
        { endpoint: llmEndpoint, ...(send ? { fetch: send } : {}) },
      )
    : undefined;

  const scanId = newId();
  const createdAt = now().toISOString();
  const firstSeen = new Map(previousItems.map((item) => [driftKey(item), item]));
  const driftItems: StoredDriftItem[] = result.items.map((item) => {
    const seen = firstSeen.get(driftKey(item));
    return {
      ...item,
      first_seen_scan_id: seen?.first_seen_scan_id ?? scanId,
      first_seen_at: seen?.first_seen_at ?? createdAt,
    };
  });

  // Later duplicates of an id win, as they would in the cluster's own store.
  const objects = new Map<string, string>();
  for (const resource of live) objects.set(resource.id, JSON.stringify(storedLiveObject(resource.object)));
  const records: LiveRecord[] = await Promise.all(
    [...objects].map(async ([resourceId, json]) => ({
      resourceId,
      contentHash: await sha256Hex(json),
      json,
    })),
  );
  const upserts = records.filter((record) => storedHashes.get(record.resourceId) !== record.contentHash);
  const deletes = [...storedHashes.keys()].filter((id) => !objects.has(id));

  await store.writeScan({
    scan: {
      id: scanId,
      orgId,
      clusterId,
      namespace: scope,
      createdAt,
      resourceCount: report.resources.length,
      summary: result.summary,
      bodyHash,
      inputsHash,
      generateIac: report.generate_iac,
      iacFormat: report.iac_format,
      customPrompt: report.custom_prompt,
    },
    cloudAccount: { id: newId(), provider: 'kubernetes', externalId: `k8s:${clusterId}`, createdAt },
    scope,
    upserts,
    deletes,
    driftItems,
    iac: generated,
  });
  return { scanId, resourceCount: report.resources.length, iac: generated };
}
