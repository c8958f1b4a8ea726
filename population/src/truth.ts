import { addMonths, addYears, ageOn, dayOf, firstOfMonth, iso, monthOf, monthsOn, parseDay, yearOf } from './dates';
import {
  between,
  circumstancesOn,
  circumstanceSince,
  closedMissing,
  currentCustody,
  death,
  disability,
  illness,
  openMissing,
  pastCustody,
} from './facts';
import type { Village } from './geography';
import { placeOnAgeBoundary } from './inject/ages';
import { fullName, mobilePhone, randomSurname } from './names';
import { type Rng, Weighted } from './rng';
import type {
  CaregiverTruth,
  Category,
  ChildTruth,
  EnrolmentTruth,
  Gender,
  HouseholdKind,
  HouseholdTruth,
  ImmunizationTruth,
  InsuranceTruth,
  ParentCircumstance,
  ParentTruth,
  Poverty,
  ResidencePermitTruth,
  RiskColour,
  SchoolingTruth,
  SupportTruth,
} from './types';
import type { World } from './world';

/**
 * Step one of generation: a household's real-world facts. Nothing here knows how any agency records
 * them; the derive/ functions do that.
 */

/** Relative size of each birth cohort by age on asOf (Chongqing births fell from ~370k to ~180k a year). */
const AGE_WEIGHTS = [180, 190, 200, 220, 250, 300, 330, 360, 370, 370, 370, 370, 370, 360, 350, 340, 340, 340];

const DE_FACTO_CIRCUMSTANCES = new Weighted<ParentCircumstance>([
  ['IMPRISONED', 0.3],
  ['MISSING', 0.22],
  ['SEVERE_DISABILITY', 0.14],
  ['SERIOUS_ILLNESS', 0.1],
  ['DECEASED', 0.14],
  ['COMPULSORY_DRUG_REHAB', 0.06],
  ['OTHER_RESTRICTION', 0.02],
  ['GUARDIANSHIP_REVOKED', 0.02],
]);

type Relative = readonly [relation: string, gender: Gender, surnameFrom: 'father' | 'mother' | 'other', generation: 'elder' | 'parent'];
const RELATIVES = new Weighted<Relative>([
  [['祖母', 'F', 'other', 'elder'], 0.35],
  [['祖父', 'M', 'father', 'elder'], 0.2],
  [['外祖母', 'F', 'other', 'elder'], 0.2],
  [['外祖父', 'M', 'mother', 'elder'], 0.1],
  [['伯父', 'M', 'father', 'parent'], 0.03],
  [['叔叔', 'M', 'father', 'parent'], 0.04],
  [['姑姑', 'F', 'father', 'parent'], 0.04],
  [['舅舅', 'M', 'mother', 'parent'], 0.02],
  [['姨妈', 'F', 'mother', 'parent'], 0.02],
]);

/** The ledgers date from 国发〔2016〕13号 (14 Feb 2016), which ordered the registration of left-behind children. */
const LEDGER_START = dayOf(2016, 2, 14);

/** Cumulative doses due by age in months, national immunisation schedule (2021 edition). */
const DOSE_MILESTONES: readonly (readonly [months: number, cumulative: number])[] = [
  [0, 2],
  [1, 3],
  [2, 4],
  [3, 6],
  [4, 8],
  [5, 9],
  [6, 11],
  [8, 13],
  [9, 14],
  [18, 17],
  [24, 18],
  [36, 19],
  [48, 20],
  [72, 22],
];

function dosesDue(ageMonths: number): number {
  let due = 0;
  for (const [m, c] of DOSE_MILESTONES) if (ageMonths >= m) due = c;
  return due;
}

/** First school year whose 31 August is on or before asOf: the school year in progress. */
export function schoolYearOf(asOf: number): number {
  const y = yearOf(asOf);
  return monthOf(asOf) >= 9 ? y : y - 1;
}

type OrdinaryVariant = 'NONE' | 'ONE_DECEASED' | 'ONE_AWAY' | 'ONE_IMPRISONED' | 'REVOKED' | 'DISABLED';

interface Ctx {
  world: World;
  rng: Rng;
  asOf: number;
}

function pickKind(rng: Rng, w: World): HouseholdKind {
  const s = w.opts.shares;
  let x = rng.float();
  if ((x -= s.leftBehind) < 0) return 'LEFT_BEHIND';
  if ((x -= s.migrant) < 0) return 'MIGRANT';
  if ((x -= s.orphaned) < 0) return 'ORPHANED';
  if (x < s.deFacto) return 'DE_FACTO';
  return 'ORDINARY';
}

function pickOrdinaryVariant(rng: Rng, w: World, twoParents: boolean): OrdinaryVariant {
  const s = w.opts.shares;
  let x = rng.float();
  if ((x -= s.parentDisabled) < 0) return 'DISABLED';
  if (!twoParents) return 'NONE';
  if ((x -= s.oneParentDeceased) < 0) return 'ONE_DECEASED';
  if ((x -= s.oneParentAway) < 0) return 'ONE_AWAY';
  if ((x -= s.oneParentImprisoned) < 0) return 'ONE_IMPRISONED';
  if (x < s.guardianshipRevoked) return 'REVOKED';
  return 'NONE';
}

