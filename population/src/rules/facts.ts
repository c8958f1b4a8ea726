import type { CrossCheckPolicy, ParentalCircumstance } from '@hub/domain';
import type { AgencyRows, RowOf } from '../tables';
import { addMonths, ageOn, daysInMonth, firstOfMonth, isoOf, ymd } from './calendar';

/**
 * The facts the rules read, derived from one household's agency rows exactly as GROUND_TRUTH.md §1
 * defines them. Missing data is `null` (three-valued logic: true / false / unknown).
 */

export type T3 = boolean | null;

export type Person = RowOf<'public-security', 'person'>;
export type ParentLink = RowOf<'public-security', 'parent_link'>;
export type Permit = RowOf<'public-security', 'residence_permit'>;
export type Custody = RowOf<'public-security', 'custody_record'>;
export type MissingReport = RowOf<'public-security', 'missing_report'>;
export type ChildRecord = RowOf<'civil-affairs', 'child_record'>;
export type Support = RowOf<'civil-affairs', 'support'>;
export type CareAgreement = RowOf<'civil-affairs', 'care_agreement'>;
export type RiskAssessment = RowOf<'civil-affairs', 'risk_assessment'>;
export type Visit = RowOf<'civil-affairs', 'visit'>;
export type Revocation = RowOf<'civil-affairs', 'guardianship_revocation'>;
export type Enrolment = RowOf<'education', 'enrolment'>;
export type HomeDelivery = RowOf<'education', 'home_delivery'>;
export type Session = RowOf<'education', 'home_delivery_session'>;
export type DeathCertificate = RowOf<'health', 'death_certificate'>;
export type Immunization = RowOf<'health', 'immunization_status'>;
export type Illness = RowOf<'health', 'serious_illness'>;
export type InsuranceEnrolment = RowOf<'medical-insurance', 'insurance_enrolment'>;
export type Certificate = RowOf<'disabled-persons', 'disability_certificate'>;

/** Parental circumstances (the catalogue's "parental circumstance"), DEPORTED included. */
type Circumstance = ParentalCircumstance;

const RESTRICTIONS = new Set(['IMPRISONED', 'COMPULSORY_DRUG_REHAB', 'OTHER_RESTRICTION']);

/** Everything about the evaluation that does not depend on the household (computed once per options). */
export class Env {
  readonly asOf: string;
  readonly asOfYear: number;
  /** First day of asOf's month, and of the month before (the "last calendar month" is [prev, this)). */
  readonly thisMonthStart: string;
  readonly lastMonthStart: string;
  /** The cutoff date (31 August by default) that opens the school year containing asOf. */
  readonly schoolCutoff: string;
  readonly severeLevels: Set<number>;
  readonly severeTypes: Set<string>;
  readonly continuing: Set<string>;
  readonly endingAtAdulthood: Set<string>;
  readonly locallyFunded: Set<string>;
  readonly fullSubsidy: Set<string>;
  readonly partialSubsidy: Set<string>;
  /** County code → indexes of the equivalence groups it belongs to (groups may overlap). */
  readonly groupsOf = new Map<string, Set<number>>();

