import type { Store } from '../store/store.ts';
import type { IngestedReport } from './ingest-report.ts';

/** Options of {@link repeatReport}. */
export interface RepeatReportOptions {
  store: Store;
  orgId: string;
  /** SHA-256 of the request body. */
  bodyHash: string;
  now?: () => Date;
  newId?: () => string;
}

/**
 * The shortcut for a report whose body is byte for byte the one of the newest scan of its cluster and
 * namespace, while that cluster's state sources and the org's ignore rules are unchanged since: the result
 * would be the same scan (same live state, same drift, first_seen inherited), so it is recorded as one new
 * scan row without parsing, validating or matching again. Undefined when the shortcut does not apply.
 */
export async function repeatReport(options: RepeatReportOptions): Promise<IngestedReport | undefined> {
  const { store, orgId, bodyHash, now = () => new Date(), newId = () => crypto.randomUUID() } = options;
  const previous = await store.findScanByBodyHash(orgId, bodyHash);
  // A scan with generated IaC keeps it in rows of its own (and a custom prompt may answer differently):
  // such reports take the full path.
  if (!previous || previous.generateIac) return undefined;
  if ((await store.inputsFingerprint(orgId, previous.clusterId)) !== previous.inputsHash) return undefined;
  const scanId = newId();
  // Writes only while `previous` is still the newest scan of its scope, checked in the same statement.
  const repeated = await store.repeatScan(previous.id, { id: scanId, createdAt: now().toISOString() });
  return repeated ? { scanId, resourceCount: previous.resourceCount } : undefined;
}
