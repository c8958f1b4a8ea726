import type { CrossCheckPolicy, RuleId, SupportType } from '@hub/domain';
import { VISIT_INTERVAL_DAYS } from '../derive/civil-affairs';
import { addYears, ageOn, dayOf, firstOfMonth, iso, parseDay } from '../dates';
import type { Rng } from '../rng';
import type { AgencyRows, AgencyTables, RowOf } from '../tables';
import { schoolYearOf } from '../truth';
import type { ChildTruth, DisabilityType, HouseholdTruth, ParentTruth, RiskColour } from '../types';
import type { World } from '../world';
import type { DiscrepancyRates, Injection, InjectionKind } from './rates';

export type SupportRow = RowOf<'civil-affairs', 'support'>;
export type ChildRecordRow = RowOf<'civil-affairs', 'child_record'>;
export type EnrolmentRow = RowOf<'education', 'enrolment'>;
export type PersonRow = RowOf<'public-security', 'person'>;
export type PermitRow = RowOf<'public-security', 'residence_permit'>;
export type CertificateRow = RowOf<'disabled-persons', 'disability_certificate'>;
export type InsuranceRow = RowOf<'medical-insurance', 'insurance_enrolment'>;

export interface InjectContext {
  /** The household's own injection stream (generate.ts STREAM.inject). */
  rng: Rng;
  /** Evaluation date, 'YYYY-MM-DD' (the generator's asOf). */
  asOf: string;
  policy: CrossCheckPolicy;
  rates: DiscrepancyRates;
  world: World;
}

/** Category digit of the 20-digit certificate number (as derive/disabled-persons.ts numbers them). */
const TYPE_DIGIT: Record<DisabilityType, number> = {
  VISUAL: 1,
  HEARING: 2,
  SPEECH: 3,
  PHYSICAL: 4,
  INTELLECTUAL: 5,
  MENTAL: 6,
  MULTIPLE: 7,
};

/** Removes the elements matching `pred` in place; returns how many went. */
export function removeWhere<T>(list: T[], pred: (x: T) => boolean): number {
  let j = 0;
  for (const x of list) if (!pred(x)) list[j++] = x;
  const removed = list.length - j;
  list.length = j;
  return removed;
}

/**
 * One household under injection: its truth (read-only: the injector changes agency rows, never the
 * facts), its rows (changed in place), and bookkeeping. Each child receives at most one planted case,
 * so the cases stay readable; household-wide changes (a parent's record) take households none of
 * whose children has one yet, and then mark them all.
 */
export class InjectState {
  readonly asOf: number;
  readonly out: Injection[] = [];
  readonly used = new Set<string>();
  readonly ps: AgencyTables<'public-security'>;
  readonly ca: AgencyTables<'civil-affairs'>;
  readonly edu: AgencyTables<'education'>;
  readonly health: AgencyTables<'health'>;
  readonly mi: AgencyTables<'medical-insurance'>;
  readonly dpf: AgencyTables<'disabled-persons'>;

  constructor(
    readonly h: HouseholdTruth,
    readonly rows: AgencyRows,
    readonly ctx: InjectContext,
  ) {
    this.asOf = parseDay(ctx.asOf);
    this.ps = rows['public-security'];
    this.ca = rows['civil-affairs'];
    this.edu = rows.education;
    this.health = rows.health;
    this.mi = rows['medical-insurance'];
    this.dpf = rows['disabled-persons'];
  }

  get rng(): Rng {
    return this.ctx.rng;
  }

  get policy(): CrossCheckPolicy {
    return this.ctx.policy;
  }

  get world(): World {
    return this.ctx.world;
  }

  /** One draw against a rate (none at all when the rate is 0). */
  hit(key: keyof DiscrepancyRates): boolean {
    const p = this.ctx.rates[key];
    return p > 0 && this.ctx.rng.chance(p);
  }

  /**
   * Positive or negative side of a boundary case, alternating over the run (a World counter per
   * boundary): both sides appear even when a boundary is planted only a few times.
   */
  alternate(key: keyof DiscrepancyRates): boolean {
    return this.world.next(`inject:alternate:${key}`) % 2 === 1;
  }

