import { createHash } from 'node:crypto';
import {
  makeIdNumber,
  type ChildCategory,
  type CustodyKind,
  type EnrolmentStatus,
  type Outcome,
  type ParentRelation,
  type PremiumSubsidy,
  type PremiumSubsidyBasis,
  type RiskColour,
  type RuleId,
  type SupportType,
} from '@hub/domain';
import { emptyRows, type AgencyRows, type RowOf } from '@hub/population';

/**
 * Hand-made cross-check cases: one table, run against both implementations of the rules — the oracle
 * (population/src/rules/, by tests/unit/crosscheck-cases.test.ts) and the product (the civil-affairs rules
 * through the gateway of a running hub, by tests/integration/crosscheck-cases.test.ts). Each case is one
 * household's agency rows exactly as the generator writes them to the six databases, the child under test,
 * and the outcome of each rule the case is about, as population/GROUND_TRUTH.md decides it. The expected
 * outcomes are written by hand, not computed by either implementation: a misreading of the contract made
 * twice is caught here or nowhere.
 *
 * Every case runs with the default policy (the hub's policy is fixed when it starts). Cases that need
 * another policy stay in tests/unit/oracle.test.ts, for the oracle only.
 *
 * Every id, number and code a case introduces starts with its prefix (`case-<n>-`), so the hub test can
 * insert each case beside the test population and delete exactly its rows again.
 */

const DEFAULT_AS_OF = '2025-09-01';

/** 渝北区, a central district of Chongqing: where the cases live unless told otherwise. */
const YUBEI = '500112001001';
/** 渝中区, another central district: one migration area with 渝北 (the default equivalence group). */
const YUZHONG = '500103001001';
/** 江北区, a third central district. */
const JIANGBEI = '500105001001';
/** 丰都县, an outer county. */
const FENGDU = '500230001001';
/** 五星路社区, another community of 渝北区: the same county as YUBEI. */
const YUBEI_WUXING = '500112002001';

export interface CrossCheckCase {
  /** What the case shows, as a sentence. */
  name: string;
  /** The evaluation date. */
  asOf: string;
  /** The start of every id, number and code in the case's rows. */
  prefix: string;
  /** One household's rows of the six agencies, as the oracle takes them (no `subject_region`: tests/helpers/case-rows.ts derives it). */
  rows: AgencyRows;
  /** The child under test (`child_record.id` = `person.id`). */
  child: string;
  /** The outcome of each rule the case is about. */
  expected: Partial<Record<RuleId, Outcome>>;
}

/** An outcome a rule did not give: the child was not in the rule's scope. */
const NOT_EVALUATED = 'NOT EVALUATED';

/** The outcomes of the rules a case is about, from one child's results (either implementation's). */
export function outcomesFor(c: CrossCheckCase, results: readonly { rule: string; outcome: string }[]): Record<string, string> {
  const byRule = new Map(results.map((r) => [r.rule, r.outcome]));
  return Object.fromEntries(Object.keys(c.expected).map((rule) => [rule, byRule.get(rule) ?? NOT_EVALUATED]));
}

// ------------------------------------------------------------------ builders

/** A person row as the builders write it: id and hukou always set. */
type Person = RowOf<'public-security', 'person'> & { id: string; hukou_region: string };

/**
 * Valid ID numbers, unique across the table: sequences from 701/702 up per address code, date of birth and gender, above
 * where the generator's counters start (below 600), so they do not meet the test population's.
 */
const usedSequences = new Map<string, number>();
function idNumber(hukou: string, born: string, gender: 'M' | 'F'): string {
  const key = `${hukou.slice(0, 6)}|${born}|${gender}`;
  const n = usedSequences.get(key) ?? 0;
  usedSequences.set(key, n + 1);
  const sequence = 700 + 2 * n + (gender === 'M' ? 1 : 2);
  if (sequence > 999) throw new Error(`too many case persons born ${born} in ${hukou.slice(0, 6)}`);
  return makeIdNumber(hukou.slice(0, 6), born, sequence);
}

interface PersonSpec {
  born: string;
  gender?: 'M' | 'F';
  hukou?: string;
}

interface ChildSpec {
  born: string;
  gender?: 'M' | 'F';
  /** The hukou village (default 渝北); null: no household registration (无户籍), known to civil affairs by an issued id only. */
  hukou?: string | null;
  /** Where the child lives, on the welfare record (default: the hukou village, or 渝北). */
  residence?: string;
  /** Ledger categories (default DIFFICULT_POVERTY). */
  categories?: ChildCategory[];
  risk?: RiskColour;
  registeredOn?: string;
}

/** One household being written: the rows of every agency, with ids, numbers and codes under the case's prefix. */
class CaseHousehold {
  readonly rows = emptyRows();
  private persons = 0;
  private numbers = 0;

  constructor(readonly prefix: string) {}

  private next(kind: string): string {
    return `${this.prefix}${kind}${++this.numbers}`;
  }

  /** The household register: a person row (and the household's own row for the first). */
  person(spec: PersonSpec): Person {
    const ps = this.rows['public-security'];
    const hukou = spec.hukou ?? YUBEI;
    const householdNo = `${this.prefix}h`;
    if (!ps.household.length)
      ps.household.push({ household_no: householdNo, region: hukou, address: '测试地址', established_on: '2000-01-01' });
    const gender = spec.gender ?? 'M';
    const row: Person = {
      id: `${this.prefix}p${++this.persons}`,
      id_number: idNumber(hukou, spec.born, gender),
      name: `测试${this.prefix}${this.persons}`,
      gender,
      date_of_birth: spec.born,
      hukou_region: hukou,
      household_no: householdNo,
      registration_status: 'NORMAL',
      status_since: null,
    };
    ps.person.push(row);
    return row;
  }

  /** A child on the civil-affairs ledger, and in the household register unless `hukou: null`. */
  child(spec: ChildSpec): CaseChild {
    const gender = spec.gender ?? 'M';
    const hukou = spec.hukou === null ? null : (spec.hukou ?? YUBEI);
    const person = hukou === null ? null : this.person({ born: spec.born, gender, hukou });
    const id = person?.id ?? `${this.prefix}p${++this.persons}`;
    this.rows['civil-affairs'].child_record.push({
      id,
      id_number: person?.id_number ?? null,
      ca_issued_id: person ? null : `${this.prefix}ca`,
      name: person?.name ?? `测试${this.prefix}${this.persons}`,
      gender,
      date_of_birth: spec.born,
      hukou_region: hukou,
      residence_region: spec.residence ?? hukou ?? YUBEI,
      categories: spec.categories ?? ['DIFFICULT_POVERTY'],
      risk_colour: spec.risk ?? 'GREEN',
      guardian_name: null,
      guardian_relation: null,
      guardian_phone: null,
      director_id: null,
      registered_on: spec.registeredOn ?? '2020-01-01',
    });
    return new CaseChild(this, id, hukou);
  }

  /** A child in the household register only (not on the civil-affairs ledger): what the discovery rules look for. */
  childNotOnLedger(spec: PersonSpec): CaseChild {
    const person = this.person(spec);
    return new CaseChild(this, person.id, person.hukou_region);
  }

  /** A school of the case (the education database requires one for every enrolment). */
  school(key: string): string {
    const code = `${this.prefix}${key}`;
    if (code.length > 10) throw new Error(`school code too long: ${code}`);
    const schools = this.rows.education.school;
    if (!schools.some((s) => s.code === code))
      schools.push({ code, name: `测试学校${code}`, region: YUBEI.slice(0, 9), level: 'NINE_YEAR' });
    return code;
  }

  permit(personId: string, region: string, since: string, opts: { issuedOn?: string; validUntil?: string } = {}): void {
    this.rows['public-security'].residence_permit.push({
      person_id: personId,
      permit_no: this.next('permit'),
      region,
      residence_since: since,
      issued_on: opts.issuedOn ?? since,
      valid_until: opts.validUntil ?? '2029-12-31',
    });
  }

  /** A health death certificate (卫健) of the person, dated on the day of death. */
  deathCertificate(personId: string, diedOn: string): void {
    this.rows.health.death_certificate.push({
      certificate_no: this.next('death'),
      person_id: personId,
      date_of_death: diedOn,
      cause_icd10: 'I21',
      place_region: YUBEI,
    });
  }

