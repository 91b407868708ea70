import type { DeliveryRow } from '../store/store.ts';

const code = (attempt: DeliveryRow['attempts'][number]) =>
  attempt.responseCode === null ? 'no response' : String(attempt.responseCode);

/**
 * A delivery's state in a few words, with its last attempt's status code: what the Notifications page
 * shows per webhook and the deliveries page per delivery.
 *
 * @example deliverySummary({ state: 'pending', attempts: [{ responseCode: 500, … }], … }) // 'pending (last: 500)'
 */
export function deliverySummary(delivery: DeliveryRow): string {
  const last = delivery.attempts.at(-1);
  if (!last) return `${delivery.state} (not attempted yet)`;
  const tries = delivery.attempts.length;
  const count = `${tries} attempt${tries === 1 ? '' : 's'}`;
  return `${delivery.state} (last: ${code(last)}, ${count})`;
}

/** Each attempt's status code in order, `no response` where none came (a timeout, a refused connection). */
export function attemptCodes(delivery: DeliveryRow): string {
  return delivery.attempts.map(code).join(', ');
}
