import { addMonths, firstOfMonth, iso, parseDay } from '../dates';
import { between } from '../facts';
import { fullName, randomSurname } from '../names';
import type { ChildTruth } from '../types';
import { removeWhere, type InjectState } from './state';

/** Months of sessions written before last month for a new home-delivery registration (as derive/education.ts keeps). */
const SESSION_HISTORY_MONTHS = 3;

/** n sessions spread over [a, b] (one in each of n equal slices). */
function spread(s: InjectState, childId: string, a: number, b: number, n: number, teacher: string): void {
  const span = b - a + 1;
  if (span < n) return;
  for (let i = 0; i < n; i++) {
    const lo = a + Math.floor((span * i) / n);
    const hi = a + Math.floor((span * (i + 1)) / n) - 1;
    s.edu.home_delivery_session.push({
      child_id: childId,
      session_date: iso(s.rng.int(lo, hi)),
      teacher_name: teacher,
      duration_minutes: s.rng.pick([60, 90, 90, 120]),
    });
  }
}

/** The last calendar month before asOf's month: [first day, last day]. */
function lastMonth(s: InjectState): [number, number] {
  const thisMonth = firstOfMonth(s.asOf);
  return [addMonths(thisMonth, -1), thisMonth - 1];
}

/** Replaces last month's sessions by exactly n (keeping the teacher on file). */
function setLastMonthSessions(s: InjectState, childId: string, n: number): void {
  const [a, b] = lastMonth(s);
  const teacher =
    s.edu.home_delivery_session.find((x) => x.child_id === childId)?.teacher_name ?? fullName(s.rng, randomSurname(s.rng), 'F', 'parent');
  removeWhere(
    s.edu.home_delivery_session,
    (x) => x.child_id === childId && parseDay(x.session_date!) >= a && parseDay(x.session_date!) <= b,
  );
  spread(s, childId, a, b, n, teacher);
}

/**
 * Registers a child for home-delivered education with its own school, at least a month before last
 * month began, with 2–4 sessions in each earlier month on file, n last month and the current month's
 * so far (one per ten elapsed days). Returns the registration date, or null if it cannot predate last month.
 */
function register(s: InjectState, c: ChildTruth, n: number): string | null {
  const e = s.currentEnrolment(c);
  if (!e) return null;
  const [a, b] = lastMonth(s);
  const lo = Math.max(parseDay(e.enrolled_on!), s.asOf - 500);
  const hi = a - 31;
  if (lo > hi) return null;
  const registered = between(s.rng, lo, hi);
  s.edu.home_delivery.push({ child_id: c.id, school_code: e.school_code, registered_on: iso(registered), ended_on: null });
  const teacher = fullName(s.rng, randomSurname(s.rng), s.rng.chance(0.7) ? 'F' : 'M', 'parent');
  for (let k = SESSION_HISTORY_MONTHS; k >= 1; k--) {
    const monthStart = addMonths(a, -k);
    const monthEnd = addMonths(monthStart, 1) - 1;
    const start = Math.max(monthStart, registered);
    if (start <= monthEnd) spread(s, c.id, start, monthEnd, s.rng.int(2, 4), teacher);
  }
  spread(s, c.id, a, b, n, teacher);
  const current = firstOfMonth(s.asOf);
  spread(s, c.id, current, s.asOf - 1, Math.floor((s.asOf - current) / 10), teacher);
  return iso(registered);
}

/** A compulsory-age ledger child with a valid disability certificate or an ongoing serious illness: could be taught at home. */
function homeDeliveryCandidate(s: InjectState, c: ChildTruth): boolean {
  if (!s.free(c) || !s.record(c) || !s.safelyCompulsory(c) || !s.currentEnrolment(c)) return false;
  if (s.edu.home_delivery.some((x) => x.child_id === c.id)) return false;
  return !!s.validCertificate(c.id) || s.health.serious_illness.some((x) => x.person_id === c.id && x.ongoing);
}

/**
 * EDU-HOME-DELIVERY: children registered for home-delivered education (the truth's, and new
 * registrations of disabled or seriously ill compulsory-age ledger children) with 0 or 1 sessions
 * last calendar month (FLAGGED), or with exactly 1 (boundary, FLAGGED) or exactly 2 (boundary, CLEAR).
 */
