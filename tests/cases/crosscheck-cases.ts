import {
  makeIdNumber,
  type ChildCategory,
  type CustodyKind,
  type EnrolmentStatus,
  type Outcome,
  type ParentRelation,
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

  /** Holds a residence permit for another place (lives and works there). */
  livesIn(region: string, since: string): this {
    this.household.permit(this.person.id, region, since);
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
];

/** The table: each case's rows written under its own prefix. */
export const CROSSCHECK_CASES: readonly CrossCheckCase[] = DEFINITIONS.map((d, i) => {
  const h = new CaseHousehold(`case-${i + 1}-`);
  const child = d.household(h);
  return { name: d.name, asOf: d.asOf ?? DEFAULT_AS_OF, prefix: h.prefix, rows: h.rows, child: child.id, expected: d.expected };
});