  /** A draw for a boundary case of `rule`: none unless the rule's own rate is positive too. */
  hitBoundary(key: keyof DiscrepancyRates, rule: RuleId): boolean {
    return this.on(rule) && this.hit(key);
  }

  on(key: keyof DiscrepancyRates): boolean {
    return this.ctx.rates[key] > 0;
  }

  add(childId: string, rule: RuleId | 'INCONCLUSIVE', kind: InjectionKind, note: string): void {
    this.out.push({ childId, rule, kind, note });
    this.used.add(childId);
  }

  /** A second rule the same change is meant to trip (the child is already taken by its first case). */
  also(childId: string, rule: RuleId, kind: InjectionKind, note: string): void {
    this.out.push({ childId, rule, kind, note: `same change: ${note}` });
  }

  free(c: ChildTruth): boolean {
    return !this.used.has(c.id);
  }

  /** No child of the household has a planted case yet. */
  householdFree(): boolean {
    return this.h.children.every((c) => !this.used.has(c.id));
  }

  useHousehold(): void {
    for (const c of this.h.children) this.used.add(c.id);
  }

  d(day: number): string {
    return iso(day);
  }

  dob(c: { dateOfBirth: string }): number {
    return parseDay(c.dateOfBirth);
  }

  age(c: { dateOfBirth: string }): number {
    return ageOn(this.dob(c), this.asOf);
  }

  /** Age on the compulsory-education cutoff (31 August) of the school year in progress. */
  ageAtCutoff(c: ChildTruth): number {
    const ce = this.policy.compulsoryEducation;
    return ageOn(this.dob(c), dayOf(schoolYearOf(this.asOf), ce.cutoffMonth, ce.cutoffDay));
  }

  /** Safely inside compulsory-education age (a year from either end), so only the planted fact decides. */
  safelyCompulsory(c: ChildTruth): boolean {
    const ce = this.policy.compulsoryEducation;
    return this.ageAtCutoff(c) >= ce.startAge + 1 && this.age(c) <= ce.endAge - 2 && !this.graduatedJunior(c);
  }

  graduatedJunior(c: ChildTruth): boolean {
    return this.enrolments(c).some((e) => e.status === 'GRADUATED' && (e.grade ?? 0) >= 9);
  }

  record(c: { id: string }): ChildRecordRow | undefined {
    return this.ca.child_record.find((r) => r.id === c.id);
  }

  categories(c: { id: string }): string[] {
    return this.record(c)?.categories ?? [];
  }

  onMigrantLedger(c: { id: string }): boolean {
    return this.categories(c).includes('MIGRANT');
  }

  person(id: string): PersonRow | undefined {
    return this.ps.person.find((p) => p.id === id);
  }

  permits(personId: string): PermitRow[] {
    return this.ps.residence_permit.filter((p) => p.person_id === personId);
  }

  certificate(personId: string): CertificateRow | undefined {
    return this.dpf.disability_certificate.find((x) => x.person_id === personId);
  }

  validCertificate(personId: string): CertificateRow | undefined {
    const x = this.certificate(personId);
    return x && x.status === 'VALID' && parseDay(x.valid_until!) >= this.asOf ? x : undefined;
  }

  enrolments(c: { id: string }): EnrolmentRow[] {
    return this.edu.enrolment.filter((e) => e.child_id === c.id);
  }

  /** The ENROLLED record (the current one), if any. */
  currentEnrolment(c: { id: string }): EnrolmentRow | undefined {
    return this.enrolments(c).find((e) => e.status === 'ENROLLED');
  }

  supports(c: { id: string }): SupportRow[] {
    return this.ca.support.filter((s) => s.child_id === c.id);
  }

  isActive(s: SupportRow): boolean {
    return parseDay(s.start_date!) <= this.asOf && (s.end_date === null || parseDay(s.end_date) >= this.asOf);
  }