  constructor(
    asOf: string,
    readonly policy: CrossCheckPolicy,
    readonly jurisdiction: string,
  ) {
    const [y, m, d] = ymd(asOf);
    this.asOf = asOf;
    this.asOfYear = y;
    this.thisMonthStart = firstOfMonth(asOf);
    this.lastMonthStart = addMonths(this.thisMonthStart, -1);
    const ce = policy.compulsoryEducation;
    // The school year containing asOf starts the day after the cutoff: asOf after this year's cutoff → this year's, else last year's.
    const afterCutoff = m > ce.cutoffMonth || (m === ce.cutoffMonth && d > ce.cutoffDay);
    const cy = afterCutoff ? y : y - 1;
    this.schoolCutoff = isoOf(cy, ce.cutoffMonth, Math.min(ce.cutoffDay, daysInMonth(cy, ce.cutoffMonth)));
    this.severeLevels = new Set(policy.severeDisabilityLevels);
    this.severeTypes = new Set(policy.severeAtAnyLevelTypes);
    this.continuing = new Set(policy.supportsContinuingWhileStudying);
    this.endingAtAdulthood = new Set(policy.supportsEndingAtAdulthood);
    this.locallyFunded = new Set(policy.locallyFundedSupports);
    this.fullSubsidy = new Set(policy.fullInsuranceSubsidySupports);
    this.partialSubsidy = new Set(policy.partialInsuranceSubsidySupports);
    policy.migrant.equivalenceGroups.forEach((g, i) =>
      g.forEach((c) => {
        const county = c.slice(0, 6);
        const set = this.groupsOf.get(county) ?? new Set<number>();
        set.add(i);
        this.groupsOf.set(county, set);
      }),
    );
  }

  /** Same county, or two counties that share an equivalence group. */
  sameMigrationArea(countyA: string, countyB: string): boolean {
    if (countyA === countyB) return true;
    const a = this.groupsOf.get(countyA);
    const b = this.groupsOf.get(countyB);
    if (!a || !b) return false;
    for (const g of a) if (b.has(g)) return true;
    return false;
  }

  /** A certificate in force on asOf: issued by asOf, status VALID and valid_until ≥ asOf (the expiry day itself is still valid). */
  validCertificate(c: Certificate): boolean {
    return c.status === 'VALID' && c.issued_on !== null && c.issued_on <= this.asOf && c.valid_until !== null && c.valid_until >= this.asOf;
  }

  /** Severe: level in severeDisabilityLevels, or a type in severeAtAnyLevelTypes (any level). */
  severeCertificate(c: Certificate): boolean {
    return (c.level !== null && this.severeLevels.has(c.level)) || (c.type !== null && this.severeTypes.has(c.type));
  }

  supportActive(s: Support): boolean {
    return s.start_date !== null && s.start_date <= this.asOf && (s.end_date === null || s.end_date >= this.asOf);
  }

  /** Valid on asOf: issued_on ≤ asOf ≤ valid_until. */
  permitCurrent(p: Permit): boolean {
    return p.issued_on !== null && p.valid_until !== null && p.issued_on <= this.asOf && this.asOf <= p.valid_until;
  }

  age(dob: string): number {
    return ageOn(dob, this.asOf);
  }
}

function groupBy<R, K extends keyof R>(rows: readonly R[], key: K): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = r[key];
    if (typeof k !== 'string') continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const NONE: never[] = [];

/** One household's rows, indexed by person / child id. */
export class Household {
  readonly persons = new Map<string, Person>();
  readonly links: Map<string, ParentLink[]>;
  readonly permits: Map<string, Permit[]>;
  readonly custody: Map<string, Custody[]>;
  readonly missing: Map<string, MissingReport[]>;
  readonly supports: Map<string, Support[]>;
  readonly agreements: Map<string, CareAgreement[]>;
  readonly visits: Map<string, Visit[]>;
  readonly assessments: Map<string, RiskAssessment[]>;
  readonly revocations: Revocation[];
  readonly enrolments: Map<string, Enrolment[]>;
  readonly homeDelivery: Map<string, HomeDelivery[]>;
  readonly sessions: Map<string, Session[]>;
  readonly deaths: Map<string, DeathCertificate[]>;
  readonly immunization: Map<string, Immunization[]>;
  readonly illness: Map<string, Illness[]>;
  readonly insurance: Map<string, InsuranceEnrolment[]>;
  readonly certificates: Map<string, Certificate[]>;
  private readonly parentCache = new Map<string, ParentBase>();

