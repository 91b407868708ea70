/**
 * How long ago a time was, in the coarsest unit that fits: `just now`, `4 min ago`, `3 h ago`, `2 d ago`.
 * An unparsable time gives `unknown age`.
 * @example formatAge('2026-11-22T01:00:00Z', Date.parse('2026-11-22T01:05:00Z')) // '5 min ago'
 */
export function formatAge(time: string, now: number): string {
  const then = Date.parse(time);
  if (Number.isNaN(then)) return 'unknown age';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
