import { createHash } from 'node:crypto';
import { DEFAULT_POLICY } from '@hub/domain';
import { iso, parseDay } from '../dates';
import { hashString, Weighted } from '../rng';
import type { AgencyTables } from '../tables';
import type { ChildTruth, HouseholdTruth, RiskColour } from '../types';
import type { DeriveContext } from './context';

/**
 * Days between visits by risk colour (四色管理). The upper bounds stay inside the catalogue's
 * CARE-VISIT-OVERDUE defaults (RED 7, YELLOW 15, BLUE 30, GREEN 30 days), and the latest visit is a home visit, so
 * truthful records never look overdue.
 */
export const VISIT_INTERVAL_DAYS: Record<RiskColour, readonly [number, number]> = {
  RED: [4, 7],
  YELLOW: [8, 15],
  BLUE: [15, 30],
  GREEN: [20, 30],
};
/**
 * The same for children visited more often (disability, serious illness: the policy's raisedVisitCategories; or a
 * factor of the latest assessment: raisedVisitFactors), inside
 * its raisedVisitIntervalDays defaults (RED 7, YELLOW 10, BLUE 15, GREEN 15).
 */
const RAISED_VISIT_INTERVAL_DAYS: Record<RiskColour, readonly [number, number]> = {
  RED: [4, 7],
  YELLOW: [5, 10],
  BLUE: [8, 15],
  GREEN: [10, 15],
};
const RAISED_CATEGORIES: readonly string[] = DEFAULT_POLICY.raisedVisitCategories;
/** How far back the visit log goes. */
const VISIT_HISTORY_DAYS = 120;

type Method = 'HOME' | 'PHONE' | 'SCHOOL' | 'VIDEO';
const METHODS = new Weighted<Method>([
  ['HOME', 0.7],
  ['PHONE', 0.12],
  ['SCHOOL', 0.1],
  ['VIDEO', 0.08],
]);
const NOTES: Record<Method, readonly string[]> = {
  HOME: [
    '入户走访，了解儿童生活和学习情况',
    '入户走访，查看居住环境和安全隐患',
    '入户走访，送去学习用品',
    '入户走访，开展安全教育和防溺水提醒',
    '入户走访，监护人照料情况良好',
  ],
  PHONE: ['电话回访，监护人反映情况正常', '电话联系监护人，了解近期身体状况', '电话回访，提醒按时接种疫苗和就医'],
  SCHOOL: ['到校了解学习和在校表现', '与班主任沟通儿童在校情况'],
  VIDEO: ['视频连线，协助儿童与外出父母沟通', '视频回访，了解儿童心理状况'],
};

const RAISED_FACTORS: readonly string[] = DEFAULT_POLICY.raisedVisitFactors;

/** A number in [0, 1) fixed by a child and a purpose: drawn without touching the household's random stream. */
function unit(childId: string, purpose: string): number {
  return (hashString(`${childId}:${purpose}`) >>> 0) / 4294967296;
}

/**
 * A UUID fixed by a child and a purpose (the client key an assessment entered in the hub would carry). SHA-256, not
 * the generator's 32-bit string hash: two ids whose FNV states meet stay met for every suffix, and the keys must be
 * unique across a million children (the database refuses a repeated key).
 */
