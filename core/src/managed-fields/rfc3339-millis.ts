const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

// Days before each month in a non-leap year.
const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function daysFromCivil(year: number, month: number, day: number): number {
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // Leap days before `year` (counted from year 0), minus those before 1970.
  const leapsBefore = (y: number) => Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  const years = year - 1970;
  const days =
    years * 365 + leapsBefore(year - 1) - leapsBefore(1969) + (MONTH_START[month - 1] ?? 0) + day - 1;
  return month > 2 && leap(year) ? days + 1 : days;
}

/**
 * Milliseconds since the Unix epoch of an RFC 3339 timestamp (`2025-04-22T09:14:03Z`,
 * `2025-04-22T11:14:03.5+02:00`), or `null` when the text is not one. Kubernetes writes
 * `metav1.Time` in UTC with second precision, but an offset or fraction is read too, so two
 * timestamps compare by instant, not by text. Core has no clock (`Date` is refused there), hence
 * this arithmetic.
 *
 * @example
 * rfc3339Millis('1970-01-01T00:00:01Z') // 1000
 */
export function rfc3339Millis(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om] = match;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const days = daysFromCivil(Number(y), month, day);
  const seconds = days * 86_400 + Number(h) * 3_600 + Number(mi) * 60 + Number(s);
  const offset = sign === undefined ? 0 : (sign === '+' ? 1 : -1) * (Number(oh) * 3_600 + Number(om) * 60);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  return (seconds - offset) * 1000 + millis;
}
