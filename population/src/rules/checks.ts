import type { RuleId } from '@hub/domain';
import { addMonths, ageOn, daysBetween } from './calendar';
import {
  and3,
  latestEnrolment,
  not3,
  or3,
  type Certificate,
  type ChildRecord,
  type Enrolment,
  type Env,
  type Household,
  type ParentView,
  type Permit,
  type Person,
  type Support,
  type T3,
} from './facts';

/**
 * One function per rule of the rule catalogue (docs/rules.md), each a literal transcription of its row in
 * GROUND_TRUTH.md §3. A function is only called for a child in the rule's scope; rules listed in
 * NEEDS_PERSON are only called when the child has a public-security person row.
 */

export type Outcome = 'FLAGGED' | 'CLEAR' | 'INCONCLUSIVE';
type Result = [Outcome, string];

const flagged = (reason: string): Result => ['FLAGGED', reason];
const clear = (reason: string): Result => ['CLEAR', reason];
const inconclusive = (reason: string): Result => ['INCONCLUSIVE', reason];

/** Three-valued outcome: true → FLAGGED, false → CLEAR, unknown → INCONCLUSIVE. */
function decide(x: T3, ifTrue: string, ifFalse: string, ifUnknown: string): Result {
  return x === true ? flagged(ifTrue) : x === false ? clear(ifFalse) : inconclusive(ifUnknown);
}

/** The child as the rules see it. */
export class Child {
  readonly categories: ReadonlySet<string>;
  readonly hukouCounty: string | null;
  /** Age in completed years from the public-security date of birth; null without a person row. */
  readonly age: number | null;
  private _supports: Support[] | undefined;
  private _active: Set<string> | undefined;
  private _certs: Certificate[] | undefined;
  private _enrolments: Enrolment[] | undefined;
  private _latest: Enrolment | null | undefined;
  private _parents: ParentView[] | undefined;
  private _permit: Permit | null | undefined;

  constructor(
    readonly hh: Household,
    readonly env: Env,
    readonly id: string,
    readonly record: ChildRecord | null,
    readonly person: Person | null,
  ) {
    this.categories = new Set(record?.categories ?? []);
    const hukou = person?.hukou_region ?? null;
    this.hukouCounty = hukou !== null && hukou.length >= 6 ? hukou.slice(0, 6) : null;
    this.age = person?.date_of_birth ? env.age(person.date_of_birth) : null;
  }

  get supports(): Support[] {
    return (this._supports ??= this.hh.of(this.hh.supports, this.id));
  }

  /** Types of the supports active on asOf. */
  get active(): Set<string> {
    if (this._active) return this._active;
    const s = new Set<string>();
    for (const x of this.supports) if (x.type !== null && this.env.supportActive(x)) s.add(x.type);
    return (this._active = s);
  }

  get certificates(): Certificate[] {
    return (this._certs ??= this.hh.of(this.hh.certificates, this.id));
  }

  get enrolments(): Enrolment[] {
    return (this._enrolments ??= this.hh.of(this.hh.enrolments, this.id));
  }

  get latestEnrolment(): Enrolment | null {
    if (this._latest === undefined) this._latest = latestEnrolment(this.enrolments, this.env.asOf);
    return this._latest;
  }

  get currentPermit(): Permit | null {
    if (this._permit === undefined) this._permit = this.hh.currentPermit(this.id);
    return this._permit;
  }

  get deceased(): boolean {
    return this.hh.deceased(this.id);
  }

