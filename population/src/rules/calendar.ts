/**
 * The oracle's calendar, written independently of the generator's `dates.ts` so that a bug there
 * cannot hide itself in the ground truth. Dates are strict 'YYYY-MM-DD' strings; for such strings
 * lexicographic order is chronological order, so comparisons are plain string comparisons.
 * Semantics (GROUND_TRUTH.md §1):
 *  - age in completed years: a person turns N on the birthday; born 29 February → turns N on 1 March
 *    in non-leap years (year/month/day comparison, never `dob + N years`);
 *  - adding calendar months keeps the day of month, clamped to the last day of the target month
 *    (31 Aug + 6 months = 28/29 Feb), as PostgreSQL's `date + interval 'n months'` does;
 *  - a day difference is the number of days between two dates (asOf − d).
 */

function bad(iso: unknown): never {
  throw new Error(`oracle: not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  if (c < 0 || c > 9) bad(s);
  return c;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
}

/** [year, month 1–12, day 1–31] of a strict ISO date. */
export function ymd(iso: string): [number, number, number] {
  if (typeof iso !== 'string' || iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') bad(iso);
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) bad(iso);
  return [y, m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

const dayCache = new Map<string, number>();

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; days-from-civil). */
function dayNumber(iso: string): number {
  const hit = dayCache.get(iso);
  if (hit !== undefined) return hit;
  const [y0, m, d] = ymd(iso);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const n = era * 146097 + doe - 719468;
  if (dayCache.size < 200_000) dayCache.set(iso, n);
  return n;
}

/** `to − from` in days. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The same day of month `months` calendar months later, clamped to the target month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = ymd(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return isoOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * Completed years of age on `at` for someone born on `dob`: year difference, minus one if (month, day)
 * of `at` is before (month, day) of `dob`. A 29 February birthday is reached on 1 March in non-leap years.
 */
export function ageOn(dob: string, at: string): number {
  const [by, bm, bd] = ymd(dob);
  const [ay, am, ad] = ymd(at);
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age;
}

/** First day of the month of `iso`. */
export function firstOfMonth(iso: string): string {
  const [y, m] = ymd(iso);
  return isoOf(y, m, 1);
}
