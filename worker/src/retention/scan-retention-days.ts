/** Days a scan is kept when `SCAN_RETENTION_DAYS` is unset (the newest scan of each scope is kept always). */
export const DEFAULT_SCAN_RETENTION_DAYS = 30;

/**
 * `SCAN_RETENTION_DAYS` as a number of days: a positive integer, else the default (a typo in the
 * setting must not purge everything, nor stop purging).
 *
 * @example
 * scanRetentionDays('7'); // 7
 * scanRetentionDays(undefined); // 30
 */
export function scanRetentionDays(value: string | undefined): number {
  const days = Number(value);
  return Number.isSafeInteger(days) && days > 0 ? days : DEFAULT_SCAN_RETENTION_DAYS;
}