/**
 * Dates of birth, eldest first: each child's age drawn independently from the cohort weights (so the
 * population's ages follow them), siblings at least a year apart (2% twins), all born by latestDob.
 * Independent draws also give the wide gaps of second children born after the 2016 two-child policy.
 */
function childBirthDates(c: Ctx, wanted: number, maxAge: number, latestDob: number): number[] {
  const { rng, asOf } = c;
  const minAge = latestDob < asOf - 300 ? 1 : 0;
  const weights = AGE_WEIGHTS.slice(minAge, maxAge + 1);
  const drawDob = (): number => {
    const age = minAge + rng.weightedIndex(weights);
    return between(rng, addYears(asOf, -(age + 1)) + 1, Math.min(addYears(asOf, -age), latestDob));
  };
  const dobs = [drawDob()];
  for (let i = 1; i < wanted; i++) {
    if (rng.chance(0.02)) {
      dobs.push(dobs[dobs.length - 1]);
      continue;
    }
    for (let tries = 0; tries < 4; tries++) {
      const d = drawDob();
      if (dobs.every((x) => Math.abs(x - d) >= 365)) {
        dobs.push(d);
        break;
      }
    }
  }
  dobs.sort((a, b) => a - b);
  // One mother's children are born within 22 years of each other.
  while (dobs.length > 1 && dobs[dobs.length - 1] - dobs[0] > 365 * 22) dobs.pop();
  return dobs;
}

function newParent(
  c: Ctx,
  relation: 'FATHER' | 'MOTHER',
  dob: number,
  surname: string,
  hukou: Village,
  residence: string,
  residenceSince: number,
): ParentTruth {
  const { world, rng } = c;
  const gender: Gender = relation === 'FATHER' ? 'M' : 'F';
  // The ID address code is where the person was first registered: often another county (mothers marry in).
  const bornElsewhere = rng.chance(relation === 'MOTHER' ? 0.35 : 0.15);
  const idCounty = bornElsewhere ? rng.pick(world.geo.countiesOf(hukou.county.slice(0, 2))) : hukou.county;
  const idNumber = world.idNumber(idCounty, dob, gender);
  return {
    id: world.pid(idNumber),
    idNumber,
    caIssuedId: null,
    name: fullName(rng, surname, gender, 'parent'),
    surname,
    gender,
    dateOfBirth: iso(dob),
    hukouRegion: hukou.code,
    residenceRegion: residence,
    residenceSince: iso(residenceSince),
    residencePermit: null,
    death: null,
    custody: [],
    missing: [],
    disability: null,
    illness: null,
    relation,
    workingAway: false,
    guardianshipRevoked: null,
    circumstances: [],
  };
}

/**
 * A residence permit for someone living at `region` since `since`: first issued after six months'
 * residence and endorsed yearly, so the record on file is the latest endorsement, valid over asOf.
 */
function permit(c: Ctx, region: string, since: number): ResidencePermitTruth | null {
  const { rng, asOf } = c;
  const eligible = since + 183;
  if (eligible > asOf) return null;
  let issued = Math.min(asOf, eligible + rng.int(0, 45));
  while (addYears(issued, 1) <= asOf) issued = addYears(issued, 1);
  return { region, residenceSince: iso(since), issuedOn: iso(issued), validUntil: iso(addYears(issued, 1) - 1) };
}

function sendAway(c: Ctx, p: ParentTruth, township: string, since: number): void {
  p.workingAway = true;
  p.residenceRegion = township;
  p.residenceSince = iso(since);
  p.residencePermit = permit(c, township, since);
  if (!p.residencePermit) {
    // Away long enough to count by construction; make sure the permit exists.
    p.residencePermit = permit(c, township, Math.min(since, c.asOf - 230));
    p.residenceSince = iso(Math.min(since, c.asOf - 230));
  }
}

function applyCircumstance(c: Ctx, p: ParentTruth, circ: ParentCircumstance, youngestDob: number, hukou: Village): void {
  const { world, rng, asOf } = c;
  const adult = addYears(parseDay(p.dateOfBirth), 18);
  const where = { province: hukou.county.slice(0, 2), provinceName: world.geo.name(hukou.county.slice(0, 2)), female: p.gender === 'F' };
  // A father's absence may begin before the youngest child's birth; a mother's cannot.
  const from = Math.max(adult, p.relation === 'FATHER' ? youngestDob - 200 : youngestDob);
  switch (circ) {
    case 'DECEASED':
      p.death = death(rng, from, asOf - 30, p.residenceRegion.length === 12 ? p.residenceRegion : hukou.code);
      break;
    case 'MISSING':
      p.missing.push(openMissing(rng, Math.max(from, addYears(asOf, -8)), asOf));
      break;
    case 'SEVERE_DISABILITY':
      p.disability = disability(rng, Math.max(adult, addYears(asOf, -15)), asOf - 60, asOf, { severe: true, child: false });
      break;
    case 'SERIOUS_ILLNESS':
      p.illness = illness(rng, Math.max(adult, addYears(asOf, -6)), asOf - 30, false);
      break;
    case 'GUARDIANSHIP_REVOKED': {
      const on = between(rng, Math.max(youngestDob + 180, addYears(asOf, -5)), asOf - 30);
      p.guardianshipRevoked = { on: iso(on), court: world.court(hukou.county), judgmentNo: world.judgmentNo(hukou.county, yearOf(on)) };
      break;
    }
    default:
      p.custody.push(currentCustody(rng, circ, from, asOf - 30, asOf, where));
  }
}

