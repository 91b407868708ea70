import type { Store } from '../store/store.ts';
import { purgeOldScans } from './purge-old-scans.ts';

/** Every 6 hours (the Workers cron trigger of `wrangler.toml` runs daily; a process may run for weeks). */
const PURGE_INTERVAL_MS = 6 * 3_600_000;

/**
 * The retention purge of the Node and Deno entries (the cron trigger on Workers): once at start, then
 * every 6 hours. Scans, their drift events and their webhook deliveries go together (`purgeOldScans`).
 * Returns the stop function.
 *
 * @example
 * startRetentionPurge({ store, retentionDays: process.env.SCAN_RETENTION_DAYS });
 */
export function startRetentionPurge(options: {
  store: Store;
  retentionDays: string | undefined;
}): () => void {
  const purge = () =>
    purgeOldScans(options).then(
      ({ scans }) => scans > 0 && console.log(`retention: purged ${scans} scans`),
      (error: unknown) => console.error('retention purge failed', error),
    );
  void purge();
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  // The timer alone does not keep a Node process alive (Deno's timers have no unref: its server does).
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