  active(c: { id: string }, type: SupportType): SupportRow | undefined {
    return this.supports(c).find((s) => s.type === type && this.isActive(s));
  }

  hasActive(c: { id: string }, types: readonly SupportType[]): boolean {
    return this.supports(c).some((s) => types.includes(s.type as SupportType) && this.isActive(s));
  }

  insurance(c: { id: string }, year: number): InsuranceRow | undefined {
    return this.mi.insurance_enrolment.find((r) => r.person_id === c.id && r.year === year);
  }

  parents(): ParentTruth[] {
    return this.h.parents;
  }

  /** Both parents registered, alive and without any parental circumstance. */
  parentsOrdinary(): boolean {
    return (
      this.h.parents.length === 2 &&
      this.h.parents.every(
        (p) =>
          p.circumstances.length === 0 &&
          p.death === null &&
          p.custody.length === 0 &&
          p.missing.length === 0 &&
          !p.disability &&
          !p.illness,
      )
    );
  }

  /** Paying county of a child's supports (derive/civil-affairs.ts). */
  payingRegion(c: ChildTruth): string {
    return (c.hukouRegion ?? c.residenceRegion).slice(0, 6);
  }

  /** Adds a support row (monthly, from the first of a month, never before birth). */
  addSupport(c: ChildTruth, type: SupportType, start: number, end: number | null = null): SupportRow {
    const amounts = this.world.opts.amounts;
    const startDay = Math.max(this.dob(c), firstOfMonth(start));
    const row: SupportRow = {
      child_id: c.id,
      type,
      monthly_amount: amounts[type],
      start_date: iso(Math.min(startDay, this.asOf)),
      end_date: end === null ? null : iso(Math.max(end, Math.min(startDay, this.asOf))),
      paying_region: this.payingRegion(c),
    };
    this.ca.support.push(row);
    return row;
  }

  /** Ends a support on `end` (never before it started). */
  endSupport(s: SupportRow, end: number): void {
    s.end_date = iso(Math.max(end, parseDay(s.start_date!)));
  }

  /** A unique number from the World's counters, in a range the derivations never reach (9 followed by `digits`). */
  private uniqueNo(counter: string, digits: number): string {
    return `9${String(this.world.next(`inject:${counter}`)).padStart(digits, '0')}`;
  }

  /** Records a death with public security (hukou cancelled) and/or health (medical death certificate). */
  recordDeath(personId: string, on: number, placeRegion: string, cause: string, ps: boolean, health: boolean): void {
    if (ps) {
      const p = this.person(personId);
      if (p) {
        p.registration_status = 'DECEASED';
        p.status_since = iso(on);
      }
    }
    if (health) {
      const county = placeRegion.slice(0, 6);
      const year = Number(iso(on).slice(0, 4));
      this.health.death_certificate.push({
        certificate_no: `${county}${year}${this.uniqueNo(`dc:${county}:${year}`, 6)}`,
        person_id: personId,
        date_of_death: iso(on),
        cause_icd10: cause,
        place_region: placeRegion,
      });
    }
  }

  /** A residence permit at `region` for residence since `since`: issued after six months' residence, endorsed yearly (never after asOf). */
  addPermit(personId: string, region: string, since: number): PermitRow {
    let issued = Math.min(this.asOf, since + 183 + this.rng.int(0, 45));
    while (addYears(issued, 1) <= this.asOf) issued = addYears(issued, 1);
    const county = region.slice(0, 6);
    const year = Number(iso(issued).slice(0, 4));
    const row: PermitRow = {
      person_id: personId,
      permit_no: `${county}${year}${this.uniqueNo(`rp:${county}`, 7)}`,
      region,
      residence_since: iso(since),
      issued_on: iso(issued),
      valid_until: iso(addYears(issued, 1) - 1),
    };
    this.ps.residence_permit.push(row);
    return row;
  }