  constructor(
    readonly rows: AgencyRows,
    readonly env: Env,
  ) {
    const ps = rows['public-security'];
    for (const p of ps.person) if (typeof p.id === 'string' && !this.persons.has(p.id)) this.persons.set(p.id, p);
    this.links = groupBy(ps.parent_link, 'child_id');
    this.permits = groupBy(ps.residence_permit, 'person_id');
    this.custody = groupBy(ps.custody_record, 'person_id');
    this.missing = groupBy(ps.missing_report, 'person_id');
    const ca = rows['civil-affairs'];
    this.supports = groupBy(ca.support, 'child_id');
    this.agreements = groupBy(ca.care_agreement, 'child_id');
    this.visits = groupBy(ca.visit, 'child_id');
    this.assessments = groupBy(ca.risk_assessment, 'child_id');
    this.revocations = ca.guardianship_revocation;
    const ed = rows.education;
    this.enrolments = groupBy(ed.enrolment, 'child_id');
    this.homeDelivery = groupBy(ed.home_delivery, 'child_id');
    this.sessions = groupBy(ed.home_delivery_session, 'child_id');
    const he = rows.health;
    this.deaths = groupBy(he.death_certificate, 'person_id');
    this.immunization = groupBy(he.immunization_status, 'child_id');
    this.illness = groupBy(he.serious_illness, 'person_id');
    this.insurance = groupBy(rows['medical-insurance'].insurance_enrolment, 'person_id');
    this.certificates = groupBy(rows['disabled-persons'].disability_certificate, 'person_id');
  }

  of<R>(map: Map<string, R[]>, id: string): R[] {
    return map.get(id) ?? NONE;
  }

  /** Deceased per health: a death certificate dated ≤ asOf. */
  deathCertified(id: string): boolean {
    for (const d of this.of(this.deaths, id)) if (d.date_of_death !== null && d.date_of_death <= this.env.asOf) return true;
    return false;
  }

  /** Deceased per public security (registration_status DECEASED) or health (death certificate ≤ asOf). */
  deceased(id: string): boolean {
    return this.persons.get(id)?.registration_status === 'DECEASED' || this.deathCertified(id);
  }

  /**
   * The person's current residence permit: among permits valid on asOf, the latest issued_on, then the
   * latest residence_since, then the smallest permit_no. null if none is valid on asOf.
   */
  currentPermit(id: string): Permit | null {
    let best: Permit | null = null;
    for (const p of this.of(this.permits, id)) {
      if (!this.env.permitCurrent(p)) continue;
      if (best === null || cmpPermit(p, best) < 0) best = p;
    }
    return best;
  }

  /** Parental circumstances of a parent that do not depend on the child (all but GUARDIANSHIP_REVOKED). */
  parentBase(id: string): ParentBase {
    const hit = this.parentCache.get(id);
    if (hit) return hit;
    const env = this.env;
    const asOf = env.asOf;
    const person = this.persons.get(id) ?? null;
    const circs: Circumstance[] = [];
    if (this.deceased(id)) circs.push('DECEASED');
    for (const m of this.of(this.missing, id)) {
      const open = m.closed_on === null || m.closed_on > asOf;
      if (open && m.accepted_on !== null && addMonths(m.accepted_on, env.policy.missingMinMonths) <= asOf) {
        circs.push('MISSING');
        break;
      }
    }
    for (const c of this.of(this.certificates, id)) {
      if (env.validCertificate(c) && env.severeCertificate(c)) {
        circs.push('SEVERE_DISABILITY');
        break;
      }
    }
    for (const i of this.of(this.illness, id)) {
      if (i.ongoing === true && i.diagnosed_on !== null && i.diagnosed_on <= asOf) {
        circs.push('SERIOUS_ILLNESS');
        break;
      }
    }
    for (const c of this.of(this.custody, id)) {
      if (c.since === null || c.since > asOf) continue;
      if (c.released_on !== null && c.released_on <= asOf) continue;
      let kind: Circumstance | null = null;
      if (c.kind === 'DEPORTED') kind = 'DEPORTED';
      else if (c.kind !== null && RESTRICTIONS.has(c.kind) && (c.term_months === null || c.term_months >= env.policy.custodyMinTermMonths))
        kind = c.kind as Circumstance;
      if (kind !== null && !circs.includes(kind)) circs.push(kind);
    }
    const base: ParentBase = { id, person, circs };
    this.parentCache.set(id, base);
    return base;
  }

