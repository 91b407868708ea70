/**
 * "3 h ago": how long ago a time was, coarse on purpose (`just now`, minutes, hours, then days), so a
 * cluster that stopped reporting, or drift that has been there for days, stands out. The same words as the
 * extension's hover and the CLI.
 *
 * @example timeAgo('2026-11-22T09:00:00Z', new Date('2026-11-22T12:00:00Z')) // '3 h ago'
 */
export function timeAgo(time: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(time)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
