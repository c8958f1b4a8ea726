/**
 * Civil dates as integer day numbers (days since 1970-01-01, UTC), the generator's internal form:
 * arithmetic is exact and formatting is a table lookup (millions of dates are written per run).
 * Rows and truth objects carry 'YYYY-MM-DD' strings.
 */
const MS_PER_DAY = 86_400_000;
const TABLE_FIRST_YEAR = 1900;
const TABLE_LAST_YEAR = 2100;

const FIRST = Date.UTC(TABLE_FIRST_YEAR, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(TABLE_LAST_YEAR, 11, 31) / MS_PER_DAY;
let isoTable: string[] | null = null;
let yearTable: Int16Array | null = null;
let monthTable: Int8Array | null = null;
let dateTable: Int8Array | null = null;

function buildTables(): void {
  const n = LAST - FIRST + 1;
  isoTable = new Array<string>(n);
  yearTable = new Int16Array(n);
  monthTable = new Int8Array(n);
  dateTable = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const d = new Date((FIRST + i) * MS_PER_DAY);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const dd = d.getUTCDate();
    yearTable[i] = y;
    monthTable[i] = m;
    dateTable[i] = dd;
    isoTable[i] = `${y}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`;
  }
}

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil; out-of-range months/days roll over like Date.UTC). */
export function dayOf(year: number, month: number, date: number): number {
  if (month < 1 || month > 12) {
    const total = year * 12 + (month - 1);
    year = Math.floor(total / 12);
    month = total - year * 12 + 1;
  }
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const parsed = new Map<string, number>();

/** Parses a strict 'YYYY-MM-DD' calendar date. */
export function parseDay(iso: string): number {
  const hit = parsed.get(iso);
  if (hit !== undefined) return hit;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  if (yearOf(day) !== y || monthOf(day) !== mo || dateOf(day) !== d) throw new Error(`not a calendar date: ${iso}`);
  // Bounded: distinct dates in the table range only.
  if (day >= FIRST && day <= LAST) parsed.set(iso, day);
  return day;
}

export function iso(day: number): string {
  if (day >= FIRST && day <= LAST) {
    if (!isoTable) buildTables();
    return isoTable![day - FIRST];
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  if (day >= FIRST && day <= LAST) {
    if (!yearTable) buildTables();
    return yearTable![day - FIRST];
  }
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function monthOf(day: number): number {
  if (day >= FIRST && day <= LAST) {
    if (!monthTable) buildTables();
    return monthTable![day - FIRST];
  }
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

function dateOf(day: number): number {
  if (day >= FIRST && day <= LAST) {
    if (!dateTable) buildTables();
    return dateTable![day - FIRST];
  }
  return new Date(day * MS_PER_DAY).getUTCDate();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1];
}

/** Same day-of-month n months later (clamped to the month's last day: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const y = yearOf(day);
  const m = monthOf(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayOf(ny, nm, Math.min(dateOf(day), daysInMonth(ny, nm)));
}

export function addYears(day: number, years: number): number {
  return addMonths(day, 12 * years);
}

/** Completed years of age on `at` for someone born on `dob` (birthday on 29 Feb counts on 1 Mar). */
export function ageOn(dob: number, at: number): number {
  let age = yearOf(at) - yearOf(dob);
  const mAt = monthOf(at);
  const mDob = monthOf(dob);
  if (mAt < mDob || (mAt === mDob && dateOf(at) < dateOf(dob))) age--;
  return age;
}

/** Completed months of age on `at`. */
export function monthsOn(dob: number, at: number): number {
  let months = (yearOf(at) - yearOf(dob)) * 12 + (monthOf(at) - monthOf(dob));
  if (dateOf(at) < dateOf(dob)) months--;
  return months;
}

export function firstOfMonth(day: number): number {
  return day - dateOf(day) + 1;
}
