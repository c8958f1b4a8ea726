import { addMonths, addYears, dayOf, iso, parseDay, yearOf } from '../dates';
import type { ChildTruth } from '../types';
import { removeWhere, type EnrolmentRow, type InjectState } from './state';

/**
 * Takes the young person out of full-time education in the registry: graduated from senior school in
 * July, dropped out, or enrolled part-time. Returns what changed (or that nothing needed to).
 */
function leaveSchool(s: InjectState, c: ChildTruth, how: 'GRADUATED' | 'DROPPED_OUT' | 'PART_TIME'): string {
  const e = s.enrolments(c).find((x) => x.status === 'ENROLLED' && x.full_time !== false);
  if (!e) return 'no current full-time enrolment on file (unchanged)';
  const enrolled = parseDay(e.enrolled_on!);
  if (how === 'PART_TIME') {
    e.full_time = false;
    return `enrolment at ${e.school_code} (grade ${e.grade}) now part-time (full_time false)`;
  }
  if (how === 'GRADUATED') {
    const july = dayOf(yearOf(s.asOf), 7, 1);
    const on = july >= enrolled && july <= s.asOf ? july : Math.max(enrolled, s.asOf - 1);
    e.status = 'GRADUATED';
    e.status_since = iso(on);
    return `enrolment at ${e.school_code} GRADUATED on ${iso(on)}`;
  }
  const on = Math.max(enrolled, s.asOf - s.rng.int(20, 200));
  e.status = 'DROPPED_OUT';
  e.status_since = iso(on);
  return `enrolment at ${e.school_code} DROPPED_OUT on ${iso(on)}`;
}

function fullTime(s: InjectState, c: ChildTruth): EnrolmentRow | undefined {
  return s.enrolments(c).find((x) => x.status === 'ENROLLED' && x.full_time !== false);
}

/** Adds the support that ends at majority without exception (困境儿童基本生活费), started while a child and never ended. */
function addEndingSupport(s: InjectState, c: ChildTruth, adultDay: number): string | null {
  const type = s.policy.supportsEndingAtAdulthood[0];
  if (!type) return null;
  const start = Math.max(addYears(s.dob(c), 6), addMonths(adultDay, -s.rng.int(8, 48)));
  const row = s.addSupport(c, type, start);
  return `${type} since ${row.start_date}, never ended`;
}

/**
 * EXIT-AGE and the 16th-birthday boundaries, on the children the age knobs placed there (and any
 * other child on those days). Young people of full age on the ledger (the truth keeps their orphan,
 * de-facto or poverty support going) get one of: leaving full-time school while a continuing support
 * runs (FLAGGED), staying in full-time school (CLEAR), or an allowance that ends at majority left
 * running (FLAGGED); on the 18th birthday itself (FLAGGED) and the day before it (CLEAR, still 17)
 * with the same change. At 16: a migrant child whose 16th birthday is asOf stays on the migrant
 * ledger (MIG-NOT-MIGRANT FLAGGED) while one turning 16 tomorrow is clear; a left-behind child
 * without any school record is outside compulsory age on its 16th birthday (EDU-NO-RECORD CLEAR,
 * kept on the ledger) and inside it the day before (FLAGGED).
 */
export function ageCases(s: InjectState): void {
  const p = s.policy;
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null) continue;
    const dob = s.dob(c);
    const adultDay = addYears(dob, p.adultAge);
    if ((adultDay <= s.asOf || adultDay === s.asOf + 1) && s.record(c) && s.hit('EXIT-AGE')) exitAge(s, c, adultDay);
    else {
      const day16 = addYears(dob, p.migrant.maxAgeExclusive);
      if (day16 === s.asOf || day16 === s.asOf + 1) sixteen(s, c, day16);
    }
  }
}

