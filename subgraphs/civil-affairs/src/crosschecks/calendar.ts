/**
 * Civil-date arithmetic on 'YYYY-MM-DD' strings (population/GROUND_TRUTH.md §1.1): ages in completed
 * years (29 February birthdays reached on 1 March in common years), calendar months added with the day
 * clamped to the month's end (PostgreSQL's `date + interval 'n months'`), day differences. No time zones.
 */
function parts(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function age(dob: string, on: string): number {
  const [by, bm, bd] = parts(dob);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addMonths(d: string, n: number): string {
  const [y, m, day] = parts(d);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return `${pad(ty, 4)}-${pad(tm)}-${pad(Math.min(day, daysInMonth(ty, tm)))}`;
}

export function daysBetween(from: string, to: string): number {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

/** First day of the date's month. */
export function monthStart(d: string): string {
  return `${d.slice(0, 7)}-01`;
}

export function yearOf(d: string): number {
  return Number(d.slice(0, 4));
}

/** The compulsory-education cutoff that opened the school year containing `asOf` (31 August by default). */
export function schoolYearCutoff(asOf: string, month: number, day: number): string {
  const y = yearOf(asOf);
  const thisYear = `${pad(y, 4)}-${pad(month)}-${pad(day)}`;
  return asOf > thisYear ? thisYear : `${pad(y - 1, 4)}-${pad(month)}-${pad(day)}`;
}