  /**
   * The parents, three-valued: one view per distinct parent_link parent, plus an all-unknown
   * "unlinked parent" for each missing slot up to two.
   */
  get parents(): ParentView[] {
    if (this._parents) return this._parents;
    const hh = this.hh;
    const views: ParentView[] = [];
    const seen = new Set<string>();
    for (const l of hh.of(hh.links, this.id)) {
      const pid = l.parent_id;
      if (pid === null || seen.has(pid)) continue;
      seen.add(pid);
      const base = hh.parentBase(pid);
      const circs = hh.revoked(pid, this.id) ? [...base.circs, 'GUARDIANSHIP_REVOKED' as const] : base.circs;
      const known = base.person !== null;
      const alive: T3 = circs.includes('DECEASED') ? false : known ? true : null;
      // Living away: alive, and a current residence permit in a county other than the child's hukou county.
      const p = hh.currentPermit(pid);
      let outside: T3;
      if (p !== null && p.region !== null) outside = this.hukouCounty === null ? null : p.region.slice(0, 6) !== this.hukouCounty;
      else outside = known ? false : null;
      const away = and3([outside, alive]);
      const awayWhere = away === true ? p!.region : null;
      views.push({ label: l.relation ?? 'PARENT', circs, inCirc: circs.length > 0 ? true : known ? false : null, alive, away, awayWhere });
    }
    while (views.length < 2) views.push({ label: 'UNLINKED', circs: [], inCirc: null, alive: null, away: null, awayWhere: null });
    return (this._parents = views);
  }
}

function parentSummary(views: ParentView[]): string {
  return views.map((v) => `${v.label}: ${v.circs.length ? v.circs.join('+') : v.inCirc === null ? 'unknown' : 'none'}`).join('; ');
}

/** 事实无人抚养 criteria: every parent in a parental circumstance, and not all of them DECEASED. */
function deFactoCriteria(views: ParentView[]): T3 {
  return and3([and3(views.map((v) => v.inCirc)), or3(views.map((v) => v.alive))]);
}

/** Compulsory-education age (GROUND_TRUTH §1.6); requires the person row. */
function compulsory(c: Child): { value: boolean; why: string } {
  const ce = c.env.policy.compulsoryEducation;
  const ageAtCutoff = ageOn(c.person!.date_of_birth!, c.env.schoolCutoff);
  if (ageAtCutoff < ce.startAge)
    return { value: false, why: `age ${ageAtCutoff} on ${c.env.schoolCutoff} < ${ce.startAge}: not of compulsory-education age` };
  if (c.age! >= ce.endAge) return { value: false, why: `age ${c.age} ≥ ${ce.endAge}: past compulsory-education age` };
  const grad = c.enrolments.some((e) => e.status === 'GRADUATED' && e.grade !== null && e.grade >= 9);
  if (grad) return { value: false, why: 'graduated from grade 9' };
  return { value: true, why: `compulsory-education age (${ageAtCutoff} on ${c.env.schoolCutoff}, ${c.age} on ${c.env.asOf})` };
}

function list(xs: Iterable<string>): string {
  return [...xs].join(', ');
}

type Rule = (c: Child) => Result;

const ADULT = (c: Child) => c.env.policy.adultAge;