function keyOf(childId: string, purpose: string): string {
  const hex = createHash('sha256').update(`${childId}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const REASONS: Record<string, string> = {
  PSYCH_BEHAVIOUR: '儿童情绪低落、厌学，存在心理或行为异常，需加大走访频次',
  CHILD_DISABILITY: '儿童自身残疾，需加大走访频次',
  PARENT_SEVERE_DISABILITY: '父母一方重度残疾，照料能力不足，需加大走访频次',
  FAMILY_HARDSHIP: '家庭经济困难，已协助申请救助',
  NONE: '复评未发现风险因素',
};

/**
 * The ledger's risk assessments (四色管理评估) made before asOf, for about one ledger child in seven: one assessment,
 * or a reassessment months later; some found a factor that raises the visit frequency (policy raisedVisitFactors:
 * 心理或行为异常, 儿童残疾, 父母重残), some none. The latest is what counts. Drawn from the child's id, so the rest
 * of the household's data is as before. Returns whether the latest assessment raises the frequency.
 */
function assessments(ctx: DeriveContext, child: ChildTruth, directorId: string, out: AgencyTables<'civil-affairs'>): boolean {
  const { asOf } = ctx;
  const u = unit(child.id, 'assessment');
  if (u >= 0.14) return false;
  const registered = parseDay(child.registeredOn!);
  const latestOn = asOf - 5 - Math.floor(unit(child.id, 'assessed-on') * 60);
  if (latestOn < registered) return false;
  const raising = RAISED_FACTORS[Math.floor(unit(child.id, 'factor') * RAISED_FACTORS.length)];
  const quiet = unit(child.id, 'quiet') < 0.5 ? 'FAMILY_HARDSHIP' : null;
  // [factors of the earlier assessment (or none), factors of the latest]
  const [earlier, latest]: [string[] | null, string[]] =
    u < 0.05
      ? [null, [raising]]
      : u < 0.1
        ? [null, quiet ? [quiet] : []]
        : u < 0.12
          ? [[raising], quiet ? [quiet] : []]
          : [quiet ? [quiet] : [], [raising]];
  const colour = child.riskColour!;
  const row = (on: number, factors: string[], previous: string | null, purpose: string) =>
    out.risk_assessment.push({
      child_id: child.id,
      assessed_on: iso(on),
      colour,
      previous_colour: previous,
      factors,
      reason: REASONS[factors[0] ?? 'NONE'],
      assessor: directorId,
      assessor_role: 'DIRECTOR',
      recorded_at: `${iso(on)}T18:00:00+08:00`,
      request_key: keyOf(child.id, purpose),
    });
  const earlierOn = latestOn - 30 - Math.floor(unit(child.id, 'earlier-on') * 90);
  if (earlier && earlierOn >= registered) row(earlierOn, earlier, null, 'assessment-1');
  row(latestOn, latest, earlier && earlierOn >= registered ? colour : null, 'assessment-2');
  return latest.some((f) => RAISED_FACTORS.includes(f));
}

function visits(
  ctx: DeriveContext,
  child: ChildTruth,
  directorId: string,
  supervisorId: string,
  out: AgencyTables<'civil-affairs'>,
  raisedByAssessment: boolean,
): void {
  const { rng, asOf } = ctx;
  const raised = raisedByAssessment || child.categories.some((k) => RAISED_CATEGORIES.includes(k));
  const [lo, hi] = (raised ? RAISED_VISIT_INTERVAL_DAYS : VISIT_INTERVAL_DAYS)[child.riskColour!];
  const registered = parseDay(child.registeredOn!);
  const from = Math.max(registered, asOf - VISIT_HISTORY_DAYS);
  let day = Math.max(registered, asOf - rng.int(0, lo - 1));
  const dates: number[] = [];
  while (day >= from) {
    dates.push(day);
    day -= rng.int(lo, hi);
  }
  const inSchool = child.schooling !== null && child.schooling.enrolments.some((e) => e.status === 'ENROLLED');
  for (let i = dates.length - 1; i >= 0; i--) {
    let method = METHODS.pick(rng);
    if (method === 'SCHOOL' && !inSchool) method = 'HOME';
    // The latest contact of a truthful record is a home visit: only those count (policy visitMethodsCounted), and
    // a truthful record is never overdue. Earlier ones are any of the four.
    if (i === 0) method = 'HOME';
    const r = rng.float();
    const [role, visitor] =
      r < 0.88 ? (['DIRECTOR', directorId] as const) : r < 0.96 ? (['SUPERVISOR', supervisorId] as const) : (['CASEWORKER', null] as const);
    out.visit.push({
      child_id: child.id,
      visited_on: iso(dates[i]),
      visitor_id: visitor,
      visitor_role: role,
      method,
      notes: rng.pick(NOTES[method]),
    });
  }
}

/**
 * 民政: the ledger (一人一档) of children in a category, with their director and supervisor (emitted
 * the first time a village or township appears), care agreements, visits and supports; and court
 * records revoking a parent's guardianship.
 */
export function deriveCivilAffairs(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'civil-affairs'>): void {
  const { world, emitted } = ctx;
  for (const child of h.children) {
    if (!child.onLedger) continue;
    const director = world.directorOf(child.residenceRegion);
    const supervisor = world.supervisorOf(child.residenceRegion.slice(0, 9));
    if (!emitted.supervisors.has(supervisor.id)) {
      emitted.supervisors.add(supervisor.id);
      out.child_supervisor.push({
        id: supervisor.id,
        name: supervisor.name,
        township_code: supervisor.region,
        phone: supervisor.phone,
        appointed_on: supervisor.appointedOn,
        trained_on: supervisor.trainedOn,
      });
    }
    if (!emitted.directors.has(director.id)) {
      emitted.directors.add(director.id);
      out.child_director.push({
        id: director.id,
        name: director.name,
        village_code: director.region,
        supervisor_id: director.supervisorId,
        phone: director.phone,
        appointed_on: director.appointedOn,
        trained_on: director.trainedOn,
      });
    }
    out.child_record.push({
      id: child.id,
      id_number: child.idNumber,
      ca_issued_id: child.caIssuedId,
      name: child.name,
      gender: child.gender,
      date_of_birth: child.dateOfBirth,
      hukou_region: child.hukouRegion,
      residence_region: child.residenceRegion,
      categories: [...child.categories],
      risk_colour: child.riskColour,
      guardian_name: child.guardian?.name ?? null,
      guardian_relation: child.guardian?.relation ?? null,
      guardian_phone: child.guardian?.phone ?? null,
      director_id: director.id,
      registered_on: child.registeredOn,
    });
    const a = child.careAgreement;
    if (a)
      out.care_agreement.push({
        child_id: child.id,
        caregiver_name: a.caregiverName,
        caregiver_relation: a.caregiverRelation,
        signed_on: a.signedOn,
        valid_until: a.validUntil,
      });
    visits(ctx, child, director.id, supervisor.id, out, assessments(ctx, child, director.id, out));
    const paying = (child.hukouRegion ?? child.residenceRegion).slice(0, 6);
    for (const s of child.supports) {
      out.support.push({
        child_id: child.id,
        type: s.type,
        monthly_amount: s.monthlyAmount,
        start_date: s.startDate,
        end_date: s.endDate,
        paying_region: paying,
      });
    }
  }
  for (const p of h.parents) {
    const r = p.guardianshipRevoked;
    if (!r) continue;
    for (const child of h.children) {
      // The judgment names the children born by then.
      if (parseDay(child.dateOfBirth) > parseDay(r.on)) continue;
      out.guardianship_revocation.push({
        parent_id: p.id,
        child_id: child.id,
        court: r.court,
        judgment_no: r.judgmentNo,
        revoked_on: r.on,
      });
    }
  }
}