  /** A guardianship_revocation naming this parent and this child, dated ≤ asOf. */
  revoked(parentId: string, childId: string): boolean {
    for (const r of this.revocations) {
      if (r.parent_id === parentId && r.child_id === childId && r.revoked_on !== null && r.revoked_on <= this.env.asOf) return true;
    }
    return false;
  }
}

function cmpPermit(a: Permit, b: Permit): number {
  // Descending issued_on, descending residence_since, ascending permit_no.
  const ai = a.issued_on ?? '';
  const bi = b.issued_on ?? '';
  if (ai !== bi) return ai > bi ? -1 : 1;
  const as = a.residence_since ?? '';
  const bs = b.residence_since ?? '';
  if (as !== bs) return as > bs ? -1 : 1;
  const an = a.permit_no ?? '';
  const bn = b.permit_no ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

export interface ParentBase {
  id: string;
  /** The parent's public-security person row; null = the parent's facts are unknown. */
  person: Person | null;
  circs: Circumstance[];
}

/** One parent as a rule about "both parents" sees it (three-valued). */
export interface ParentView {
  /** 'FATHER 1a2b3c', or 'unlinked parent' for a parent slot with no parent_link. */
  label: string;
  circs: Circumstance[];
  /** In at least one parental circumstance. */
  inCirc: T3;
  /** Not DECEASED. */
  alive: T3;
  /** Holds a current residence permit in a county other than the child's hukou county. */
  away: T3;
  awayWhere: string | null;
}

const STATUS_RANK: Record<string, number> = { DROPPED_OUT: 0, SUSPENDED: 1, ENROLLED: 2, TRANSFERRED: 3, GRADUATED: 4 };

/**
 * The latest enrolment as of asOf (rows whose status_since is after asOf are ignored): greatest
 * status_since, then greatest enrolled_on, then (same dates) the first status in the order DROPPED_OUT,
 * SUSPENDED, ENROLLED, TRANSFERRED, GRADUATED, then full-time before part-time, then the smaller
 * school_code and student_no — a total order, so the result never depends on row order.
 */
export function latestEnrolment(rows: readonly Enrolment[], asOf: string): Enrolment | null {
  let best: Enrolment | null = null;
  for (const e of rows) {
    if (e.status_since === null || e.status_since > asOf) continue;
    if (best === null) {
      best = e;
      continue;
    }
    const s = e.status_since ?? '';
    const bs = best.status_since ?? '';
    if (s !== bs) {
      if (s > bs) best = e;
      continue;
    }
    const o = e.enrolled_on ?? '';
    const bo = best.enrolled_on ?? '';
    if (o !== bo) {
      if (o > bo) best = e;
      continue;
    }
    const r = STATUS_RANK[e.status ?? ''] ?? 9;
    const br = STATUS_RANK[best.status ?? ''] ?? 9;
    if (r !== br) {
      if (r < br) best = e;
      continue;
    }
    if (e.full_time !== best.full_time) {
      if (e.full_time) best = e;
      continue;
    }
    const k = `${e.school_code ?? ''}\u0000${e.student_no ?? ''}`;
    const bk = `${best.school_code ?? ''}\u0000${best.student_no ?? ''}`;
    if (k < bk) best = e;
  }
  return best;
}

/** Kleene conjunction / disjunction. */
export function and3(xs: readonly T3[]): T3 {
  let unknown = false;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) unknown = true;
  }
  return unknown ? null : true;
}

export function or3(xs: readonly T3[]): T3 {
  let unknown = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === null) unknown = true;
  }
  return unknown ? null : false;
}

export function not3(x: T3): T3 {
  return x === null ? null : !x;
}