function caregiver(c: Ctx, father: ParentTruth | undefined, mother: ParentTruth | undefined): CaregiverTruth {
  const { rng } = c;
  const [relation, gender, from, generation] = RELATIVES.pick(rng);
  const surname = from === 'father' && father ? father.surname : from === 'mother' && mother ? mother.surname : randomSurname(rng);
  return { name: fullName(rng, surname, gender, generation), relation, phone: mobilePhone(rng) };
}

function riskColour(
  rng: Rng,
  cats: Category[],
  h: { deFactoSevere: boolean; oneParentUnable: boolean; severeDisability: boolean },
  age: number,
): RiskColour {
  let level = 0;
  const has = (x: Category) => cats.includes(x);
  if (has('NO_HUKOU') || has('DIFFICULT_GUARDIANSHIP')) level = 3;
  if (has('DE_FACTO_UNSUPPORTED')) level = Math.max(level, h.deFactoSevere ? 3 : 2);
  if (has('ORPHAN')) level = Math.max(level, age < 6 ? 3 : 2);
  if (has('DIFFICULT_ILLNESS')) level = Math.max(level, 2);
  if (has('DIFFICULT_DISABILITY')) level = Math.max(level, h.severeDisability ? 2 : 1);
  if (has('DIFFICULT_POVERTY')) level = Math.max(level, 1);
  if (has('LEFT_BEHIND')) level = Math.max(level, h.oneParentUnable || age < 3 ? 1 : 0);
  // Assessments are individual: one child in ten is rated a step away from the rule of thumb.
  if (rng.chance(0.1)) level = Math.min(3, Math.max(0, level + (rng.chance(0.5) ? 1 : -1)));
  return (['GREEN', 'BLUE', 'YELLOW', 'RED'] as const)[level];
}

function round10(x: number): number {
  return Math.round(x / 10) * 10;
}

/** A monthly support starting at the first of a month shortly after it became due (never before birth or after asOf). */
function supportStart(c: Ctx, due: number, dob: number): number {
  const d = Math.min(c.asOf, Math.max(due, dob) + c.rng.int(10, 70));
  return Math.max(firstOfMonth(d), dob);
}

function activeOn(s: SupportTruth, day: number): boolean {
  return parseDay(s.startDate) <= day && (s.endDate === null || parseDay(s.endDate) >= day);
}

function subsidyOn(supports: SupportTruth[], day: number): Pick<InsuranceTruth, 'subsidy' | 'basis'> {
  const active = (t: SupportTruth['type']) => supports.some((s) => s.type === t && activeOn(s, day));
  if (active('ORPHAN_ALLOWANCE')) return { subsidy: 'FULL', basis: 'ORPHAN' };
  if (active('DE_FACTO_UNSUPPORTED_ALLOWANCE')) return { subsidy: 'FULL', basis: 'DE_FACTO_UNSUPPORTED' };
  if (active('EXTREME_POVERTY')) return { subsidy: 'FULL', basis: 'EXTREME_POVERTY' };
  if (active('MINIMUM_LIVING')) return { subsidy: 'PARTIAL', basis: 'MINIMUM_LIVING' };
  return { subsidy: 'NONE', basis: null };
}

/**
 * Resident medical insurance for the asOf year and the one before: enrolment in the autumn before the
 * year (newborns within weeks of birth); the subsidy follows the supports in force at enrolment, and
 * a child who qualifies during the current year is re-enrolled with the subsidy.
 */
function insurance(c: Ctx, child: ChildTruth, dob: number, insured: boolean): InsuranceTruth[] {
  const { rng, asOf } = c;
  if (!insured || !child.hukouRegion) return [];
  const out: InsuranceTruth[] = [];
  const thisYear = yearOf(asOf);
  for (const year of [thisYear - 1, thisYear]) {
    if (dob > dayOf(year, 12, 31) || dob > asOf) continue;
    let enrolled = yearOf(dob) === year ? dob + rng.int(7, 60) : dayOf(year - 1, 9, 1) + rng.int(0, 121);
    enrolled = Math.min(enrolled, asOf);
    let sub = subsidyOn(child.supports, enrolled);
    if (year === thisYear) {
      const now = subsidyOn(child.supports, asOf);
      if (now.subsidy !== sub.subsidy) {
        if (now.subsidy !== 'NONE') {
          const since = Math.max(...child.supports.filter((s) => activeOn(s, asOf)).map((s) => parseDay(s.startDate)));
          enrolled = Math.min(asOf, Math.max(enrolled, since + rng.int(0, 20)));
        }
        sub = now;
      }
    }
    out.push({ year, insuredRegion: child.hukouRegion.slice(0, 6), subsidy: sub.subsidy, basis: sub.basis, enrolledOn: iso(enrolled) });
  }
  return out;
}

