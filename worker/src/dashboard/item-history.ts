import type { ListedDriftEvent } from '../store/store.ts';
import { timeAgo } from './time-ago.ts';

/** What the history line needs of the item itself, when its events do not reach back far enough. */
export interface HistoryItem {
  first_seen_at: string;
  changes: readonly { changed_by?: { manager: string } | null }[];
}

/**
 * An item's history in one line, from its drift events (the newest few, any order), as the extension's
 * hover says it: when the current run of drift appeared and who wrote it, how often and how recently it
 * changed since, and whether it had gone away before. The author is the event's `changed_by` (the item's
 * own for events stored before events kept it). When the events do not reach back to the appearance (only
 * the newest are read, and retention removes old scans' events), "first seen" is the item's
 * `first_seen_at` and the count of changes is a lower bound ("3+ times"); with no events at all (scans
 * stored before events existed) the line is just that.
 *
 * @example
 * itemHistory(events, item, now) // 'first seen 3 d ago by kubectl-edit; changed again 2 h ago'
 */
export function itemHistory(events: readonly ListedDriftEvent[], item: HistoryItem, now: Date): string {
  // Oldest first; `seq` orders events of the same instant.
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  // The current run starts at the last `appeared`: an earlier run ended with a `resolved`.
  const start = ordered.findLastIndex((event) => event.type === 'appeared');
  const appeared = start === -1 ? undefined : ordered[start]!;
  const changed = ordered.slice(start + 1).filter((event) => event.type === 'changed');
  const author = (changes: HistoryItem['changes']) =>
    changes.find((change) => change.changed_by)?.changed_by?.manager;
  const manager = appeared && (author(appeared.changes) ?? author(item.changes));
  const parts = [
    `first seen ${timeAgo(appeared?.at ?? item.first_seen_at, now)}${manager ? ` by ${manager}` : ''}`,
  ];
  if (changed.length > 0) {
    const count = appeared ? String(changed.length) : `${changed.length}+`;
    const times = count === '1' ? '' : ` (${count} times)`;
    parts.push(`changed again ${timeAgo(changed.at(-1)!.at, now)}${times}`);
  }
  if (ordered.slice(0, Math.max(start, 0)).some((event) => event.type === 'resolved')) {
    parts.push('it had been resolved before');
  }
  return parts.join('; ');
}