  certificate(personId: string, c: { type?: string; level?: number; issuedOn: string; validUntil: string; status?: string }): void {
    this.rows['disabled-persons'].disability_certificate.push({
      certificate_no: this.next('cert'),
      person_id: personId,
      type: c.type ?? 'PHYSICAL',
      level: c.level ?? 3,
      issued_on: c.issuedOn,
      valid_until: c.validUntil,
      status: c.status ?? 'VALID',
      status_since: c.issuedOn,
      issuing_region: YUBEI.slice(0, 6),
    });
  }
}

/** The child under test, and what the agencies hold about it. */
class CaseChild {
  constructor(
    readonly household: CaseHousehold,
    readonly id: string,
    private readonly hukou: string | null,
  ) {}

  private get rows(): AgencyRows {
    return this.household.rows;
  }

  support(type: SupportType, opts: { from?: string; until?: string; payingCounty?: string; amount?: number } = {}): this {
    this.rows['civil-affairs'].support.push({
      child_id: this.id,
      type,
      monthly_amount: opts.amount ?? 500,
      start_date: opts.from ?? '2020-01-01',
      end_date: opts.until ?? null,
      paying_region: opts.payingCounty ?? (this.hukou ?? YUBEI).slice(0, 6),
    });
    return this;
  }

  /** A residence permit of the child's own (居住证). */
  permit(region: string, since: string, opts: { issuedOn?: string; validUntil?: string } = {}): this {
    this.household.permit(this.id, region, since, opts);
    return this;
  }

  certificate(c: { type?: string; level?: number; issuedOn: string; validUntil: string; status?: string }): this {
    this.household.certificate(this.id, c);
    return this;
  }

  enrolment(e: { school: string; status: EnrolmentStatus; since: string; enrolledOn?: string; grade?: number; fullTime?: boolean }): this {
    const code = this.household.school(e.school);
    this.rows.education.enrolment.push({
      child_id: this.id,
      student_no: `G${code}`,
      school_code: code,
      grade: e.grade ?? 12,
      status: e.status,
      status_since: e.since,
      enrolled_on: e.enrolledOn ?? '2022-09-01',
      full_time: e.fullTime ?? true,
    });
    return this;
  }

  /** Registered for home-delivered education (送教上门), with one session on each date. */
  homeDelivery(registeredOn: string, sessions: readonly string[]): this {
    const code = this.household.school('s');
    this.rows.education.home_delivery.push({ child_id: this.id, school_code: code, registered_on: registeredOn, ended_on: null });
    for (const d of sessions)
      this.rows.education.home_delivery_session.push({
        child_id: this.id,
        session_date: d,
        teacher_name: '测试教师',
        duration_minutes: 90,
      });
    return this;
  }

  /** A home visit by the village child director. */
  visited(on: string): this {
    this.rows['civil-affairs'].visit.push({
      child_id: this.id,
      visited_on: on,
      visitor_id: null,
      visitor_role: 'DIRECTOR',
      method: 'HOME',
      notes: null,
    });
    return this;
  }

  /** A risk assessment (四色管理评估) by the village child director on the day, with the factors it found. */
  assessed(on: string, factors: string[]): this {
    const colour = this.rows['civil-affairs'].child_record.find((r) => r.id === this.id)!.risk_colour;
    const hex = createHash('sha256')
      .update(`${this.id}:${on}:${factors.join(',')}`)
      .digest('hex');
    this.rows['civil-affairs'].risk_assessment.push({
      child_id: this.id,
      assessed_on: on,
      colour,
      previous_colour: null,
      factors,
      reason: '评估',
      assessor: 'case-director',
      assessor_role: 'DIRECTOR',
      recorded_at: `${on}T18:00:00+08:00`,
      request_key: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    });
    return this;
  }

  /** A phone call by the village child director (recorded, and not a visit). */
  called(on: string): this {
    this.rows['civil-affairs'].visit.push({
      child_id: this.id,
      visited_on: on,
      visitor_id: null,
      visitor_role: 'DIRECTOR',
      method: 'PHONE',
      notes: null,
    });
    return this;
  }

  /** Registered in public security as moved out (迁出) since the date. */
  movedOut(since: string): this {
    const person = this.rows['public-security'].person.find((p) => p.id === this.id);
    if (!person) throw new Error(`${this.id} has no household registration to move out of`);
    person.registration_status = 'MOVED_OUT';
    person.status_since = since;
    return this;
  }

  /** A health death certificate (卫健) dated on the day of death; public security still shows the child as registered. */
  diedOn(date: string): this {
    this.household.deathCertificate(this.id, date);
    return this;
  }

  /** A care agreement (委托照护协议) signed on the date, valid until the other (null: no end date). */
  careAgreement(signedOn: string, validUntil: string | null): this {
    this.rows['civil-affairs'].care_agreement.push({
      child_id: this.id,
      caregiver_name: '测试照护人',
      caregiver_relation: '祖母',
      signed_on: signedOn,
      valid_until: validUntil,
    });
    return this;
  }

  /** The child's immunisation status (卫健): doses due by now and doses given. */
  immunization(dosesDue: number, dosesGiven: number): this {
    this.rows.health.immunization_status.push({
      child_id: this.id,
      clinic_region: YUBEI,
      doses_due: dosesDue,
      doses_given: dosesGiven,
      last_dose_on: '2025-06-01',
      assessed_on: '2025-08-15',
    });
    return this;
  }

  /** A resident medical-insurance enrolment for the year (any insured county; the subsidy's basis is required unless NONE). */
  insured(year: number, subsidy: PremiumSubsidy, opts: { basis?: PremiumSubsidyBasis; county?: string } = {}): this {
    this.rows['medical-insurance'].insurance_enrolment.push({
      person_id: this.id,
      year,
      insured_region: opts.county ?? (this.hukou ?? YUBEI).slice(0, 6),
      subsidy,
      subsidy_basis: subsidy === 'NONE' ? null : (opts.basis ?? 'MINIMUM_LIVING'),
      enrolled_on: `${year - 1}-12-15`,
    });
    return this;
  }

  father(build: (p: CaseParent) => void = () => undefined): this {
    return this.parent('FATHER', build);
  }

  mother(build: (p: CaseParent) => void = () => undefined): this {
    return this.parent('MOTHER', build);
  }

  /** A parent in the household register, linked to the child. */
  private parent(relation: ParentRelation, build: (p: CaseParent) => void): this {
    const person = this.household.person({
      born: relation === 'FATHER' ? '1980-01-01' : '1982-01-01',
      gender: relation === 'FATHER' ? 'M' : 'F',
      hukou: this.hukou ?? YUBEI,
    });
    this.rows['public-security'].parent_link.push({ child_id: this.id, parent_id: person.id, relation });
    build(new CaseParent(this.household, person));
    return this;
  }
}

/** A parent of the child under test: what public security holds about them. */
class CaseParent {
  constructor(
    private readonly household: CaseHousehold,
    private readonly person: Person,
  ) {}

  /** Registered as deceased (死亡注销). */
  deceased(): this {
    this.person.registration_status = 'DECEASED';
    return this;
  }

  /** A custody record (服刑在押 by default) since the date, for a term in months, not released. */
  inCustody(since: string, termMonths: number | null, kind: CustodyKind = 'IMPRISONED'): this {
    this.household.rows['public-security'].custody_record.push({
      person_id: this.person.id,
      kind,
      since,
      term_months: termMonths,
      released_on: null,
      institution: '测试监狱',
    });
    return this;
  }

  /** A missing-person report accepted on the date, still open. */
  missingSince(acceptedOn: string): this {
    this.household.rows['public-security'].missing_report.push({
      person_id: this.person.id,
      reported_on: acceptedOn,
      accepted_on: acceptedOn,
      closed_on: null,
    });
    return this;
  }

  /** A health death certificate (卫健) dated on the day of death; public security still shows the parent as registered. */
  diedOn(date: string): this {
    this.household.deathCertificate(this.person.id, date);
    return this;
  }