/**
 * Every child has a record in the immunisation registry (预防接种信息系统), whose schedule ends at age 6;
 * older children are assessed against the full schedule.
 */
function immunization(c: Ctx, dob: number, clinicRegion: string): ImmunizationTruth | null {
  const { rng, asOf, world } = c;
  const months = monthsOn(dob, asOf);
  const due = dosesDue(months);
  const upToDate = rng.chance(world.opts.shares.immunizationUpToDate);
  const given = upToDate ? due : Math.max(0, due - rng.int(1, 3));
  let last: number | null = null;
  if (given > 0) {
    const milestone = DOSE_MILESTONES.find(([, cum]) => cum >= given)!;
    last = Math.min(asOf, addMonths(dob, milestone[0]) + rng.int(0, 20));
  }
  return { clinicRegion, dosesDue: due, dosesGiven: given, lastDoseOn: last === null ? null : iso(last), upToDate: given >= due };
}

/**
 * School history by age in the residence county: grade = age on 31 August − 5; one record per stage
 * (the previous stage GRADUATED, the current one ENROLLED). Children who moved in after a stage began
 * transferred in on arrival; earlier records elsewhere are not this region's.
 */
function schooling(c: Ctx, child: ChildTruth, dob: number, residence: Village, residenceSince: number): SchoolingTruth | null {
  const { world, rng, asOf } = c;
  const s = world.opts.shares;
  const sy = schoolYearOf(asOf);
  const age = ageOn(dob, dayOf(sy, 8, 31));
  if (age < 6) return null;
  const grade = Math.min(12, age - 5);
  const sept = (y: number) => dayOf(y, 9, 1);
  const july = (y: number) => dayOf(y, 7, 1);
  const startOfGrade = (g: number) => sept(sy - (grade - g));
  const twp = world.schoolsOf(residence.township);
  const county = world.schoolsOfCounty(residence.county);
  const enrolments: EnrolmentTruth[] = [];
  const arrive = (stageStart: number) => (residenceSince > stageStart ? Math.min(asOf, residenceSince + rng.int(0, 20)) : stageStart);
  const d = child.disability;
  let homeDelivery: SchoolingTruth['homeDelivery'] = null;

  if (grade <= 9 && d && d.status === 'VALID' && d.severe && d.level <= 2 && grade >= 2 && rng.chance(s.homeDelivery)) {
    // Taught at home by the county special school for the whole of compulsory education.
    const start = startOfGrade(1);
    const enrolledOn = arrive(start);
    enrolments.push({
      schoolCode: county.special.code,
      grade,
      status: 'ENROLLED',
      statusSince: iso(enrolledOn),
      enrolledOn: iso(enrolledOn),
    });
    const lastMonthStart = firstOfMonth(addMonths(asOf, -1));
    const registered = between(rng, Math.max(enrolledOn, parseDay(d.firstCertifiedOn) + 30), lastMonthStart - 1);
    // Registered before last month began, so last month's sessions are all on file.
    if (registered < lastMonthStart && registered >= enrolledOn)
      homeDelivery = { schoolCode: county.special.code, registeredOn: iso(registered) };
    return { expectedGrade: grade, enrolments, homeDelivery };
  }

  const special = d && d.severe && (d.type === 'INTELLECTUAL' || d.type === 'MULTIPLE') && rng.chance(0.5);
  if (grade <= 9) {
    const nineYear = twp.primary[0].level === 'NINE_YEAR';
    if (special || nineYear) {
      const school = special ? county.special : twp.primary[0];
      const on = arrive(startOfGrade(1));
      enrolments.push({ schoolCode: school.code, grade, status: 'ENROLLED', statusSince: iso(on), enrolledOn: iso(on) });
    } else if (grade <= 6) {
      const on = arrive(startOfGrade(1));
      enrolments.push({ schoolCode: rng.pick(twp.primary).code, grade, status: 'ENROLLED', statusSince: iso(on), enrolledOn: iso(on) });
    } else {
      const primaryStart = startOfGrade(1);
      const juniorStart = startOfGrade(7);
      if (residenceSince <= primaryStart + 366 * 5) {
        const on = arrive(primaryStart);
        enrolments.push({
          schoolCode: rng.pick(twp.primary).code,
          grade: 6,
          status: 'GRADUATED',
          statusSince: iso(july(yearOf(juniorStart))),
          enrolledOn: iso(on),
        });
      }
      const on = arrive(juniorStart);
      enrolments.push({ schoolCode: rng.pick(twp.junior).code, grade, status: 'ENROLLED', statusSince: iso(on), enrolledOn: iso(on) });
    }
    return { expectedGrade: grade, enrolments, homeDelivery };
  }

  // Past grade 9: the junior record graduated; most go on to senior or vocational school.
  const juniorStart = startOfGrade(7);
  const seniorStart = startOfGrade(10);
  if (residenceSince <= seniorStart - 180) {
    const junior = special ? county.special : rng.pick(twp.junior);
    const on = arrive(junior.level === 'NINE_YEAR' || junior.level === 'SPECIAL' ? startOfGrade(1) : juniorStart);
    enrolments.push({
      schoolCode: junior.code,
      grade: 9,
      status: 'GRADUATED',
      statusSince: iso(july(yearOf(seniorStart))),
      enrolledOn: iso(on),
    });
  }
  if (rng.chance(s.seniorSchooling) && !special) {
    const school = rng.chance(s.vocational) ? county.vocational : rng.pick(county.senior);
    const on = arrive(seniorStart);
    enrolments.push({ schoolCode: school.code, grade, status: 'ENROLLED', statusSince: iso(on), enrolledOn: iso(on) });
  }
  return { expectedGrade: grade, enrolments, homeDelivery };
}