export const CHECKS: Record<RuleId, Rule> = {
  // ---------------------------------------------------------------- A. exitChecks
  'EXIT-AGE': (c) => {
    const adult = ADULT(c);
    if (c.age! < adult) return clear(`age ${c.age} < ${adult}`);
    const ending = [...c.active].filter((t) => c.env.endingAtAdulthood.has(t));
    if (ending.length) return flagged(`age ${c.age} ≥ ${adult} with active ${list(ending)} (ends at ${adult})`);
    const continuing = [...c.active].filter((t) => c.env.continuing.has(t));
    if (!continuing.length) return clear(`age ${c.age} ≥ ${adult} but no active support that ends at ${adult}`);
    const e = c.latestEnrolment;
    if (e !== null && e.status === 'ENROLLED' && e.full_time === true)
      return clear(`age ${c.age}, active ${list(continuing)}, in full-time education (${e.school_code}, grade ${e.grade})`);
    return flagged(
      `age ${c.age} ≥ ${adult} with active ${list(continuing)} and no current full-time enrolment (latest: ${e ? `${e.status}${e.full_time === false ? ', part-time' : ''}` : 'none'})`,
    );
  },

  'EXIT-DECEASED': (c) => {
    if (c.active.size === 0) return clear('no active support');
    const ps = c.person!.registration_status === 'DECEASED';
    const cert = c.hh.deathCertified(c.id);
    if (ps || cert)
      return flagged(
        `deceased (${[ps ? 'public security DECEASED' : '', cert ? 'death certificate' : ''].filter(Boolean).join(', ')}) with active ${list(c.active)}`,
      );
    return clear('not deceased per public security and health');
  },

  'EXIT-ORPHAN-PARENT-ALIVE': (c) => {
    if (!c.active.has('ORPHAN_ALLOWANCE')) return clear('no active ORPHAN_ALLOWANCE');
    const v = c.parents;
    const someAlive = or3(v.map((p) => p.alive));
    return decide(
      someAlive,
      `active ORPHAN_ALLOWANCE and a parent is not deceased (${parentSummary(v)})`,
      `every parent deceased (${parentSummary(v)})`,
      `active ORPHAN_ALLOWANCE, parents not all known (${parentSummary(v)})`,
    );
  },

  'EXIT-DEFACTO-CHANGED': (c) => {
    if (!c.active.has('DE_FACTO_UNSUPPORTED_ALLOWANCE')) return clear('no active DE_FACTO_UNSUPPORTED_ALLOWANCE');
    const v = c.parents;
    const met = deFactoCriteria(v);
    return decide(
      not3(met),
      `active DE_FACTO_UNSUPPORTED_ALLOWANCE but the parents no longer meet the criteria (${parentSummary(v)})`,
      `parents still meet the criteria (${parentSummary(v)})`,
      `active DE_FACTO_UNSUPPORTED_ALLOWANCE, parents not all known (${parentSummary(v)})`,
    );
  },

  'EXIT-DISABILITY-CERT': (c) => {
    const care = c.active.has('SEVERE_DISABILITY_CARE_SUBSIDY');
    const living = c.active.has('DISABILITY_LIVING_SUBSIDY');
    if (!care && !living) return clear('no active disability subsidy');
    const valid = c.certificates.filter((x) => c.env.validCertificate(x));
    const certs = c.certificates.length
      ? c.certificates.map((x) => `${x.status} L${x.level} ${x.type} until ${x.valid_until}`).join('; ')
      : 'no certificate';
    if (living && valid.length === 0) return flagged(`active DISABILITY_LIVING_SUBSIDY without a valid certificate (${certs})`);
    if (care && !valid.some((x) => c.env.severeCertificate(x))) {
      return flagged(`active SEVERE_DISABILITY_CARE_SUBSIDY without a valid qualifying certificate (${certs})`);
    }
    return clear(`valid certificate (${certs})`);
  },

  'EXIT-HUKOU-MOVED': (c) => {
    const local = c.supports.filter((s) => s.type !== null && c.env.locallyFunded.has(s.type) && c.env.supportActive(s));
    if (!local.length) return clear('no active locally funded support');
    if (c.person!.registration_status === 'MOVED_OUT')
      return flagged(`hukou MOVED_OUT, active ${list(new Set(local.map((s) => s.type!)))}`);
    const h = c.hukouCounty;
    const moved = h === null ? [] : local.filter((s) => s.paying_region !== null && s.paying_region.slice(0, 6) !== h);
    if (moved.length)
      return flagged(`hukou county ${h} ≠ paying region ${list(new Set(moved.map((s) => `${s.paying_region} (${s.type})`)))}`);
    if (h === null || local.some((s) => s.paying_region === null)) return inconclusive('hukou county or paying region unknown');
    return clear(`hukou county ${h} is the paying region`);
  },

  'EXIT-OVERLAP': (c) => {
    const pairs = c.env.policy.mutuallyExclusiveSupports.filter(([a, b]) => c.active.has(a) && c.active.has(b));
    if (pairs.length) return flagged(`mutually exclusive supports active together: ${pairs.map(([a, b]) => `${a} + ${b}`).join('; ')}`);
    return clear('no mutually exclusive supports active together');
  },

  // ---------------------------------------------------------------- B. coverageChecks
  'GAP-ORPHAN': (c) => {
    const adult = ADULT(c);
    if (c.age! >= adult) return clear(`age ${c.age} ≥ ${adult}`);
    if (c.active.has('ORPHAN_ALLOWANCE')) return clear('active ORPHAN_ALLOWANCE');
    const v = c.parents;
    const orphan = and3(v.map((p) => not3(p.alive)));
    return decide(
      orphan,
      `both parents deceased, no active ORPHAN_ALLOWANCE (${parentSummary(v)})`,
      `a parent is not deceased (${parentSummary(v)})`,
      `parents not all known (${parentSummary(v)})`,
    );
  },

  'GAP-DEFACTO': (c) => {
    const adult = ADULT(c);
    if (c.age! >= adult) return clear(`age ${c.age} ≥ ${adult}`);
    if (c.active.has('DE_FACTO_UNSUPPORTED_ALLOWANCE') || c.active.has('ORPHAN_ALLOWANCE'))
      return clear('active DE_FACTO_UNSUPPORTED or ORPHAN allowance');
    const v = c.parents;
    return decide(
      deFactoCriteria(v),
      `parents meet the de facto criteria, no active DE_FACTO/ORPHAN allowance (${parentSummary(v)})`,
      `parents do not meet the criteria (${parentSummary(v)})`,
      `parents not all known (${parentSummary(v)})`,
    );
  },

  'GAP-SEVERE-DISABILITY': (c) => {
    const severe = c.certificates.find((x) => c.env.validCertificate(x) && c.env.severeCertificate(x));
    if (!severe) return clear('no valid severe-disability certificate');
    if (c.active.has('SEVERE_DISABILITY_CARE_SUBSIDY')) return clear('active SEVERE_DISABILITY_CARE_SUBSIDY');
    return flagged(`valid certificate level ${severe.level} ${severe.type}, no active SEVERE_DISABILITY_CARE_SUBSIDY`);
  },

  'GAP-DISABILITY-LIVING': (c) => {
    const valid = c.certificates.find((x) => c.env.validCertificate(x));
    if (!valid) return clear('no valid disability certificate');
    if (!c.active.has('MINIMUM_LIVING')) return clear('no active MINIMUM_LIVING');
    if (c.active.has('DISABILITY_LIVING_SUBSIDY')) return clear('active DISABILITY_LIVING_SUBSIDY');
    const excluding = c.env.policy.mutuallyExclusiveSupports
      .filter(([a, b]) => a === 'DISABILITY_LIVING_SUBSIDY' || b === 'DISABILITY_LIVING_SUBSIDY')
      .map(([a, b]) => (a === 'DISABILITY_LIVING_SUBSIDY' ? b : a))
      .filter((t) => c.active.has(t));
    if (excluding.length) return clear(`not eligible: active ${list(excluding)} excludes DISABILITY_LIVING_SUBSIDY`);
    return flagged(`valid certificate level ${valid.level} ${valid.type}, active MINIMUM_LIVING, no active DISABILITY_LIVING_SUBSIDY`);
  },

  'GAP-MEDICAL-INSURANCE': (c) => {
    const full = [...c.active].filter((t) => c.env.fullSubsidy.has(t));
    const partial = [...c.active].filter((t) => c.env.partialSubsidy.has(t));
    if (!full.length && !partial.length) return clear('no active support with a premium subsidy');
    const year = c.env.asOfYear;
    const rows = c.hh.of(c.hh.insurance, c.id).filter((e) => e.year === year);
    const subsidies = new Set(rows.map((e) => e.subsidy ?? '?'));
    const got = rows.length ? `enrolled ${year} with subsidy ${list(subsidies)}` : `not enrolled for ${year}`;
    if (full.length && !subsidies.has('FULL')) return flagged(`active ${list(full)}: ${got}, FULL subsidy expected`);
    if (partial.length && !subsidies.has('FULL') && !subsidies.has('PARTIAL'))
      return flagged(`active ${list(partial)}: ${got}, at least PARTIAL subsidy expected`);
    return clear(got);
  },

  // ---------------------------------------------------------------- C. schoolingCheck
  'EDU-NO-RECORD': (c) => {
    const ca = compulsory(c);
    if (!ca.value) return clear(ca.why);
    if (c.enrolments.length === 0) return flagged(`${ca.why}, no enrolment record`);
    return clear(`${c.enrolments.length} enrolment record(s)`);
  },

  'EDU-DROPPED-OUT': (c) => {
    const ca = compulsory(c);
    if (!ca.value) return clear(ca.why);
    const e = c.latestEnrolment;
    if (e === null) return clear('no enrolment record (EDU-NO-RECORD)');
    if (e.status === 'DROPPED_OUT') return flagged(`${ca.why}, latest enrolment DROPPED_OUT since ${e.status_since}`);
    if (e.status === 'SUSPENDED' && e.status_since !== null) {
      const days = daysBetween(e.status_since, c.env.asOf);
      if (days > c.env.policy.suspensionMaxDays)
        return flagged(`${ca.why}, SUSPENDED since ${e.status_since} (${days} days > ${c.env.policy.suspensionMaxDays})`);
      return clear(`SUSPENDED for ${days} days ≤ ${c.env.policy.suspensionMaxDays}`);
    }
    return clear(`latest enrolment ${e.status}`);
  },

  'EDU-HOME-DELIVERY': (c) => {
    const ca = compulsory(c);
    if (!ca.value) return clear(ca.why);
    const asOf = c.env.asOf;
    // Registered before asOf's month began: a registration made this month had no "last month" to miss.
    const reg = c.hh
      .of(c.hh.homeDelivery, c.id)
      .find((h) => h.registered_on !== null && h.registered_on < c.env.thisMonthStart && (h.ended_on === null || h.ended_on > asOf));
    if (!reg) return clear('not registered for home-delivered education');
    const from = c.env.lastMonthStart;
    const to = c.env.thisMonthStart;
    let n = 0;
    for (const s of c.hh.of(c.hh.sessions, c.id)) if (s.session_date !== null && s.session_date >= from && s.session_date < to) n++;
    const min = c.env.policy.homeDeliveryMinSessionsPerMonth;
    if (n < min) return flagged(`registered for home delivery, ${n} session(s) in ${from.slice(0, 7)} < ${min}`);
    return clear(`${n} sessions in ${from.slice(0, 7)}`);
  },

  // ---------------------------------------------------------------- D. migrantVerification
  'MIG-IDENTITY': (c) => {
    const p = c.person;
    if (p === null) return flagged('no public-security household record (无户籍记录)');
    const r = c.record!;
    const diff: string[] = [];
    if (r.name !== p.name) diff.push(`name ${r.name} ≠ ${p.name}`);
    if (r.gender !== p.gender) diff.push(`gender ${r.gender} ≠ ${p.gender}`);
    if (r.date_of_birth !== p.date_of_birth) diff.push(`date of birth ${r.date_of_birth} ≠ ${p.date_of_birth}`);
    if (diff.length) return flagged(`civil affairs vs public security: ${diff.join('; ')}`);
    return clear('name, gender and date of birth agree');
  },

  'MIG-NOT-MIGRANT': (c) => {
    const max = c.env.policy.migrant.maxAgeExclusive;
    if (c.age! >= max) return flagged(`age ${c.age} ≥ ${max}`);
    const permit = c.currentPermit;
    if (permit === null || permit.region === null || permit.residence_since === null)
      return inconclusive('no current residence permit: residence place and duration unknown');
    const county = permit.region.slice(0, 6);
    const why: string[] = [];
    if (c.hukouCounty !== null && county === c.hukouCounty) why.push(`residence ${county} is the hukou county`);
    else if (c.hukouCounty !== null && c.env.sameMigrationArea(county, c.hukouCounty))
      why.push(`residence ${county} and hukou ${c.hukouCounty} in one equivalence group`);
    const months = c.env.policy.migrant.minResidenceMonths;
    if (addMonths(permit.residence_since, months) > c.env.asOf) why.push(`residence since ${permit.residence_since} < ${months} months`);
    if (why.length) return flagged(why.join('; '));
    if (c.hukouCounty === null) return inconclusive('no hukou region on the person record');
    return clear(`age ${c.age}, residence ${county} since ${permit.residence_since}, hukou ${c.hukouCounty}`);
  },

  'MIG-NO-SCHOOL': (c) => {
    const ca = compulsory(c);
    if (!ca.value) return clear(ca.why);
    const e = c.latestEnrolment;
    if (e !== null && e.status === 'ENROLLED') return clear(`ENROLLED (${e.school_code}, grade ${e.grade})`);
    return flagged(`${ca.why}, not enrolled (latest: ${e ? e.status : 'none'})`);
  },

  'MIG-NO-INSURANCE': (c) => {
    const year = c.env.asOfYear;
    const rows = c.hh.of(c.hh.insurance, c.id).filter((e) => e.year === year);
    if (rows.length) return clear(`enrolled for ${year} in ${list(new Set(rows.map((e) => e.insured_region ?? '?')))}`);
    return flagged(`no resident medical-insurance enrolment for ${year}`);
  },

  'MIG-IMMUNIZATION': (c) => {
    const max = c.env.policy.immunizationMaxAge;
    if (c.age! > max) return clear(`age ${c.age} > ${max}`);
    const rows = c.hh.of(c.hh.immunization, c.id);
    if (!rows.length) return inconclusive('no immunization record');
    const behind = rows.find((r) => r.doses_given !== null && r.doses_due !== null && r.doses_given < r.doses_due);
    if (behind) return flagged(`immunization not up to date: ${behind.doses_given} of ${behind.doses_due} doses`);
    if (rows.some((r) => r.doses_given === null || r.doses_due === null)) return inconclusive('immunization record without dose counts');
    return clear('immunization up to date');
  },

  // ---------------------------------------------------------------- E. careChecks
  'CARE-NO-AGREEMENT': (c) => {
    if (!c.categories.has('LEFT_BEHIND')) return clear('not in category LEFT_BEHIND');
    const asOf = c.env.asOf;
    const a = c.hh
      .of(c.hh.agreements, c.id)
      .find((x) => x.signed_on !== null && x.signed_on <= asOf && (x.valid_until === null || x.valid_until >= asOf));
    if (a) return clear(`care agreement signed ${a.signed_on}${a.valid_until ? `, valid until ${a.valid_until}` : ''}`);
    return flagged('LEFT_BEHIND without a care agreement in force');
  },

  'CARE-LEFT-BEHIND-ENDED': (c) => {
    if (!c.categories.has('LEFT_BEHIND')) return clear('not in category LEFT_BEHIND');
    const v = c.parents;
    const away = v.find((p) => p.away === true);
    if (away) return clear(`${away.label} lives away (${away.awayWhere})`);
    if (or3(v.map((p) => p.away)) === false)
      return flagged(`no parent holds a current residence permit outside hukou county ${c.hukouCounty}`);
    return inconclusive(
      `no parent known to live away, parents not all known (${v.map((p) => `${p.label}: ${p.away === null ? 'unknown' : 'home'}`).join('; ')})`,
    );
  },

  'CARE-VISIT-OVERDUE': (c) => {
    const colour = c.record!.risk_colour;
    const policy = c.env.policy;
    const asOf = c.env.asOf;
    // The latest assessment on or before asOf (by its day; of one day, the one written last) decides a raise by factor.
    let latest: { assessed_on: string | null; factors: string[] | null } | null = null;
    for (const a of c.hh.of(c.hh.assessments, c.id)) {
      if (a.assessed_on === null || a.assessed_on > asOf) continue;
      if (latest === null || a.assessed_on >= latest.assessed_on!) latest = a;
    }
    const byFactor = (latest?.factors ?? []).some((f) => (policy.raisedVisitFactors as string[]).includes(f));
    const raised = byFactor || policy.raisedVisitCategories.some((k) => c.categories.has(k));
    const intervals = (raised ? policy.raisedVisitIntervalDays : policy.visitIntervalDays) as Record<string, number>;
    const interval = colour !== null ? intervals[colour] : undefined;
    if (interval === undefined) return inconclusive(`unknown risk colour ${colour}`);
    let last: string | null = null;
    for (const v of c.hh.of(c.hh.visits, c.id)) {
      if (v.visited_on === null || v.visited_on > asOf || !policy.visitMethodsCounted.includes(v.method as never)) continue;
      if (last === null || v.visited_on > last) last = v.visited_on;
    }
    if (last === null) return flagged(`${colour}: no counted visit on record`);
    const days = daysBetween(last, asOf);
    if (days > interval) return flagged(`${colour}${raised ? ' (raised)' : ''}: last counted visit ${last}, ${days} days > ${interval}`);
    return clear(`${colour}${raised ? ' (raised)' : ''}: last counted visit ${last}, ${days} days ≤ ${interval}`);
  },

  // ---------------------------------------------------------------- discovery
  'MIG-UNREGISTERED': (c) => {
    if (c.categories.has('MIGRANT')) return clear('on the civil-affairs migrant ledger');
    const max = c.env.policy.migrant.maxAgeExclusive;
    if (c.age! >= max) return clear(`age ${c.age} ≥ ${max}`);
    if (c.deceased) return clear('deceased');
    const permit = c.currentPermit;
    if (permit === null || permit.region === null || permit.residence_since === null) return clear('no current residence permit');
    if (!permit.region.startsWith(c.env.jurisdiction)) return clear(`residence permit ${permit.region} outside the jurisdiction`);
    const county = permit.region.slice(0, 6);
    const months = c.env.policy.migrant.minResidenceMonths;
    if (addMonths(permit.residence_since, months) > c.env.asOf)
      return clear(`residence since ${permit.residence_since} < ${months} months`);
    if (c.hukouCounty === null) return inconclusive('no hukou region on the person record');
    if (c.env.sameMigrationArea(county, c.hukouCounty))
      return clear(`residence ${county} and hukou ${c.hukouCounty} in one migration area`);
    return flagged(
      `age ${c.age}, residence permit ${county} since ${permit.residence_since}, hukou ${c.hukouCounty}, not on the migrant ledger`,
    );
  },

  'CARE-UNREGISTERED-LEFT-BEHIND': (c) => {
    if (c.categories.has('LEFT_BEHIND')) return clear('on the civil-affairs left-behind ledger');
    const max = c.env.policy.leftBehindMaxAgeExclusive;
    if (c.age! >= max) return clear(`age ${c.age} ≥ ${max}`);
    if (c.deceased) return clear('deceased');
    const hukou = c.person!.hukou_region;
    if (hukou !== null && !hukou.startsWith(c.env.jurisdiction)) return clear('hukou outside the jurisdiction');
    const own = c.currentPermit;
    // The child itself lives away from its hukou county (own current permit elsewhere): not left behind.
    const childAway: T3 =
      own === null || own.region === null ? false : c.hukouCounty === null ? null : own.region.slice(0, 6) !== c.hukouCounty;
    if (childAway === true)
      return clear(`child holds a residence permit in ${own!.region!.slice(0, 6)} (lives away from the hukou county)`);
    const v = c.parents;
    const parentsPart = and3([or3(v.map((p) => p.away)), and3(v.map((p) => or3([p.away, p.inCirc])))]);
    const describe = v
      .map(
        (p) =>
          `${p.label}: ${p.away === true ? `away (${p.awayWhere})` : p.circs.length ? p.circs.join('+') : p.away === null || p.inCirc === null ? 'unknown' : 'home'}`,
      )
      .join('; ');
    if (parentsPart === false) return clear(`not left behind (${describe})`);
    if (parentsPart === null || childAway === null || hukou === null)
      return inconclusive(`facts not all known (${describe}${hukou === null ? '; hukou unknown' : ''})`);
    return flagged(`parents away or unable, not on the left-behind ledger (${describe})`);
  },
};

/** Rules that read a public-security fact of the child: INCONCLUSIVE when the child has no person row. */
export const NEEDS_PERSON: ReadonlySet<RuleId> = new Set<RuleId>([
  'EXIT-AGE',
  'EXIT-DECEASED',
  'EXIT-ORPHAN-PARENT-ALIVE',
  'EXIT-DEFACTO-CHANGED',
  'EXIT-HUKOU-MOVED',
  'GAP-ORPHAN',
  'GAP-DEFACTO',
  'EDU-NO-RECORD',
  'EDU-DROPPED-OUT',
  'EDU-HOME-DELIVERY',
  'MIG-NOT-MIGRANT',
  'MIG-NO-SCHOOL',
  'MIG-IMMUNIZATION',
  'CARE-LEFT-BEHIND-ENDED',
  'MIG-UNREGISTERED',
  'CARE-UNREGISTERED-LEFT-BEHIND',
]);
