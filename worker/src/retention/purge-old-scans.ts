import type { Store } from '../store/store.ts';
import { scanRetentionDays } from './scan-retention-days.ts';

/** Options of {@link purgeOldScans}. */
export interface PurgeOldScansOptions {
  store: Store;
  /** `SCAN_RETENTION_DAYS` as configured (default 30). */
  retentionDays?: string | undefined;
  now?: () => Date;
}

/**
 * The retention job (issue 8, item 7): scans older than the retention period go, except the newest of
 * each cluster and namespace (its drift is what "latest" serves), and with them the drift sets, chunks
 * and value parts nothing references any more; and the staged parts of expired or finished batches. Run by the Workers cron trigger and by an interval on Node.
 *
 * @example
 * await purgeOldScans({ store, retentionDays: env.SCAN_RETENTION_DAYS }); // { scans: 12, before: '…' }
 */
export async function purgeOldScans(
  options: PurgeOldScansOptions,
): Promise<{ scans: number; before: string }> {
  const { store, retentionDays, now = () => new Date() } = options;
  const before = new Date(now().getTime() - scanRetentionDays(retentionDays) * 86_400_000).toISOString();
  const { scans } = await store.purgeScans(before);
  // Issue 9: batches past their 15 minutes lose their staged parts here too, not only when a part arrives.
  await store.batches.purge(now().toISOString());
  return { scans, before };
}