/**
 * The household's facts, with at most `maxChildren` children (the run's remaining quota). `ageRng`, the
 * household's own stream for the age knobs of the discrepancy rates, may move the eldest child onto an
 * age boundary (inject/ages.ts); without it, or with those rates 0, nothing changes.
 */
export function buildHousehold(world: World, rng: Rng, index: number, maxChildren: number, ageRng?: Rng): HouseholdTruth {
  const asOf = world.opts.asOfDay;
  const s = world.opts.shares;
  const geo = world.geo;
  const c: Ctx = { world, rng, asOf };

  const kind = pickKind(rng, world);
  const wanted = Math.min(maxChildren, 1 + rng.weightedIndex(s.childrenPerHousehold));
  // Parents' absence is dated after the youngest birth: those households have no newborn.
  const latestDob = kind === 'ORDINARY' || kind === 'MIGRANT' ? asOf - 1 : asOf - 366;
  const dobs = childBirthDates(c, wanted, kind === 'LEFT_BEHIND' || kind === 'MIGRANT' ? 15 : 17, latestDob);
  if (ageRng) placeOnAgeBoundary(world, ageRng, kind, dobs);
  const eldest = dobs[0];
  const youngest = dobs[dobs.length - 1];

  // Where the family is registered and where it lives.
  let residence: Village;
  let hukou: Village;
  switch (kind) {
    case 'LEFT_BEHIND':
      residence = hukou = rng.pick(geo.rural);
      break;
    case 'MIGRANT':
      residence = rng.chance(0.7) ? rng.pick(geo.urban) : rng.pick(geo.rural);
      hukou = rng.chance(s.migrantOutOfProvince)
        ? geo.originVillage(rng)
        : (geo.otherCountyVillage(rng, residence.county) ?? geo.originVillage(rng));
      break;
    case 'ORPHANED':
    case 'DE_FACTO':
      residence = hukou = rng.chance(0.7) ? rng.pick(geo.rural) : rng.pick(geo.urban);
      break;
    default: {
      residence = hukou = rng.pick(geo.villages);
      const peers = geo.groupPeers(residence.county);
      if (peers.length && rng.chance(s.hukouInEquivalentCounty)) {
        const peerVillages = geo.villagesIn(rng.pick(peers));
        if (peerVillages.length) hukou = rng.pick(peerVillages);
      } else if (rng.chance(0.1)) {
        hukou = rng.pick(geo.villagesIn(residence.county));
      }
    }
  }

  // Parents.
  const spanYears = Math.floor((youngest - eldest) / 365);
  const motherDob = addYears(eldest, -rng.int(20, Math.max(20, Math.min(35, 42 - spanYears)))) - rng.int(0, 364);
  const fatherDob = addYears(motherDob, -rng.int(-1, 5)) - rng.int(0, 364);
  const established = Math.max(addYears(Math.max(motherDob, fatherDob), 20), eldest - rng.int(200, 1500));
  const extremePoverty = kind === 'ORDINARY' && rng.chance(s.extremePoverty);
  const singleParent = extremePoverty || ((kind === 'ORDINARY' || kind === 'MIGRANT') && rng.chance(s.singleParent));
  const hasFather = !singleParent || rng.chance(0.3);
  const hasMother = !singleParent || !hasFather;
  const fatherSurname = randomSurname(rng);
  const migrantSince =
    kind === 'MIGRANT'
      ? rng.chance(s.migrantRecentArrival)
        ? asOf - rng.int(30, 170)
        : between(rng, addYears(asOf, -10), asOf - 200)
      : null;
  const parentResidenceSince = migrantSince ?? established;
  const father = hasFather ? newParent(c, 'FATHER', fatherDob, fatherSurname, hukou, residence.code, parentResidenceSince) : undefined;
  const mother = hasMother ? newParent(c, 'MOTHER', motherDob, randomSurname(rng), hukou, residence.code, parentResidenceSince) : undefined;
  const parents = [father, mother].filter((p): p is ParentTruth => p !== undefined);

  let oneParentUnable = false;
  let revokedParent = false;
  let deFactoSevere = false;
  let awaySince: number | null = null;
  let orphanedOn: number | null = null;

  switch (kind) {
    case 'LEFT_BEHIND': {
      const since = between(rng, Math.max(youngest + 60, addYears(asOf, -8)), asOf - 210);
      if (!rng.chance(s.leftBehindOneParentUnable)) {
        const dest = geo.workTownship(rng, hukou.county);
        sendAway(c, father!, dest, since);
        sendAway(c, mother!, rng.chance(0.75) ? dest : geo.workTownship(rng, hukou.county), since + rng.int(0, 120));
        awaySince = Math.max(parseDay(father!.residenceSince), parseDay(mother!.residenceSince));
      } else {
        oneParentUnable = true;
        const [away, home] = rng.chance(0.75) ? [father!, mother!] : [mother!, father!];
        sendAway(c, away, geo.workTownship(rng, hukou.county), since);
        applyCircumstance(c, home, rng.chance(0.6) ? 'SEVERE_DISABILITY' : 'SERIOUS_ILLNESS', youngest, hukou);
        awaySince = parseDay(away.residenceSince);
      }
      break;
    }
    case 'MIGRANT':
      for (const p of parents) p.residencePermit = permit(c, residence.code, migrantSince!);
      break;
    case 'ORPHANED': {
      const [first, second] = rng.chance(0.5) ? [father!, mother!] : [mother!, father!];
      const lo = (p: ParentTruth) => Math.max(addYears(parseDay(p.dateOfBirth), 18), p.relation === 'FATHER' ? youngest - 200 : youngest);
      first.death = death(rng, lo(first), asOf - 60, residence.code);
      const firstOn = parseDay(first.death.on);
      second.death = rng.chance(0.12)
        ? { ...death(rng, firstOn, firstOn, residence.code), on: first.death.on }
        : death(rng, Math.max(firstOn, lo(second)), asOf - 30, residence.code);
      orphanedOn = Math.max(firstOn, parseDay(second.death.on));
      break;
    }
    case 'DE_FACTO': {
      let f: ParentCircumstance;
      let m: ParentCircumstance;
      do {
        f = DE_FACTO_CIRCUMSTANCES.pick(rng);
        m = DE_FACTO_CIRCUMSTANCES.pick(rng);
      } while (f === 'DECEASED' && m === 'DECEASED');
      applyCircumstance(c, father!, f, youngest, hukou);
      applyCircumstance(c, mother!, m, youngest, hukou);
      const severe: ParentCircumstance[] = ['MISSING', 'IMPRISONED', 'DECEASED', 'GUARDIANSHIP_REVOKED'];
      deFactoSevere = severe.includes(f) && severe.includes(m);
      break;
    }
    default: {
      const variant = pickOrdinaryVariant(rng, world, parents.length === 2);
      const one = father && mother ? (rng.chance(0.7) ? father : mother) : parents[0];
      switch (variant) {
        case 'DISABLED':
          // Mostly not severe: the other parent (or the single parent) still cares for the children.
          one.disability = disability(rng, Math.max(addYears(parseDay(one.dateOfBirth), 18), addYears(asOf, -15)), asOf - 60, asOf, {
            severe: rng.chance(0.2) ? undefined : false,
            child: false,
            expired: rng.chance(0.05),
          });
          break;
        case 'ONE_DECEASED':
          applyCircumstance(c, one, 'DECEASED', youngest, hukou);
          break;
        case 'ONE_AWAY':
          sendAway(c, one, geo.workTownship(rng, hukou.county), between(rng, Math.max(youngest + 30, addYears(asOf, -8)), asOf - 200));
          break;
        case 'ONE_IMPRISONED':
          applyCircumstance(c, one, 'IMPRISONED', youngest, hukou);
          break;
        case 'REVOKED':
          applyCircumstance(c, one, 'GUARDIANSHIP_REVOKED', youngest, hukou);
          revokedParent = true;
          break;
        default:
      }
      if (extremePoverty) {
        const p = parents[0];
        if (!p.disability || !p.disability.severe || p.disability.status !== 'VALID')
          p.disability = disability(rng, Math.max(addYears(parseDay(p.dateOfBirth), 18), addYears(asOf, -15)), asOf - 400, asOf, {
            severe: true,
            child: false,
          });
      }
    }
  }

  // Background history: past prison terms and closed missing-person reports.
  for (const p of parents) {
    if (p.death || p.custody.length || p.missing.length) continue;
    const where = { province: hukou.county.slice(0, 2), provinceName: geo.name(hukou.county.slice(0, 2)), female: p.gender === 'F' };
    const adult = addYears(parseDay(p.dateOfBirth), 18);
    if (rng.chance(s.parentPastCustody)) {
      const past = pastCustody(rng, adult, asOf, where);
      if (past) p.custody.push(past);
    }
    if (rng.chance(s.parentPastMissing)) p.missing.push(closedMissing(rng, adult, asOf));
  }
  for (const p of parents) p.circumstances = circumstancesOn(p, asOf);

  const householdNo = world.householdNo(hukou.county);
  const address = geo.address(rng, hukou);

  // Children.
  const childSurname = (): string => (father ? (rng.chance(0.92) || !mother ? father.surname : mother.surname) : mother!.surname);
  const anyCare = kind === 'LEFT_BEHIND' || kind === 'ORPHANED' || kind === 'DE_FACTO';
  const care = anyCare ? caregiver(c, father, mother) : null;
  const homeParent = [mother, father].find((p) => p && !p.death && !p.workingAway && p.circumstances.length === 0);
  const parentGuardian: CaregiverTruth | null = homeParent
    ? { name: homeParent.name, relation: homeParent.relation === 'MOTHER' ? '母亲' : '父亲', phone: mobilePhone(rng) }
    : null;

  const children: ChildTruth[] = [];
  for (const dob of dobs) {
    const gender: Gender = rng.chance(0.52) ? 'M' : 'F';
    const noHukou = kind === 'ORDINARY' && rng.chance(s.noHukou);
    const idNumber = noHukou ? null : world.idNumber(hukou.county, dob, gender);
    const caIssuedId = noHukou ? world.caIssuedId(residence.county) : null;
    const surname = childSurname();
    const residenceSince = migrantSince !== null ? Math.max(migrantSince, dob) : dob;
    const age = ageOn(dob, asOf);
    const child: ChildTruth = {
      id: world.pid(idNumber ?? caIssuedId!),
      idNumber,
      caIssuedId,
      name: fullName(rng, surname, gender, 'child'),
      surname,
      gender,
      dateOfBirth: iso(dob),
      hukouRegion: noHukou ? null : hukou.code,
      residenceRegion: residence.code,
      residenceSince: iso(residenceSince),
      residencePermit: kind === 'MIGRANT' ? permit(c, residence.code, residenceSince) : null,
      death: null,
      custody: [],
      missing: [],
      disability: null,
      illness: null,
      householdNo: noHukou ? null : householdNo,
      fatherId: father?.id ?? null,
      motherId: mother?.id ?? null,
      categories: [],
      onLedger: false,
      riskColour: null,
      registeredOn: null,
      guardian: null,
      careAgreement: null,
      supports: [],
      schooling: null,
      insurance: [],
      immunization: null,
    };
    if (!noHukou && age >= 1 && rng.chance(s.childDisabled))
      child.disability = disability(rng, addYears(dob, 1), asOf - 30, asOf, { child: true });
    if (rng.chance(s.childSeriousIllness)) child.illness = illness(rng, dob + 30, asOf - 10, true, rng.chance(0.92));
    children.push(child);
  }

  // Poverty: minimum living is likelier with an unable parent or a severely ill or disabled child.
  let poverty: Poverty = 'NONE';
  let povertySince: number | null = null;
  if (extremePoverty) poverty = 'EXTREME_POVERTY';
  else if (kind === 'ORDINARY' || kind === 'LEFT_BEHIND') {
    let p = s.minimumLiving;
    if (oneParentUnable) p *= 6;
    if (children.some((ch) => (ch.disability && ch.disability.severe) || (ch.illness && ch.illness.ongoing))) p *= 3;
    if (rng.chance(Math.min(1, p))) poverty = 'MINIMUM_LIVING';
  }
  if (poverty !== 'NONE') povertySince = between(rng, Math.max(established, addYears(asOf, -6)), asOf - 60);

  // The ledger: categories, registration, risk colour, guardian, agreements and supports.
  const A = world.opts.amounts;
  for (const child of children) {
    const dob = parseDay(child.dateOfBirth);
    const age = ageOn(dob, asOf);
    const cats: Category[] = [];
    const qualified: number[] = [];
    if (kind === 'LEFT_BEHIND' && age < 16) {
      cats.push('LEFT_BEHIND');
      qualified.push(Math.max(dob, awaySince!));
    }
    if (kind === 'MIGRANT' && age < 16 && parseDay(child.residenceSince) <= addMonths(asOf, -6)) {
      cats.push('MIGRANT');
      qualified.push(addMonths(parseDay(child.residenceSince), 6));
    }
    if (kind === 'ORPHANED') {
      cats.push('ORPHAN', 'SCATTERED_ORPHAN');
      qualified.push(Math.max(dob, orphanedOn!));
    }
    let deFactoOn: number | null = null;
    if (kind === 'DE_FACTO') {
      cats.push('DE_FACTO_UNSUPPORTED');
      deFactoOn = Math.max(dob, ...parents.map((p) => Math.min(...p.circumstances.map((x) => circumstanceSince(p, x)))));
      qualified.push(deFactoOn);
    }
    if (poverty !== 'NONE') {
      cats.push('DIFFICULT_POVERTY');
      qualified.push(Math.max(dob, povertySince!));
    }
    const d = child.disability;
    if (d && d.status === 'VALID') {
      cats.push('DIFFICULT_DISABILITY');
      qualified.push(parseDay(d.firstCertifiedOn));
    }
    if (child.illness && child.illness.ongoing) {
      cats.push('DIFFICULT_ILLNESS');
      qualified.push(parseDay(child.illness.diagnosedOn));
    }
    if (revokedParent) {
      cats.push('DIFFICULT_GUARDIANSHIP');
      qualified.push(Math.max(dob, ...parents.filter((p) => p.guardianshipRevoked).map((p) => parseDay(p.guardianshipRevoked!.on))));
    }
    if (child.caIssuedId) {
      cats.push('NO_HUKOU');
      qualified.push(dob + 30);
    }
    if (cats.length) {
      child.categories = cats;
      child.onLedger = true;
      child.registeredOn = iso(Math.min(asOf, Math.max(LEDGER_START, Math.min(...qualified) + rng.int(7, 90))));
      child.guardian = care ?? parentGuardian ?? caregiver(c, father, mother);
      child.riskColour = riskColour(rng, cats, { deFactoSevere, oneParentUnable, severeDisability: !!d?.severe }, age);
      if (cats.includes('LEFT_BEHIND') && care && rng.chance(s.careAgreement)) {
        const signed = between(rng, Math.max(Math.max(dob, awaySince!), asOf - 365), asOf - 1);
        let until: number | null = rng.chance(0.2) ? null : addYears(signed, rng.int(1, 3));
        if (until !== null && until <= asOf) until = addYears(signed, 3);
        child.careAgreement = {
          caregiverName: care.name,
          caregiverRelation: care.relation,
          signedOn: iso(signed),
          validUntil: until === null ? null : iso(until),
        };
      }
    }

    // Supports the child is entitled to, and receives (the truth before any injected discrepancy).
    const sup: SupportTruth[] = [];
    const add = (type: SupportTruth['type'], amount: number, due: number, end: number | null = null) =>
      sup.push({ type, monthlyAmount: amount, startDate: iso(supportStart(c, due, dob)), endDate: end === null ? null : iso(end) });
    const orphan = cats.includes('ORPHAN');
    const deFacto = cats.includes('DE_FACTO_UNSUPPORTED');
    if (orphan) add('ORPHAN_ALLOWANCE', A.ORPHAN_ALLOWANCE, orphanedOn!);
    if (deFacto) add('DE_FACTO_UNSUPPORTED_ALLOWANCE', A.DE_FACTO_UNSUPPORTED_ALLOWANCE, deFactoOn!);
    if (poverty === 'EXTREME_POVERTY') add('EXTREME_POVERTY', A.EXTREME_POVERTY, povertySince!);
    if (poverty === 'MINIMUM_LIVING') add('MINIMUM_LIVING', round10(A.MINIMUM_LIVING * (0.6 + 0.4 * rng.float())), povertySince!);
    if (d && d.status === 'VALID') {
      const certified = parseDay(d.firstCertifiedOn);
      if (d.severe)
        add(
          'SEVERE_DISABILITY_CARE_SUBSIDY',
          d.level === 1 ? A.SEVERE_DISABILITY_CARE_SUBSIDY : round10(A.SEVERE_DISABILITY_CARE_SUBSIDY * 0.8),
          certified,
        );
      // An orphan-allowance child gets the care subsidy but not the living subsidy (docs/rules.md EXIT-OVERLAP).
      if (poverty !== 'NONE' && !orphan) add('DISABILITY_LIVING_SUBSIDY', A.DISABILITY_LIVING_SUBSIDY, certified);
    }
    const seriouslyIll = !!child.illness && child.illness.ongoing;
    if (((d && d.status === 'VALID' && d.severe) || seriouslyIll) && !orphan && !deFacto && (poverty !== 'NONE' || rng.chance(0.5))) {
      const due = Math.max(d?.severe ? parseDay(d.firstCertifiedOn) : 0, seriouslyIll ? parseDay(child.illness!.diagnosedOn) : 0);
      add('DIFFICULT_CHILD_ALLOWANCE', A.DIFFICULT_CHILD_ALLOWANCE, due);
    }
    if (child.illness && poverty !== 'NONE') {
      const on = Math.min(asOf - 1, parseDay(child.illness.diagnosedOn) + rng.int(10, 90));
      sup.push({ type: 'TEMPORARY_ASSISTANCE', monthlyAmount: A.TEMPORARY_ASSISTANCE, startDate: iso(on), endDate: iso(on) });
    }
    child.supports = sup;

    child.schooling = schooling(c, child, dob, residence, parseDay(child.residenceSince));
    child.immunization = immunization(c, dob, residence.township);
    const subsidised = sup.some((x) => x.type !== 'TEMPORARY_ASSISTANCE' && x.type !== 'SEVERE_DISABILITY_CARE_SUBSIDY');
    child.insurance = insurance(c, child, dob, subsidised || rng.chance(s.insured));
  }

  return {
    index,
    kind,
    householdNo,
    hukouRegion: hukou.code,
    residenceRegion: residence.code,
    address,
    establishedOn: iso(established),
    poverty,
    povertySince: povertySince === null ? null : iso(povertySince),
    parents,
    children,
  };
}