  /** A serious illness (重病) diagnosed on the date, ongoing. */
  seriouslyIll(diagnosedOn: string): this {
    this.household.rows.health.serious_illness.push({
      person_id: this.person.id,
      icd10: 'C91',
      diagnosis: '测试诊断',
      diagnosed_on: diagnosedOn,
      ongoing: true,
    });
    return this;
  }

  /** Holds a residence permit for another place (lives and works there). */
  livesIn(region: string, since: string, opts: { issuedOn?: string; validUntil?: string } = {}): this {
    this.household.permit(this.person.id, region, since, opts);
    return this;
  }
}

// ------------------------------------------------------------------ the cases

interface CaseDefinition {
  name: string;
  asOf?: string;
  /** Writes the household's rows; returns the child under test. */
  household: (h: CaseHousehold) => CaseChild;
  expected: Partial<Record<RuleId, Outcome>>;
}

/** Households that appear in more than one case (both sides of a boundary, on two dates). */
const turning18On1September = (h: CaseHousehold) => h.child({ born: '2007-09-01' }).support('DIFFICULT_CHILD_ALLOWANCE');
const bornOn29February = (h: CaseHousehold) => h.child({ born: '2008-02-29' }).support('DIFFICULT_CHILD_ALLOWANCE');
const migrantTurning16On1September = (h: CaseHousehold) =>
  h.child({ born: '2009-09-01', hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2024-01-01');
const migrantResidentSince1March = (h: CaseHousehold) =>
  h.child({ born: '2015-05-05', hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2025-03-01');
const migrantResidentSince31August = (h: CaseHousehold) =>
  h.child({ born: '2015-05-05', hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2024-08-31');
const certificateUntil1September = (h: CaseHousehold) =>
  h
    .child({ born: '2012-01-01', categories: ['DIFFICULT_DISABILITY'] })
    .support('DISABILITY_LIVING_SUBSIDY')
    .certificate({ type: 'PHYSICAL', level: 3, issuedOn: '2020-09-02', validUntil: '2025-09-01' });
const twoSessionsInAugust = (h: CaseHousehold) =>
  h.child({ born: '2015-03-01', categories: ['DIFFICULT_DISABILITY'] }).homeDelivery('2025-01-10', ['2025-08-05', '2025-08-20']);
/** A de facto unsupported child with the allowance: mother dead, father in custody since 1 January for a term of so many months. */
const fatherImprisonedFor = (months: number) => (h: CaseHousehold) =>
  h
    .child({ born: '2014-06-01', categories: ['DE_FACTO_UNSUPPORTED'] })
    .support('DE_FACTO_UNSUPPORTED_ALLOWANCE')
    .father((p) => p.inCustody('2025-01-01', months))
    .mother((p) => p.deceased());
/** The same, with the father reported missing instead (the report accepted on the date). */
const fatherMissingSince = (acceptedOn: string) => (h: CaseHousehold) =>
  h
    .child({ born: '2014-06-01', categories: ['DE_FACTO_UNSUPPORTED'] })
    .support('DE_FACTO_UNSUPPORTED_ALLOWANCE')
    .father((p) => p.missingSince(acceptedOn))
    .mother((p) => p.deceased());
/** An orphan who turns 18 on 1 September 2025, with the orphan allowance since 2016 and both parents registered as deceased. */
const orphanTurning18 = (h: CaseHousehold) =>
  h
    .child({ born: '2007-09-01', gender: 'F', categories: ['ORPHAN'], registeredOn: '2016-03-01' })
    .support('ORPHAN_ALLOWANCE', { from: '2016-03-01', amount: 1500 })
    .father((p) => p.deceased())
    .mother((p) => p.deceased());

/** An orphan with the orphan allowance: father registered as deceased, mother still registered but with a death certificate dated as given. */
const orphanWhoseMotherDiedOn = (date: string) => (h: CaseHousehold) =>
  h
    .child({ born: '2012-05-01', categories: ['ORPHAN'] })
    .support('ORPHAN_ALLOWANCE', { from: '2024-01-01', amount: 1500 })
    .father((p) => p.deceased())
    .mother((p) => p.diedOn(date));
/** An orphan allowance paid until the date, both parents alive and registered. */
const orphanAllowanceUntil = (until: string) => (h: CaseHousehold) =>
  h
    .child({ born: '2012-05-01', categories: ['ORPHAN'] })
    .support('ORPHAN_ALLOWANCE', { until, amount: 1500 })
    .father()
    .mother();
/** A child turning 18 on 1 September, with no allowance: father in custody without a fixed term, mother dead. */
const defactoTurning18On1September = (h: CaseHousehold) =>
  h
    .child({ born: '2007-09-01' })
    .father((p) => p.inCustody('2024-03-01', null))
    .mother((p) => p.deceased());
/** A child with no allowance: father dead, mother diagnosed with a serious illness on the date. */
const defactoMotherDiagnosedOn = (date: string) => (h: CaseHousehold) =>
  h
    .child({ born: '2014-06-01' })
    .father((p) => p.deceased())
    .mother((p) => p.seriouslyIll(date));
/** A child whose one linked parent, the father, is in custody without a fixed term; no mother on record. */
const onlyFatherInCustody = (h: CaseHousehold) => h.child({ born: '2014-06-01' }).father((p) => p.inCustody('2024-03-01', null));
/** A disabled child with one certificate and no subsidy. */
const disabledChild =
  (cert: { type: string; level: number; issuedOn?: string; validUntil?: string; status?: string }) => (h: CaseHousehold) =>
    h
      .child({ born: '2013-03-01', categories: ['DIFFICULT_DISABILITY'] })
      .certificate({ issuedOn: '2023-01-01', validUntil: '2028-01-01', ...cert });
/** A level-2 (severe) physical disability certificate valid until 1 September, no care subsidy. */
const severeCertificateUntil1September = disabledChild({ type: 'PHYSICAL', level: 2, issuedOn: '2020-09-02', validUntil: '2025-09-01' });
/** A child with a valid level-4 physical certificate and 低保 from the date. */
const lowIncomeDisabledFrom = (from: string) => (h: CaseHousehold) =>
  disabledChild({ type: 'PHYSICAL', level: 4 })(h).support('MINIMUM_LIVING', { from });
/** A compulsory-age child (12) whose one enrolment row is SUSPENDED since the date. */
const suspendedSince = (since: string) => (h: CaseHousehold) =>
  h.child({ born: '2013-03-01' }).enrolment({ school: 'a', status: 'SUSPENDED', since, enrolledOn: '2019-09-01', grade: 6 });
/** A child turning 16 on 1 September who dropped out of grade 8 in March. */
const dropOutTurning16On1September = (h: CaseHousehold) =>
  h
    .child({ born: '2009-09-01' })
    .enrolment({ school: 'a', status: 'DROPPED_OUT', since: '2025-03-01', enrolledOn: '2016-09-01', grade: 8 });
/** A migrant from 丰都 living in 渝北 on a permit since January 2024. */
const migrantBorn = (born: string) => (h: CaseHousehold) =>
  h.child({ born, hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2024-01-01');
/** A migrant turning 7 on 1 September, 12 of 13 doses due given. */
const migrantTurning7On1September = (h: CaseHousehold) => migrantBorn('2018-09-01')(h).immunization(13, 12);
/** A left-behind child in 渝北 whose parents both work in 江北, with a care agreement signed and valid as given. */
const leftBehindWithAgreement = (signedOn: string, validUntil: string | null) => (h: CaseHousehold) =>
  h
    .child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] })
    .careAgreement(signedOn, validUntil)
    .father((p) => p.livesIn(JIANGBEI, '2023-01-01'))
    .mother((p) => p.livesIn(JIANGBEI, '2023-01-01'));
/** A left-behind child in 渝北 whose father holds a permit in 江北 valid until the date; the mother at home. */
const leftBehindFatherPermitUntil = (validUntil: string) => (h: CaseHousehold) =>
  h
    .child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] })
    .father((p) => p.livesIn(JIANGBEI, '2023-01-01', { validUntil }))
    .mother();
/** A child with temporary assistance and a health death certificate dated as given (public security still registers the child). */
const temporaryAssistanceDiedOn = (date: string) => (h: CaseHousehold) =>
  h.child({ born: '2014-06-01' }).support('TEMPORARY_ASSISTANCE', { from: '2025-07-01', until: '2025-12-31' }).diedOn(date);

const DEFINITIONS: CaseDefinition[] = [
  // ---------------------------------------------------------------- ages: the 18th and 16th birthdays
  {
    name: 'a child with a difficult-child allowance is EXIT-AGE CLEAR the day before the 18th birthday',
    asOf: '2025-08-31',
    household: turning18On1September,
    expected: { 'EXIT-AGE': 'CLEAR' },
  },
  {
    name: 'a child with a difficult-child allowance who turns 18 today is EXIT-AGE FLAGGED',
    household: turning18On1September,
    expected: { 'EXIT-AGE': 'FLAGGED' },
  },
  {
    name: 'a child born on 29 February is still 17 on 28 February of a common year: EXIT-AGE CLEAR',
    asOf: '2026-02-28',
    household: bornOn29February,
    expected: { 'EXIT-AGE': 'CLEAR' },
  },
  {
    name: 'a child born on 29 February turns 18 on 1 March of a common year: EXIT-AGE FLAGGED',
    asOf: '2026-03-01',
    household: bornOn29February,
    expected: { 'EXIT-AGE': 'FLAGGED' },
  },
  {
    name: 'a migrant from an outer county resident for 20 months is MIG-NOT-MIGRANT CLEAR the day before the 16th birthday',
    asOf: '2025-08-31',
    household: migrantTurning16On1September,
    expected: { 'MIG-NOT-MIGRANT': 'CLEAR' },
  },
  {
    name: 'a migrant who turns 16 today is no longer a migrant child: MIG-NOT-MIGRANT FLAGGED',
    household: migrantTurning16On1September,
    expected: { 'MIG-NOT-MIGRANT': 'FLAGGED' },
  },

  // ---------------------------------------------------------------- six calendar months of residence
  {
    name: 'a migrant resident since 1 March is MIG-NOT-MIGRANT CLEAR on 1 September: exactly six calendar months count',
    household: migrantResidentSince1March,
    expected: { 'MIG-NOT-MIGRANT': 'CLEAR' },
  },
  {
    name: 'a migrant resident since 1 March is MIG-NOT-MIGRANT FLAGGED on 31 August, a day short of six months',
    asOf: '2025-08-31',
    household: migrantResidentSince1March,
    expected: { 'MIG-NOT-MIGRANT': 'FLAGGED' },
  },
  {
    name: 'six months after 31 August is 28 February (the day clamped to the month end): MIG-NOT-MIGRANT CLEAR on 28 February',
    asOf: '2025-02-28',
    household: migrantResidentSince31August,
    expected: { 'MIG-NOT-MIGRANT': 'CLEAR' },
  },
  {
    name: 'a migrant resident since 31 August is MIG-NOT-MIGRANT FLAGGED on 27 February, short of six months',
    asOf: '2025-02-27',
    household: migrantResidentSince31August,
    expected: { 'MIG-NOT-MIGRANT': 'FLAGGED' },
  },

  // ---------------------------------------------------------------- moves between central districts
  {
    name: 'a move from 渝中 to 渝北 stays inside one migration area, so the child is not a migrant: MIG-NOT-MIGRANT FLAGGED',
    household: (h) =>
      h.child({ born: '2015-05-05', hukou: YUZHONG, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2023-01-01'),
    expected: { 'MIG-NOT-MIGRANT': 'FLAGGED' },
  },
  {
    name: 'a move from 丰都 to 渝北 is a migration: MIG-NOT-MIGRANT CLEAR',
    household: (h) => h.child({ born: '2015-05-05', hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] }).permit(YUBEI, '2023-01-01'),
    expected: { 'MIG-NOT-MIGRANT': 'CLEAR' },
  },
  {
    name: 'a child from 丰都 living in 渝北 on a permit for 20 months and not on the migrant ledger is MIG-UNREGISTERED FLAGGED',
    household: (h) => h.childNotOnLedger({ born: '2015-05-05', hukou: FENGDU }).permit(YUBEI, '2024-01-01'),
    expected: { 'MIG-UNREGISTERED': 'FLAGGED' },
  },
  {
    name: 'a child from 渝中 living in 渝北 on a permit and not on the migrant ledger is MIG-UNREGISTERED CLEAR: one migration area',
    household: (h) => h.childNotOnLedger({ born: '2015-05-05', hukou: YUZHONG }).permit(YUBEI, '2024-01-01'),
    expected: { 'MIG-UNREGISTERED': 'CLEAR' },
  },

  // ---------------------------------------------------------------- disability certificates
  {
    name: 'a disability living subsidy is EXIT-DISABILITY-CERT CLEAR on the expiry day of the certificate',
    household: certificateUntil1September,
    expected: { 'EXIT-DISABILITY-CERT': 'CLEAR' },
  },
  {
    name: 'a disability living subsidy is EXIT-DISABILITY-CERT FLAGGED the day after the certificate expired',
    asOf: '2025-09-02',
    household: certificateUntil1September,
    expected: { 'EXIT-DISABILITY-CERT': 'FLAGGED' },
  },
  {
    name: 'a severe-disability care subsidy with a certificate issued after asOf is EXIT-DISABILITY-CERT FLAGGED: the certificate does not exist yet',
    household: (h) =>
      orphanTurning18(h)
        .support('SEVERE_DISABILITY_CARE_SUBSIDY', { from: '2025-01-01', amount: 100 })
        .certificate({ type: 'PHYSICAL', level: 1, issuedOn: '2025-12-01', validUntil: '2030-12-01' }),
    expected: { 'EXIT-DISABILITY-CERT': 'FLAGGED' },
  },

  // ---------------------------------------------------------------- parental circumstances
  {
    name: 'a father serving a 6-month term and a dead mother still make a child de facto unsupported: EXIT-DEFACTO-CHANGED CLEAR',
    household: fatherImprisonedFor(6),
    expected: { 'EXIT-DEFACTO-CHANGED': 'CLEAR' },
  },
  {
    name: 'a 5-month term is no parental circumstance, so the allowance is EXIT-DEFACTO-CHANGED FLAGGED; one dead parent is GAP-ORPHAN CLEAR',
    household: fatherImprisonedFor(5),
    expected: { 'EXIT-DEFACTO-CHANGED': 'FLAGGED', 'GAP-ORPHAN': 'CLEAR' },
  },
  {
    name: 'a father missing since a report accepted six calendar months ago is a parental circumstance: EXIT-DEFACTO-CHANGED CLEAR',
    household: fatherMissingSince('2025-03-01'),
    expected: { 'EXIT-DEFACTO-CHANGED': 'CLEAR' },
  },
  {
    name: 'a report accepted a day less than six calendar months ago is not yet MISSING: EXIT-DEFACTO-CHANGED FLAGGED',
    household: fatherMissingSince('2025-03-02'),
    expected: { 'EXIT-DEFACTO-CHANGED': 'FLAGGED' },
  },
  {
    name: 'a child whose only linked parent is dead may or may not be an orphan: GAP-ORPHAN INCONCLUSIVE',
    household: (h) => h.child({ born: '2014-06-01' }).father((p) => p.deceased()),
    expected: { 'GAP-ORPHAN': 'INCONCLUSIVE' },
  },

  // ---------------------------------------------------------------- schooling of an 18-year-old orphan (EXIT-AGE)
  {
    name: 'an 18-year-old orphan in full-time school keeps the orphan allowance: EXIT-AGE CLEAR',
    household: (h) => orphanTurning18(h).enrolment({ school: 'a', status: 'ENROLLED', since: '2025-09-01' }),
    expected: { 'EXIT-AGE': 'CLEAR' },
  },
  {
    name: 'an 18-year-old orphan who graduated in July is out of school: EXIT-AGE FLAGGED',
    household: (h) => orphanTurning18(h).enrolment({ school: 'a', status: 'GRADUATED', since: '2025-07-01' }),
    expected: { 'EXIT-AGE': 'FLAGGED' },
  },
  {
    name: 'of two enrolments tying on every date and status, the full-time one wins, listed first: EXIT-AGE CLEAR',
    household: (h) =>
      orphanTurning18(h)
        .enrolment({ school: 'b', status: 'ENROLLED', since: '2025-09-01', fullTime: true })
        .enrolment({ school: 'a', status: 'ENROLLED', since: '2025-09-01', fullTime: false }),
    expected: { 'EXIT-AGE': 'CLEAR' },
  },
  {
    name: 'of two enrolments tying on every date and status, the full-time one wins, listed last: EXIT-AGE CLEAR',
    household: (h) =>
      orphanTurning18(h)
        .enrolment({ school: 'a', status: 'ENROLLED', since: '2025-09-01', fullTime: false })
        .enrolment({ school: 'b', status: 'ENROLLED', since: '2025-09-01', fullTime: true }),
    expected: { 'EXIT-AGE': 'CLEAR' },
  },
  {
    name: 'an enrolment status dated after asOf has not happened yet: a future drop-out leaves EXIT-AGE CLEAR',
    household: (h) =>
      orphanTurning18(h)
        .enrolment({ school: 'a', status: 'ENROLLED', since: '2024-09-01' })
        .enrolment({ school: 'a', status: 'DROPPED_OUT', since: '2025-10-15' }),
    expected: { 'EXIT-AGE': 'CLEAR' },
  },

  // ---------------------------------------------------------------- home-delivered education
  {
    name: 'a child registered for home delivery with one session last month is EDU-HOME-DELIVERY FLAGGED',
    household: (h) => h.child({ born: '2015-03-01', categories: ['DIFFICULT_DISABILITY'] }).homeDelivery('2025-01-10', ['2025-08-05']),
    expected: { 'EDU-HOME-DELIVERY': 'FLAGGED' },
  },
  {
    name: 'a child registered for home delivery with two sessions last month is EDU-HOME-DELIVERY CLEAR',
    household: twoSessionsInAugust,
    expected: { 'EDU-HOME-DELIVERY': 'CLEAR' },
  },
  {
    name: 'on 31 August the month that counts is July, without sessions, so two sessions in August do not help: EDU-HOME-DELIVERY FLAGGED',
    asOf: '2025-08-31',
    household: twoSessionsInAugust,
    expected: { 'EDU-HOME-DELIVERY': 'FLAGGED' },
  },

  // ---------------------------------------------------------------- care
  {
    name: 'a low-risk child last visited 30 days ago is CARE-VISIT-OVERDUE CLEAR: exactly the interval is not overdue',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN' }).visited('2025-08-02'),
    expected: { 'CARE-VISIT-OVERDUE': 'CLEAR' },
  },
  {
    name: 'a low-risk child last visited 31 days ago is CARE-VISIT-OVERDUE FLAGGED',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN' }).visited('2025-08-01'),
    expected: { 'CARE-VISIT-OVERDUE': 'FLAGGED' },
  },
  {
    name: 'a low-risk child last visited at home 40 days ago and phoned 19 days ago is CARE-VISIT-OVERDUE FLAGGED: a call is not a visit',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN' }).visited('2025-07-23').called('2025-08-13'),
    expected: { 'CARE-VISIT-OVERDUE': 'FLAGGED' },
  },
  {
    name: 'a low-risk child with a disability last visited 16 days ago is CARE-VISIT-OVERDUE FLAGGED: visited every 15 days, not 30',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN', categories: ['DIFFICULT_DISABILITY'] }).visited('2025-08-16'),
    expected: { 'CARE-VISIT-OVERDUE': 'FLAGGED' },
  },
  {
    name: 'a low-risk seriously ill child last visited 15 days ago is CARE-VISIT-OVERDUE CLEAR: exactly the raised interval',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN', categories: ['DIFFICULT_ILLNESS'] }).visited('2025-08-17'),
    expected: { 'CARE-VISIT-OVERDUE': 'CLEAR' },
  },
  {
    name: 'a low-risk child assessed with 心理或行为异常 and last visited 16 days ago is CARE-VISIT-OVERDUE FLAGGED: the assessment raises the frequency',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN' }).assessed('2025-07-01', ['PSYCH_BEHAVIOUR']).visited('2025-08-16'),
    expected: { 'CARE-VISIT-OVERDUE': 'FLAGGED' },
  },
  {
    name: 'a low-risk child whose parent is severely disabled, last visited 15 days ago, is CARE-VISIT-OVERDUE CLEAR: exactly the raised interval',
    household: (h) =>
      h.child({ born: '2014-06-01', risk: 'GREEN' }).assessed('2025-07-01', ['PARENT_SEVERE_DISABILITY']).visited('2025-08-17'),
    expected: { 'CARE-VISIT-OVERDUE': 'CLEAR' },
  },
  {
    name: 'a low-risk child reassessed without 心理或行为异常 after an assessment with it, last visited 20 days ago, is CARE-VISIT-OVERDUE CLEAR: the latest assessment counts',
    household: (h) =>
      h
        .child({ born: '2014-06-01', risk: 'GREEN' })
        .assessed('2025-05-01', ['PSYCH_BEHAVIOUR'])
        .assessed('2025-08-01', ['FAMILY_HARDSHIP'])
        .visited('2025-08-12'),
    expected: { 'CARE-VISIT-OVERDUE': 'CLEAR' },
  },
  {
    name: 'a low-risk child assessed with 心理或行为异常 only after the day, last visited 20 days ago, is CARE-VISIT-OVERDUE CLEAR: an assessment counts from its date',
    household: (h) => h.child({ born: '2014-06-01', risk: 'GREEN' }).assessed('2025-09-05', ['PSYCH_BEHAVIOUR']).visited('2025-08-12'),
    expected: { 'CARE-VISIT-OVERDUE': 'CLEAR' },
  },
  {
    name: 'a child at home in 渝北 whose parents both work in 江北 on permits and who is not on the left-behind ledger is CARE-UNREGISTERED-LEFT-BEHIND FLAGGED',
    household: (h) =>
      h
        .childNotOnLedger({ born: '2016-04-01' })
        .father((p) => p.livesIn(JIANGBEI, '2023-01-01'))
        .mother((p) => p.livesIn(JIANGBEI, '2023-01-01')),
    expected: { 'CARE-UNREGISTERED-LEFT-BEHIND': 'FLAGGED' },
  },
  {
    name: 'a child whose father works in 江北 but whose mother is at home and able is CARE-UNREGISTERED-LEFT-BEHIND CLEAR',
    household: (h) =>
      h
        .childNotOnLedger({ born: '2016-04-01' })
        .father((p) => p.livesIn(JIANGBEI, '2023-01-01'))
        .mother(),
    expected: { 'CARE-UNREGISTERED-LEFT-BEHIND': 'CLEAR' },
  },

  // ---------------------------------------------------------------- no household registration
  {
    name: 'a ledger child without household registration is INCONCLUSIVE for rules reading public security, MIG-IDENTITY FLAGGED, and decided where it is not read',
    household: (h) => h.child({ born: '2016-04-01', hukou: null, categories: ['NO_HUKOU', 'MIGRANT'] }).support('MINIMUM_LIVING'),
    expected: {
      'EXIT-AGE': 'INCONCLUSIVE',
      'EXIT-DECEASED': 'INCONCLUSIVE',
      'GAP-ORPHAN': 'INCONCLUSIVE',
      'EDU-NO-RECORD': 'INCONCLUSIVE',
      'MIG-IDENTITY': 'FLAGGED',
      'MIG-NO-INSURANCE': 'FLAGGED',
      'EXIT-OVERLAP': 'CLEAR',
      'GAP-MEDICAL-INSURANCE': 'FLAGGED',
    },
  },

  // ---------------------------------------------------------------- orphans and their parents (EXIT-ORPHAN-PARENT-ALIVE, GAP-ORPHAN)
  {
    name: 'a mother still registered but with a death certificate dated today is dead, and the father is registered dead: the orphan allowance is EXIT-ORPHAN-PARENT-ALIVE CLEAR',
    household: orphanWhoseMotherDiedOn('2025-09-01'),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'CLEAR' },
  },
  {
    name: 'a death certificate dated tomorrow does not count yet: the registered mother is alive today, so the orphan allowance is EXIT-ORPHAN-PARENT-ALIVE FLAGGED',
    household: orphanWhoseMotherDiedOn('2025-09-02'),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'FLAGGED' },
  },
  {
    name: 'a mother missing for six years is alive for this rule (only a registered death, 宣告死亡 or a death certificate counts): the orphan allowance is EXIT-ORPHAN-PARENT-ALIVE FLAGGED',
    household: (h) =>
      h
        .child({ born: '2012-05-01', categories: ['ORPHAN'] })
        .support('ORPHAN_ALLOWANCE', { from: '2020-01-01', amount: 1500 })
        .father((p) => p.deceased())
        .mother((p) => p.missingSince('2019-06-01')),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'FLAGGED' },
  },
  {
    name: 'an orphan allowance whose one linked parent is dead and the other unknown: no parent proven alive, a slot unknown, EXIT-ORPHAN-PARENT-ALIVE INCONCLUSIVE; the allowance is paid, GAP-ORPHAN CLEAR',
    household: (h) =>
      h
        .child({ born: '2012-05-01', categories: ['ORPHAN'] })
        .support('ORPHAN_ALLOWANCE', { from: '2020-01-01', amount: 1500 })
        .father((p) => p.deceased()),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'INCONCLUSIVE', 'GAP-ORPHAN': 'CLEAR' },
  },
  {
    name: 'an orphan allowance that ended yesterday is no longer active, so living parents do not matter: EXIT-ORPHAN-PARENT-ALIVE CLEAR',
    household: orphanAllowanceUntil('2025-08-31'),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'CLEAR' },
  },
  {
    name: 'an orphan allowance ending today is still active, and both parents are alive: EXIT-ORPHAN-PARENT-ALIVE FLAGGED',
    household: orphanAllowanceUntil('2025-09-01'),
    expected: { 'EXIT-ORPHAN-PARENT-ALIVE': 'FLAGGED' },
  },
  {
    name: 'a child of 13 whose parents are both registered dead and who has no orphan allowance is GAP-ORPHAN FLAGGED; two dead parents make an orphan, not a de facto case: GAP-DEFACTO CLEAR; no allowance: EXIT-ORPHAN-PARENT-ALIVE CLEAR',
    household: (h) =>
      h
        .child({ born: '2012-05-01' })
        .father((p) => p.deceased())
        .mother((p) => p.deceased()),
    expected: { 'GAP-ORPHAN': 'FLAGGED', 'GAP-DEFACTO': 'CLEAR', 'EXIT-ORPHAN-PARENT-ALIVE': 'CLEAR' },
  },

  // ---------------------------------------------------------------- de facto unsupported (GAP-DEFACTO, EXIT-DEFACTO-CHANGED)
  {
    name: 'a 17-year-old whose father is in custody without a fixed term and whose mother is dead, with neither allowance, is GAP-DEFACTO FLAGGED the day before the 18th birthday',
    asOf: '2025-08-31',
    household: defactoTurning18On1September,
    expected: { 'GAP-DEFACTO': 'FLAGGED' },
  },
  {
    name: 'the same child turns 18 today and is no longer a child for the de facto allowance: GAP-DEFACTO CLEAR',
    household: defactoTurning18On1September,
    expected: { 'GAP-DEFACTO': 'CLEAR' },
  },
  {
    name: 'a mother diagnosed with a serious illness today and a dead father meet the de facto criteria: GAP-DEFACTO FLAGGED',
    household: defactoMotherDiagnosedOn('2025-09-01'),
    expected: { 'GAP-DEFACTO': 'FLAGGED' },
  },
  {
    name: 'a diagnosis dated tomorrow has not happened yet, so the mother has no circumstance today: GAP-DEFACTO CLEAR',
    household: defactoMotherDiagnosedOn('2025-09-02'),
    expected: { 'GAP-DEFACTO': 'CLEAR' },
  },
  {
    name: 'a father deported a month ago is in a circumstance whatever the term (deportation has no term condition), and the mother is dead: GAP-DEFACTO FLAGGED',
    household: (h) =>
      h
        .child({ born: '2014-06-01' })
        .father((p) => p.inCustody('2025-08-01', 1, 'DEPORTED'))
        .mother((p) => p.deceased()),
    expected: { 'GAP-DEFACTO': 'FLAGGED' },
  },
  {
    name: 'a child paid the orphan allowance whose mother is dead and whose father is in custody: an allowance is paid, GAP-DEFACTO CLEAR; a father in custody is alive, EXIT-ORPHAN-PARENT-ALIVE FLAGGED',
    household: (h) =>
      h
        .child({ born: '2014-06-01', categories: ['ORPHAN'] })
        .support('ORPHAN_ALLOWANCE', { from: '2024-06-01', amount: 1500 })
        .father((p) => p.inCustody('2024-03-01', null))
        .mother((p) => p.deceased()),
    expected: { 'GAP-DEFACTO': 'CLEAR', 'EXIT-ORPHAN-PARENT-ALIVE': 'FLAGGED' },
  },
  {
    name: 'a child whose one linked parent, the father, is in custody: the unknown mother decides the de facto criteria, GAP-DEFACTO INCONCLUSIVE; the father is alive, GAP-ORPHAN CLEAR',
    household: onlyFatherInCustody,
    expected: { 'GAP-DEFACTO': 'INCONCLUSIVE', 'GAP-ORPHAN': 'CLEAR' },
  },
  {
    name: 'a de facto allowance whose one linked parent, the father, is in custody: the criteria are unknown, EXIT-DEFACTO-CHANGED INCONCLUSIVE; the allowance is paid, GAP-DEFACTO CLEAR',
    household: (h) => onlyFatherInCustody(h).support('DE_FACTO_UNSUPPORTED_ALLOWANCE'),
    expected: { 'EXIT-DEFACTO-CHANGED': 'INCONCLUSIVE', 'GAP-DEFACTO': 'CLEAR' },
  },

  // ---------------------------------------------------------------- hukou moves (EXIT-HUKOU-MOVED)
  {
    name: 'a 低保 paid by 渝北 for a child whose hukou is in 渝中 is EXIT-HUKOU-MOVED FLAGGED: the paying county is compared plainly, without the central districts’ migration area',
    household: (h) => h.child({ born: '2014-06-01', hukou: YUZHONG }).support('MINIMUM_LIVING', { payingCounty: YUBEI.slice(0, 6) }),
    expected: { 'EXIT-HUKOU-MOVED': 'FLAGGED' },
  },
  {
    name: 'temporary assistance paid by 渝北 for a child whose hukou is in 渝中 is not locally funded: EXIT-HUKOU-MOVED CLEAR',
    household: (h) => h.child({ born: '2014-06-01', hukou: YUZHONG }).support('TEMPORARY_ASSISTANCE', { payingCounty: YUBEI.slice(0, 6) }),
    expected: { 'EXIT-HUKOU-MOVED': 'CLEAR' },
  },
  {
    name: 'a hukou registered as moved out (迁出) is enough even though the hukou county still pays the 低保: EXIT-HUKOU-MOVED FLAGGED',
    household: (h) => h.child({ born: '2014-06-01' }).support('MINIMUM_LIVING').movedOut('2025-06-01'),
    expected: { 'EXIT-HUKOU-MOVED': 'FLAGGED' },
  },
  {
    name: 'a hukou moved out after the 低保 ended yesterday leaves no locally funded support active: EXIT-HUKOU-MOVED CLEAR',
    household: (h) => h.child({ born: '2014-06-01' }).support('MINIMUM_LIVING', { until: '2025-08-31' }).movedOut('2025-06-01'),
    expected: { 'EXIT-HUKOU-MOVED': 'CLEAR' },
  },
  {
    name: 'a migrant from 丰都 living in 渝北 whose 低保 is paid by 丰都, the hukou county, and who is insured there this year with a partial subsidy: EXIT-HUKOU-MOVED, GAP-MEDICAL-INSURANCE and MIG-NO-INSURANCE CLEAR; ledger and register agree: MIG-IDENTITY CLEAR',
    household: (h) =>
      migrantBorn('2015-05-05')(h)
        .support('MINIMUM_LIVING')
        .insured(2025, 'PARTIAL', { basis: 'MINIMUM_LIVING', county: FENGDU.slice(0, 6) }),
    expected: { 'EXIT-HUKOU-MOVED': 'CLEAR', 'GAP-MEDICAL-INSURANCE': 'CLEAR', 'MIG-NO-INSURANCE': 'CLEAR', 'MIG-IDENTITY': 'CLEAR' },
  },

  // ---------------------------------------------------------------- disability (GAP-SEVERE-DISABILITY, GAP-DISABILITY-LIVING, EXIT-OVERLAP)
  {
    name: 'a level-2 certificate valid until today is severe on its expiry day: without the care subsidy GAP-SEVERE-DISABILITY FLAGGED',
    household: severeCertificateUntil1September,
    expected: { 'GAP-SEVERE-DISABILITY': 'FLAGGED' },
  },
  {
    name: 'the day after the level-2 certificate expired the child holds no severe certificate: GAP-SEVERE-DISABILITY CLEAR',
    asOf: '2025-09-02',
    household: severeCertificateUntil1September,
    expected: { 'GAP-SEVERE-DISABILITY': 'CLEAR' },
  },
  {
    name: 'a physical disability of level 3 is not severe: GAP-SEVERE-DISABILITY CLEAR without the care subsidy',
    household: disabledChild({ type: 'PHYSICAL', level: 3 }),
    expected: { 'GAP-SEVERE-DISABILITY': 'CLEAR' },
  },
  {
    name: 'an intellectual disability is severe at any level, level 4 included: without the care subsidy GAP-SEVERE-DISABILITY FLAGGED',
    household: disabledChild({ type: 'INTELLECTUAL', level: 4 }),
    expected: { 'GAP-SEVERE-DISABILITY': 'FLAGGED' },
  },
  {
    name: 'a 低保 starting today is active: with a valid level-4 certificate and no living subsidy GAP-DISABILITY-LIVING FLAGGED; level 4 physical is not severe, GAP-SEVERE-DISABILITY CLEAR',
    household: lowIncomeDisabledFrom('2025-09-01'),
    expected: { 'GAP-DISABILITY-LIVING': 'FLAGGED', 'GAP-SEVERE-DISABILITY': 'CLEAR' },
  },
  {
    name: 'a 低保 starting tomorrow is not active yet: GAP-DISABILITY-LIVING CLEAR',
    household: lowIncomeDisabledFrom('2025-09-02'),
    expected: { 'GAP-DISABILITY-LIVING': 'CLEAR' },
  },
  {
    name: 'a 低保 child with a valid certificate who receives the orphan allowance may not also get the living subsidy (the policy makes them exclusive): GAP-DISABILITY-LIVING CLEAR; 低保 with the orphan allowance is no overlap: EXIT-OVERLAP CLEAR',
    household: (h) => lowIncomeDisabledFrom('2020-01-01')(h).support('ORPHAN_ALLOWANCE', { amount: 1500 }),
    expected: { 'GAP-DISABILITY-LIVING': 'CLEAR', 'EXIT-OVERLAP': 'CLEAR' },
  },
  {
    name: 'the living subsidy together with the orphan allowance is EXIT-OVERLAP FLAGGED; the living subsidy is paid, GAP-DISABILITY-LIVING CLEAR; its certificate is valid, EXIT-DISABILITY-CERT CLEAR',
    household: (h) =>
      lowIncomeDisabledFrom('2020-01-01')(h)
        .support('DISABILITY_LIVING_SUBSIDY', { amount: 100 })
        .support('ORPHAN_ALLOWANCE', { amount: 1500 }),
    expected: { 'EXIT-OVERLAP': 'FLAGGED', 'GAP-DISABILITY-LIVING': 'CLEAR', 'EXIT-DISABILITY-CERT': 'CLEAR' },
  },
  {
    name: 'a certificate whose status is EXPIRED is not valid even before its valid_until date: a 低保 child holding it is GAP-DISABILITY-LIVING CLEAR',
    household: (h) => disabledChild({ type: 'PHYSICAL', level: 4, status: 'EXPIRED' })(h).support('MINIMUM_LIVING'),
    expected: { 'GAP-DISABILITY-LIVING': 'CLEAR' },
  },

  // ---------------------------------------------------------------- dropping out (EDU-DROPPED-OUT, EDU-NO-RECORD)
  {
    name: 'a suspension of exactly 90 days (the policy maximum) is not yet dropping out: EDU-DROPPED-OUT CLEAR; an enrolment is on file: EDU-NO-RECORD CLEAR',
    household: suspendedSince('2025-06-03'),
    expected: { 'EDU-DROPPED-OUT': 'CLEAR', 'EDU-NO-RECORD': 'CLEAR' },
  },
  {
    name: 'a suspension of 91 days, one more than the policy maximum, counts as dropping out: EDU-DROPPED-OUT FLAGGED',
    household: suspendedSince('2025-06-02'),
    expected: { 'EDU-DROPPED-OUT': 'FLAGGED' },
  },
  {
    name: 'a 15-year-old who dropped out in March is EDU-DROPPED-OUT FLAGGED the day before the 16th birthday',
    asOf: '2025-08-31',
    household: dropOutTurning16On1September,
    expected: { 'EDU-DROPPED-OUT': 'FLAGGED' },
  },
  {
    name: 'the same drop-out turns 16 today and is past compulsory-education age: EDU-DROPPED-OUT CLEAR',
    household: dropOutTurning16On1September,
    expected: { 'EDU-DROPPED-OUT': 'CLEAR' },
  },
  {
    name: 'a 15-year-old who graduated from grade 9 in July and dropped out of senior school in August has finished compulsory education: EDU-DROPPED-OUT CLEAR',
    household: (h) =>
      h
        .child({ born: '2010-03-01' })
        .enrolment({ school: 'a', status: 'GRADUATED', since: '2025-07-01', enrolledOn: '2016-09-01', grade: 9 })
        .enrolment({ school: 'b', status: 'DROPPED_OUT', since: '2025-08-20', enrolledOn: '2025-08-15', grade: 10 }),
    expected: { 'EDU-DROPPED-OUT': 'CLEAR' },
  },

  // ---------------------------------------------------------------- migrant children at school and at the clinic (MIG-NO-SCHOOL, MIG-IMMUNIZATION, MIG-NOT-MIGRANT)
  {
    name: 'a migrant child who turned 6 on 31 August, the cutoff, is of compulsory age this school year and has no enrolment: MIG-NO-SCHOOL and EDU-NO-RECORD FLAGGED',
    household: migrantBorn('2019-08-31'),
    expected: { 'MIG-NO-SCHOOL': 'FLAGGED', 'EDU-NO-RECORD': 'FLAGGED' },
  },
  {
    name: 'a migrant child who turns 6 on 1 September, a day after the cutoff, is not of compulsory age until next school year: MIG-NO-SCHOOL and EDU-NO-RECORD CLEAR',
    household: migrantBorn('2019-09-01'),
    expected: { 'MIG-NO-SCHOOL': 'CLEAR', 'EDU-NO-RECORD': 'CLEAR' },
  },
  {
    name: 'a migrant child enrolled part-time is enrolled now (part-time counts here, unlike for EXIT-AGE): MIG-NO-SCHOOL CLEAR',
    household: (h) =>
      migrantBorn('2015-05-05')(h).enrolment({ school: 'a', status: 'ENROLLED', since: '2024-09-01', grade: 4, fullTime: false }),
    expected: { 'MIG-NO-SCHOOL': 'CLEAR' },
  },
  {
    name: 'a migrant child whose latest enrolment is a transfer out in July is not enrolled now: MIG-NO-SCHOOL FLAGGED, but a transfer is no drop-out: EDU-DROPPED-OUT CLEAR',
    household: (h) =>
      migrantBorn('2015-05-05')(h)
        .enrolment({ school: 'a', status: 'ENROLLED', since: '2022-09-01', enrolledOn: '2022-09-01', grade: 4 })
        .enrolment({ school: 'a', status: 'TRANSFERRED', since: '2025-07-10', enrolledOn: '2022-09-01', grade: 4 }),
    expected: { 'MIG-NO-SCHOOL': 'FLAGGED', 'EDU-DROPPED-OUT': 'CLEAR' },
  },
  {
    name: 'a migrant child of 6 (7 tomorrow) given 12 of 13 doses due is MIG-IMMUNIZATION FLAGGED',
    asOf: '2025-08-31',
    household: migrantTurning7On1September,
    expected: { 'MIG-IMMUNIZATION': 'FLAGGED' },
  },
  {
    name: 'the same child turns 7 today, past the schedule’s age of 6: MIG-IMMUNIZATION CLEAR with a dose still missing',
    household: migrantTurning7On1September,
    expected: { 'MIG-IMMUNIZATION': 'CLEAR' },
  },
  {
    name: 'a migrant child of 4 given every dose due is MIG-IMMUNIZATION CLEAR',
    household: (h) => migrantBorn('2021-05-05')(h).immunization(8, 8),
    expected: { 'MIG-IMMUNIZATION': 'CLEAR' },
  },
  {
    name: 'a migrant child of 4 of whom health has no immunisation record is MIG-IMMUNIZATION INCONCLUSIVE',
    household: migrantBorn('2021-05-05'),
    expected: { 'MIG-IMMUNIZATION': 'INCONCLUSIVE' },
  },
  {
    name: 'a migrant of 10 whose only permit expired yesterday: public security neither confirms nor refutes the migration, MIG-NOT-MIGRANT INCONCLUSIVE',
    household: (h) =>
      h
        .child({ born: '2015-05-05', hukou: FENGDU, residence: YUBEI, categories: ['MIGRANT'] })
        .permit(YUBEI, '2023-01-01', { validUntil: '2025-08-31' }),
    expected: { 'MIG-NOT-MIGRANT': 'INCONCLUSIVE' },
  },

  // ---------------------------------------------------------------- left-behind children (CARE-NO-AGREEMENT, CARE-LEFT-BEHIND-ENDED)
  {
    name: 'a care agreement that expired yesterday is no longer in force: CARE-NO-AGREEMENT FLAGGED',
    household: leftBehindWithAgreement('2024-09-01', '2025-08-31'),
    expected: { 'CARE-NO-AGREEMENT': 'FLAGGED' },
  },
  {
    name: 'a care agreement valid until today is still in force: CARE-NO-AGREEMENT CLEAR',
    household: leftBehindWithAgreement('2024-09-01', '2025-09-01'),
    expected: { 'CARE-NO-AGREEMENT': 'CLEAR' },
  },
  {
    name: 'an open-ended care agreement signed tomorrow is not in force today: CARE-NO-AGREEMENT FLAGGED',
    household: leftBehindWithAgreement('2025-09-02', null),
    expected: { 'CARE-NO-AGREEMENT': 'FLAGGED' },
  },
  {
    name: 'a child not on the left-behind ledger needs no care agreement and cannot stop being left behind: with no agreement and both parents at home, CARE-NO-AGREEMENT and CARE-LEFT-BEHIND-ENDED CLEAR',
    household: (h) => h.child({ born: '2016-04-01' }).father().mother(),
    expected: { 'CARE-NO-AGREEMENT': 'CLEAR', 'CARE-LEFT-BEHIND-ENDED': 'CLEAR' },
  },
  {
    name: 'a father whose permit in 江北 is valid until today still lives away (another central district is another county here): CARE-LEFT-BEHIND-ENDED CLEAR',
    household: leftBehindFatherPermitUntil('2025-09-01'),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'CLEAR' },
  },
  {
    name: 'a father whose permit in 江北 expired yesterday no longer shows as away, and the mother is at home: CARE-LEFT-BEHIND-ENDED FLAGGED',
    household: leftBehindFatherPermitUntil('2025-08-31'),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'FLAGGED' },
  },
  {
    name: 'a father living in another community of the child’s own hukou county (渝北) is not away, and the mother is at home: CARE-LEFT-BEHIND-ENDED FLAGGED',
    household: (h) =>
      h
        .child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] })
        .father((p) => p.livesIn(YUBEI_WUXING, '2023-01-01'))
        .mother(),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'FLAGGED' },
  },
  {
    name: 'a dead father’s permit in 江北 does not make him away, and the mother is at home: CARE-LEFT-BEHIND-ENDED FLAGGED',
    household: (h) =>
      h
        .child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] })
        .father((p) => p.deceased().livesIn(JIANGBEI, '2023-01-01'))
        .mother(),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'FLAGGED' },
  },
  {
    name: 'a left-behind child with only the mother on record, at home: the unknown father may be away, CARE-LEFT-BEHIND-ENDED INCONCLUSIVE',
    household: (h) => h.child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] }).mother(),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'INCONCLUSIVE' },
  },
  {
    name: 'a left-behind child with only the father on record, working in 江北: one parent away is enough, CARE-LEFT-BEHIND-ENDED CLEAR although the mother is unknown',
    household: (h) => h.child({ born: '2016-04-01', categories: ['LEFT_BEHIND'] }).father((p) => p.livesIn(JIANGBEI, '2023-01-01')),
    expected: { 'CARE-LEFT-BEHIND-ENDED': 'CLEAR' },
  },
  {
    name: 'a child not on the ledger whose only linked parent works in 江北: the unknown mother may be at home and able, CARE-UNREGISTERED-LEFT-BEHIND INCONCLUSIVE',
    household: (h) => h.childNotOnLedger({ born: '2016-04-01' }).father((p) => p.livesIn(JIANGBEI, '2023-01-01')),
    expected: { 'CARE-UNREGISTERED-LEFT-BEHIND': 'INCONCLUSIVE' },
  },

  // ---------------------------------------------------------------- deaths the register has not yet recorded (EXIT-DECEASED)
  {
    name: 'a child with temporary assistance whose health death certificate is dated today is EXIT-DECEASED FLAGGED, though public security still registers the child',
    household: temporaryAssistanceDiedOn('2025-09-01'),
    expected: { 'EXIT-DECEASED': 'FLAGGED' },
  },
  {
    name: 'a death certificate dated tomorrow is no death yet: EXIT-DECEASED CLEAR',
    household: temporaryAssistanceDiedOn('2025-09-02'),
    expected: { 'EXIT-DECEASED': 'CLEAR' },
  },

  // ---------------------------------------------------------------- no household registration, once more
  {
    name: 'a no-hukou left-behind migrant child is INCONCLUSIVE for every other rule reading public security, even where other agencies’ facts would decide it (every dose given), and decided where it is not read',
    household: (h) =>
      h
        .child({ born: '2020-04-01', hukou: null, categories: ['NO_HUKOU', 'MIGRANT', 'LEFT_BEHIND'] })
        .support('TEMPORARY_ASSISTANCE', { from: '2025-07-01' })
        .immunization(10, 10)
        .careAgreement('2025-01-01', null)
        .insured(2025, 'NONE'),
    expected: {
      'EXIT-ORPHAN-PARENT-ALIVE': 'INCONCLUSIVE',
      'EXIT-DEFACTO-CHANGED': 'INCONCLUSIVE',
      'EXIT-HUKOU-MOVED': 'INCONCLUSIVE',
      'GAP-DEFACTO': 'INCONCLUSIVE',
      'EDU-DROPPED-OUT': 'INCONCLUSIVE',
      'EDU-HOME-DELIVERY': 'INCONCLUSIVE',
      'MIG-NOT-MIGRANT': 'INCONCLUSIVE',
      'MIG-NO-SCHOOL': 'INCONCLUSIVE',
      'MIG-IMMUNIZATION': 'INCONCLUSIVE',
      'CARE-LEFT-BEHIND-ENDED': 'INCONCLUSIVE',
      'MIG-IDENTITY': 'FLAGGED',
      'MIG-NO-INSURANCE': 'CLEAR',
      'CARE-NO-AGREEMENT': 'CLEAR',
      'GAP-SEVERE-DISABILITY': 'CLEAR',
      'GAP-DISABILITY-LIVING': 'CLEAR',
    },
  },
];

/** The table: each case's rows written under its own prefix. */
export const CROSSCHECK_CASES: readonly CrossCheckCase[] = DEFINITIONS.map((d, i) => {
  const h = new CaseHousehold(`case-${i + 1}-`);
  const child = d.household(h);
  return { name: d.name, asOf: d.asOf ?? DEFAULT_AS_OF, prefix: h.prefix, rows: h.rows, child: child.id, expected: d.expected };
});