export function homeDelivery(s: InjectState): void {
  const [a] = lastMonth(s);
  const month = iso(a).slice(0, 7);
  const min = s.policy.homeDeliveryMinSessionsPerMonth;
  for (const c of s.h.children) {
    if (!s.free(c)) continue;
    const existing = s.edu.home_delivery.find((x) => x.child_id === c.id && x.ended_on === null);
    if (existing) {
      if (s.hitBoundary('homeDeliverySessions', 'EDU-HOME-DELIVERY')) {
        const positive = s.alternate('homeDeliverySessions');
        const n = positive ? min - 1 : min;
        setLastMonthSessions(s, c.id, n);
        s.add(
          c.id,
          'EDU-HOME-DELIVERY',
          positive ? 'boundary-positive' : 'boundary-negative',
          `registered ${existing.registered_on}; exactly ${n} session(s) in ${month} (last calendar month before asOf's) → ${positive ? 'FLAGGED' : 'CLEAR'}`,
        );
      } else if (s.hit('EDU-HOME-DELIVERY')) {
        const n = s.rng.int(0, min - 1);
        setLastMonthSessions(s, c.id, n);
        s.add(c.id, 'EDU-HOME-DELIVERY', 'positive', `registered ${existing.registered_on}; ${n} session(s) in ${month} → FLAGGED`);
      }
      continue;
    }
    if (!homeDeliveryCandidate(s, c)) continue;
    if (s.hitBoundary('homeDeliverySessions', 'EDU-HOME-DELIVERY')) {
      const positive = s.alternate('homeDeliverySessions');
      const n = positive ? min - 1 : min;
      const on = register(s, c, n);
      if (on)
        s.add(
          c.id,
          'EDU-HOME-DELIVERY',
          positive ? 'boundary-positive' : 'boundary-negative',
          `newly registered ${on}; exactly ${n} session(s) in ${month} → ${positive ? 'FLAGGED' : 'CLEAR'}`,
        );
    } else if (s.hit('EDU-HOME-DELIVERY')) {
      const n = s.rng.int(0, min - 1);
      const on = register(s, c, n);
      if (on) s.add(c.id, 'EDU-HOME-DELIVERY', 'positive', `newly registered ${on}; ${n} session(s) in ${month} → FLAGGED`);
    }
  }
}

/**
 * EDU-DROPPED-OUT, its 90-day suspension boundary, and EDU-NO-RECORD, on compulsory-age ledger
 * children safely inside the age range who are not migrants (those have their own MIG-NO-SCHOOL) and
 * not taught at home.
 */
export function schoolRecords(s: InjectState): void {
  const max = s.policy.suspensionMaxDays;
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c) || s.onMigrantLedger(c) || !s.safelyCompulsory(c)) continue;
    if (s.edu.home_delivery.some((x) => x.child_id === c.id)) continue;
    const e = s.currentEnrolment(c);
    if (!e) continue;
    const enrolled = parseDay(e.enrolled_on!);
    // Dropping out on the day of enrolment reads oddly: children who started a stage on asOf keep their record.
    if (enrolled > s.asOf - 30) continue;
    if (enrolled <= s.asOf - max - 1 && s.hitBoundary('suspensionDays', 'EDU-DROPPED-OUT')) {
      const positive = s.alternate('suspensionDays');
      const days = positive ? max + 1 : max;
      e.status = 'SUSPENDED';
      e.status_since = iso(s.asOf - days);
      s.add(
        c.id,
        'EDU-DROPPED-OUT',
        positive ? 'boundary-positive' : 'boundary-negative',
        `SUSPENDED since ${e.status_since}: ${days} days before asOf (limit ${max}) → ${positive ? 'FLAGGED' : 'CLEAR'}`,
      );
    } else if (s.hit('EDU-DROPPED-OUT')) {
      const suspend = s.rng.chance(0.35) && enrolled <= s.asOf - max - 31;
      const on = suspend ? Math.max(enrolled, s.asOf - s.rng.int(max + 1, max + 150)) : Math.max(enrolled, s.asOf - s.rng.int(10, 300));
      e.status = suspend ? 'SUSPENDED' : 'DROPPED_OUT';
      e.status_since = iso(on);
      s.add(c.id, 'EDU-DROPPED-OUT', 'positive', `${e.status} since ${e.status_since} at ${e.school_code} (${s.asOf - on} days) → FLAGGED`);
    } else if (s.hit('EDU-NO-RECORD')) {
      const n = removeWhere(s.edu.enrolment, (x) => x.child_id === c.id);
      removeWhere(s.edu.education_aid, (x) => x.child_id === c.id);
      s.add(
        c.id,
        'EDU-NO-RECORD',
        'positive',
        `aged ${s.age(c)} (${s.ageAtCutoff(c)} on the cutoff); all ${n} enrolment record(s) and education aid removed → FLAGGED`,
      );
    }
  }
}