  /** A new disability certificate for a person with an ID number (none on file), valid 5 years from `issued`. */
  addCertificate(c: ChildTruth, type: DisabilityType, level: 1 | 2 | 3 | 4, issued: number): CertificateRow {
    const row: CertificateRow = {
      certificate_no: `${c.idNumber}${TYPE_DIGIT[type]}${level}`,
      person_id: c.id,
      type,
      level,
      issued_on: iso(issued),
      valid_until: iso(addYears(issued, 5) - 1),
      status: 'VALID',
      status_since: iso(issued),
      issuing_region: (c.hukouRegion ?? c.residenceRegion).slice(0, 6),
    };
    this.dpf.disability_certificate.push(row);
    return row;
  }

  /** Removes a child's civil-affairs record and every row hanging off it (agreements, visits, supports, court records, assessments). */
  removeRecord(childId: string): void {
    removeWhere(this.ca.child_record, (r) => r.id === childId);
    removeWhere(this.ca.care_agreement, (r) => r.child_id === childId);
    removeWhere(this.ca.visit, (r) => r.child_id === childId);
    removeWhere(this.ca.support, (r) => r.child_id === childId);
    removeWhere(this.ca.guardianship_revocation, (r) => r.child_id === childId);
    removeWhere(this.ca.risk_assessment, (r) => r.child_id === childId);
  }

  /**
   * Puts a child on the ledger (a record civil affairs should not have, or has not yet removed): the
   * director, guardian and agreement of a sibling on the ledger when there is one (so every referenced
   * director row exists), visits at the colour's pace since registration.
   */
  createRecord(c: ChildTruth, categories: string[], registeredOn: number): ChildRecordRow {
    const sibling = this.h.children
      .map((s) => this.record(s))
      .find((r): r is ChildRecordRow => !!r && r.residence_region === c.residenceRegion);
    const director = sibling?.director_id ?? this.ca.child_director.find((d) => d.village_code === c.residenceRegion)?.id ?? null;
    const home = this.h.parents.find((p) => !p.death && !p.workingAway && p.circumstances.length === 0);
    const colour: RiskColour = 'GREEN';
    const row: ChildRecordRow = {
      id: c.id,
      id_number: c.idNumber,
      ca_issued_id: c.caIssuedId,
      name: c.name,
      gender: c.gender,
      date_of_birth: c.dateOfBirth,
      hukou_region: c.hukouRegion,
      residence_region: c.residenceRegion,
      categories,
      risk_colour: colour,
      guardian_name: sibling?.guardian_name ?? home?.name ?? null,
      guardian_relation: sibling?.guardian_relation ?? (home ? (home.relation === 'MOTHER' ? '母亲' : '父亲') : null),
      guardian_phone: sibling?.guardian_phone ?? null,
      director_id: director,
      registered_on: iso(Math.min(this.asOf, registeredOn)),
    };
    this.ca.child_record.push(row);
    if (sibling && categories.includes('LEFT_BEHIND')) {
      const a = this.ca.care_agreement.find((x) => x.child_id === sibling.id);
      if (a) this.ca.care_agreement.push({ ...a, child_id: c.id });
    }
    this.addVisits(c.id, colour, Math.min(this.asOf, registeredOn), director);
    return row;
  }

  /** Visits from registration (at most 120 days back) to asOf at the colour's pace (derive/civil-affairs.ts). */
  addVisits(childId: string, colour: RiskColour, registered: number, director: string | null): void {
    const [lo, hi] = VISIT_INTERVAL_DAYS[colour];
    const from = Math.max(registered, this.asOf - 120);
    const dates: number[] = [];
    for (let day = Math.max(registered, this.asOf - this.rng.int(0, lo - 1)); day >= from; day -= this.rng.int(lo, hi)) dates.push(day);
    for (let i = dates.length - 1; i >= 0; i--) {
      this.ca.visit.push({
        child_id: childId,
        visited_on: iso(dates[i]),
        visitor_id: director,
        visitor_role: director ? 'DIRECTOR' : 'CASEWORKER',
        method: 'HOME',
        notes: '入户走访，了解儿童生活和学习情况',
      });
    }
  }
}