function exitAge(s: InjectState, c: ChildTruth, adultDay: number): void {
  const p = s.policy;
  const continuing = p.supportsContinuingWhileStudying.filter((t) => s.active(c, t));
  const ending = p.supportsEndingAtAdulthood.filter((t) => s.active(c, t));
  const birthday = `${p.adultAge}th birthday ${iso(adultDay)}`;
  const onDay = adultDay === s.asOf;
  const dayBefore = adultDay === s.asOf + 1;
  if (onDay || dayBefore) {
    let what: string | null;
    if (continuing.length) what = `${continuing.join('+')} active; ${leaveSchool(s, c, 'GRADUATED')}`;
    else if (ending.length) what = `${ending.join('+')} active`;
    else what = addEndingSupport(s, c, adultDay);
    if (what === null) return;
    s.add(
      c.id,
      'EXIT-AGE',
      onDay ? 'boundary-positive' : 'boundary-negative',
      onDay
        ? `${birthday} == asOf: ${p.adultAge} on asOf; ${what} → FLAGGED`
        : `${birthday} == asOf + 1: still ${p.adultAge - 1} on asOf; ${what} → CLEAR`,
    );
    return;
  }
  const age = s.age(c);
  if (continuing.length && !ending.length) {
    const e = fullTime(s, c);
    if (e && s.rng.chance(0.3)) {
      s.add(
        c.id,
        'EXIT-AGE',
        'boundary-negative',
        `${birthday}, aged ${age}; ${continuing.join('+')} active and ENROLLED full-time at ${e.school_code} (grade ${e.grade}) since ${e.status_since} → CLEAR`,
      );
      return;
    }
    const how = s.rng.pick(['GRADUATED', 'GRADUATED', 'DROPPED_OUT', 'PART_TIME'] as const);
    s.add(c.id, 'EXIT-AGE', 'positive', `${birthday}, aged ${age}; ${continuing.join('+')} active; ${leaveSchool(s, c, how)} → FLAGGED`);
    return;
  }
  const what = ending.length ? `${ending.join('+')} active` : addEndingSupport(s, c, adultDay);
  if (what === null) return;
  s.add(c.id, 'EXIT-AGE', 'positive', `${birthday}, aged ${age}; ${what} → FLAGGED`);
}

function sixteen(s: InjectState, c: ChildTruth, day16: number): void {
  const onDay = day16 === s.asOf;
  const birthday = `16th birthday ${iso(day16)}`;
  const sibling = s.h.children.map((x) => s.record(x)).find((r) => r !== undefined);
  const registeredOn = sibling ? parseDay(sibling.registered_on!) : s.asOf - s.rng.int(200, 800);
  if (s.h.kind === 'MIGRANT') {
    if (!s.on('MIG-NOT-MIGRANT')) return;
    const permit = s.permits(c.id)[0];
    if (!permit || parseDay(permit.residence_since!) > addMonths(s.asOf, -s.policy.migrant.minResidenceMonths) - 30) return;
    if (onDay) {
      const r = s.record(c);
      if (r) {
        if (!r.categories!.includes('MIGRANT')) r.categories = [...r.categories!, 'MIGRANT'];
      } else s.createRecord(c, ['MIGRANT'], Math.max(registeredOn, addMonths(parseDay(permit.residence_since!), 6)));
      s.add(
        c.id,
        'MIG-NOT-MIGRANT',
        'boundary-positive',
        `${birthday} == asOf: aged 16, still on the migrant ledger (residence since ${permit.residence_since}) → FLAGGED`,
      );
    } else if (s.onMigrantLedger(c)) {
      s.add(
        c.id,
        'MIG-NOT-MIGRANT',
        'boundary-negative',
        `${birthday} == asOf + 1: still 15 (unchanged; residence since ${permit.residence_since}, hukou ${c.hukouRegion}) → CLEAR`,
      );
    }
    return;
  }
  if (s.h.kind === 'LEFT_BEHIND') {
    if (!s.on('EDU-NO-RECORD')) return;
    if (s.enrolments(c).length === 0) return;
    if (onDay) {
      if (!s.record(c)) s.createRecord(c, ['LEFT_BEHIND'], Math.max(registeredOn, s.dob(c) + 30));
    } else if (!s.record(c)) return;
    removeWhere(s.edu.enrolment, (e) => e.child_id === c.id);
    removeWhere(s.edu.education_aid, (e) => e.child_id === c.id);
    s.add(
      c.id,
      'EDU-NO-RECORD',
      onDay ? 'boundary-negative' : 'boundary-positive',
      onDay
        ? `${birthday} == asOf: aged 16, past compulsory age; every enrolment removed (kept on the ledger as LEFT_BEHIND) → CLEAR`
        : `${birthday} == asOf + 1: still 15, compulsory age; every enrolment removed → FLAGGED`,
    );
  }
}
