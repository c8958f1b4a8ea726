import { addMonths, firstOfMonth, iso, parseDay } from '../dates';
import { fullName, randomSurname } from '../names';
import type { AgencyTables } from '../tables';
import type { ChildTruth, HouseholdTruth } from '../types';
import { schoolYearOf } from '../truth';
import type { DeriveContext } from './context';

/** Months of home-delivery sessions on file before the current one. */
const SESSION_HISTORY_MONTHS = 3;

function emitSchools(ctx: DeriveContext, code: string, out: AgencyTables<'education'>): void {
  if (ctx.emitted.schools.has(code)) return;
  for (const s of ctx.world.schoolGroupOf(code)) {
    if (ctx.emitted.schools.has(s.code)) continue;
    ctx.emitted.schools.add(s.code);
    out.school.push({ code: s.code, name: s.name, region: s.region, level: s.level });
  }
}

/** 全国学籍号: 'G' + ID number; children without hukou hold a temporary number. */
function studentNo(child: ChildTruth): string {
  return child.idNumber !== null ? `G${child.idNumber}` : `L${child.caIssuedId!.slice(2)}`;
}

/**
 * At least two sessions in every complete month since registration (seed: 原则上每月上门不少于2次),
 * and one per ten elapsed days of the current month.
 */
function sessions(ctx: DeriveContext, child: ChildTruth, registeredOn: number, out: AgencyTables<'education'>): void {
  const { rng, asOf } = ctx;
  const teacher = fullName(rng, randomSurname(rng), rng.chance(0.7) ? 'F' : 'M', 'parent');
  const current = firstOfMonth(asOf);
  for (let k = SESSION_HISTORY_MONTHS; k >= 0; k--) {
    const monthStart = addMonths(current, -k);
    const monthEnd = k === 0 ? asOf - 1 : addMonths(monthStart, 1) - 1;
    const start = Math.max(monthStart, registeredOn);
    if (start > monthEnd) continue;
    const count = k === 0 ? Math.floor((monthEnd - start + 1) / 10) : rng.int(2, 4);
    const span = monthEnd - start + 1;
    if (span < count) continue;
    // Spread over the month: one session in each of `count` equal slices.
    for (let i = 0; i < count; i++) {
      const a = start + Math.floor((span * i) / count);
      const b = start + Math.floor((span * (i + 1)) / count) - 1;
      out.home_delivery_session.push({
        child_id: child.id,
        session_date: iso(rng.int(a, b)),
        teacher_name: teacher,
        duration_minutes: rng.pick([60, 90, 90, 120]),
      });
    }
  }
}

/** Aid kinds and yearly amounts (yuan) for children from poor families, by stage. */
function aid(ctx: DeriveContext, child: ChildTruth, rural: boolean, out: AgencyTables<'education'>): void {
  const current = child.schooling?.enrolments.find((e) => e.status === 'ENROLLED');
  if (!current) return;
  const eligible =
    child.supports.some((s) => s.type !== 'TEMPORARY_ASSISTANCE' && s.type !== 'SEVERE_DISABILITY_CARE_SUBSIDY') ||
    child.disability !== null;
  if (!eligible) return;
  const year = schoolYearOf(ctx.asOf);
  if (current.grade <= 9) {
    out.education_aid.push({ child_id: child.id, year, kind: 'LIVING_SUBSIDY', amount: current.grade <= 6 ? 1000 : 1250 });
    if (rural) out.education_aid.push({ child_id: child.id, year, kind: 'NUTRITION_MEAL', amount: 1000 });
  } else {
    out.education_aid.push({ child_id: child.id, year, kind: 'NATIONAL_GRANT', amount: 2000 });
    out.education_aid.push({ child_id: child.id, year, kind: 'TUITION_WAIVER', amount: ctx.rng.pick([1200, 1500, 2000]) });
  }
}

/** 教育: schools (emitted once, with their township or county siblings), enrolments, 送教上门 and aid. */
export function deriveEducation(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'education'>): void {
  const rural = ctx.world.geo.isRural(h.residenceRegion);
  for (const child of h.children) {
    const s = child.schooling;
    if (!s) continue;
    const no = studentNo(child);
    for (const e of s.enrolments) {
      emitSchools(ctx, e.schoolCode, out);
      out.enrolment.push({
        child_id: child.id,
        student_no: no,
        school_code: e.schoolCode,
        grade: e.grade,
        status: e.status,
        status_since: e.statusSince,
        enrolled_on: e.enrolledOn,
        full_time: true,
      });
    }
    if (s.homeDelivery) {
      emitSchools(ctx, s.homeDelivery.schoolCode, out);
      out.home_delivery.push({
        child_id: child.id,
        school_code: s.homeDelivery.schoolCode,
        registered_on: s.homeDelivery.registeredOn,
        ended_on: null,
      });
      sessions(ctx, child, parseDay(s.homeDelivery.registeredOn), out);
    }
    aid(ctx, child, rural, out);
  }
}
