import { addMonths, addYears, iso, monthsOn, parseDay } from './dates';
import { type Rng, Weighted } from './rng';
import type {
  CustodyTruth,
  DeathTruth,
  DisabilityTruth,
  DisabilityType,
  IllnessTruth,
  MissingTruth,
  ParentCircumstance,
  ParentTruth,
} from './types';

/**
 * Generators of single facts (a death, a prison term, a certificate…) between given dates, and the
 * policy reading of a parent's facts on a date. Pure functions of their arguments and the PRNG.
 */

/** the rule catalogue (docs/rules.md) defaults *(policy)*: missing ≥ 6 months, custody terms ≥ 6 months. */
const MISSING_MIN_MONTHS = 6;
const CUSTODY_MIN_TERM_MONTHS = 6;

const ADULT_DEATH_CAUSES = ['V89.2', 'W69', 'W13', 'T75.4', 'C22.0', 'C34.9', 'C16.9', 'I21.9', 'I61.9', 'J18.9', 'K74.6', 'N18.5'];

const CHILD_ILLNESSES: readonly (readonly [string, string])[] = [
  ['C91.0', '急性淋巴细胞白血病'],
  ['C92.0', '急性髓系白血病'],
  ['Q21.0', '室间隔缺损'],
  ['Q21.1', '房间隔缺损'],
  ['Q22.1', '先天性肺动脉瓣狭窄'],
  ['D56.1', 'β型地中海贫血'],
  ['D61.9', '再生障碍性贫血'],
  ['D66', '遗传性凝血因子Ⅷ缺乏（血友病A）'],
  ['N04.9', '肾病综合征'],
  ['C69.2', '视网膜母细胞瘤'],
  ['C74.9', '神经母细胞瘤'],
  ['E10.9', '1型糖尿病'],
  ['G71.0', '进行性肌营养不良'],
];

const ADULT_ILLNESSES: readonly (readonly [string, string])[] = [
  ['C34.9', '肺恶性肿瘤'],
  ['C22.0', '肝细胞癌'],
  ['C16.9', '胃恶性肿瘤'],
  ['C50.9', '乳腺恶性肿瘤'],
  ['C53.9', '宫颈恶性肿瘤'],
  ['N18.5', '慢性肾脏病5期（尿毒症）'],
  ['I63.9', '脑梗死后遗症'],
  ['I61.9', '脑出血后遗症'],
  ['F20.9', '精神分裂症'],
  ['K74.6', '肝硬化失代偿期'],
];

const CHILD_DISABILITY_TYPES = new Weighted<DisabilityType>([
  ['INTELLECTUAL', 0.28],
  ['PHYSICAL', 0.24],
  ['HEARING', 0.12],
  ['SPEECH', 0.05],
  ['VISUAL', 0.07],
  ['MENTAL', 0.12],
  ['MULTIPLE', 0.12],
]);
const ADULT_DISABILITY_TYPES = new Weighted<DisabilityType>([
  ['PHYSICAL', 0.45],
  ['VISUAL', 0.12],
  ['HEARING', 0.14],
  ['SPEECH', 0.02],
  ['INTELLECTUAL', 0.08],
  ['MENTAL', 0.12],
  ['MULTIPLE', 0.07],
]);
const LEVELS = new Weighted<1 | 2 | 3 | 4>([
  [1, 0.2],
  [2, 0.28],
  [3, 0.27],
  [4, 0.25],
]);

const PRISONS_CHONGQING = [
  '重庆市永川监狱',
  '重庆市渝州监狱',
  '重庆市三合监狱',
  '重庆市北碚监狱',
  '重庆市九龙监狱',
  '重庆市渝都监狱',
  '重庆市垫江监狱',
  '重庆市黔江监狱',
];
const REHAB_CHONGQING = ['重庆市强制隔离戒毒所', '重庆市第二强制隔离戒毒所', '重庆市女子强制隔离戒毒所'];

function isSevere(type: DisabilityType, level: number): boolean {
  return level <= 2 || type === 'INTELLECTUAL' || type === 'MENTAL';
}

/** Uniform day in [lo, hi]; if the window is empty, `hi`. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo > hi ? hi : rng.int(lo, hi);
}

export function death(rng: Rng, lo: number, hi: number, placeRegion: string): DeathTruth {
  const on = between(rng, lo, hi);
  const certificate = rng.chance(0.85);
  return {
    on: iso(on),
    causeIcd10: rng.pick(ADULT_DEATH_CAUSES),
    placeRegion,
    certificate,
    hukouCancelled: certificate ? rng.chance(0.88) : true,
  };
}

function institution(rng: Rng, kind: CustodyTruth['kind'], province: string, provinceName: string, female: boolean): string {
  if (province === '50') {
    if (kind === 'IMPRISONED') return female ? '重庆市女子监狱' : rng.pick(PRISONS_CHONGQING);
    if (kind === 'COMPULSORY_DRUG_REHAB') return female ? REHAB_CHONGQING[2] : rng.pick(REHAB_CHONGQING.slice(0, 2));
    return '重庆市看守所';
  }
  if (kind === 'IMPRISONED') return female ? `${provinceName}女子监狱` : `${provinceName}第${rng.pick(['一', '二', '三'])}监狱`;
  if (kind === 'COMPULSORY_DRUG_REHAB') return `${provinceName}强制隔离戒毒所`;
  return `${provinceName}看守所`;
}

/** A custody in force on asOf, begun in [lo, hi]. */
export function currentCustody(
  rng: Rng,
  kind: CustodyTruth['kind'],
  lo: number,
  hi: number,
  asOf: number,
  where: { province: string; provinceName: string; female: boolean },
): CustodyTruth {
  let since: number;
  let term: number;
  if (kind === 'COMPULSORY_DRUG_REHAB') {
    // Compulsory isolated drug rehabilitation: two years (禁毒法 第47条).
    since = between(rng, Math.max(lo, addMonths(asOf, -23)), hi);
    term = 24;
  } else if (kind === 'OTHER_RESTRICTION') {
    since = between(rng, Math.max(lo, asOf - 300), hi);
    term = Math.max(CUSTODY_MIN_TERM_MONTHS, monthsOn(since, asOf) + rng.int(2, 12));
  } else {
    since = between(rng, Math.max(lo, addYears(asOf, -10)), hi);
    term = Math.max(CUSTODY_MIN_TERM_MONTHS, monthsOn(since, asOf) + rng.int(3, 120));
  }
  return {
    kind,
    since: iso(since),
    termMonths: term,
    releasedOn: null,
    institution: institution(rng, kind, where.province, where.provinceName, where.female),
  };
}

/** A past prison term, served and released before asOf. */
export function pastCustody(
  rng: Rng,
  adultFrom: number,
  asOf: number,
  where: { province: string; provinceName: string; female: boolean },
): CustodyTruth | null {
  const since = between(rng, Math.max(adultFrom, addYears(asOf, -15)), addYears(asOf, -2));
  const term = rng.int(6, 36);
  const released = Math.min(asOf - 30, addMonths(since, term) - rng.int(0, 90));
  if (released <= since) return null;
  return {
    kind: 'IMPRISONED',
    since: iso(since),
    termMonths: term,
    releasedOn: iso(released),
    institution: institution(rng, 'IMPRISONED', where.province, where.provinceName, where.female),
  };
}

/** An open missing-person report accepted at least MISSING_MIN_MONTHS before asOf. */
export function openMissing(rng: Rng, lo: number, asOf: number): MissingTruth {
  const latestAccepted = addMonths(asOf, -MISSING_MIN_MONTHS) - 1;
  const since = between(rng, lo, latestAccepted - 34);
  const reported = since + rng.int(1, 30);
  const accepted = reported + rng.int(0, 3);
  return { since: iso(since), reportedOn: iso(reported), acceptedOn: iso(accepted), closedOn: null };
}

/** A report that was closed (the person came back). */
export function closedMissing(rng: Rng, lo: number, asOf: number): MissingTruth {
  const since = between(rng, Math.max(lo, addYears(asOf, -10)), asOf - 400);
  const reported = since + rng.int(1, 20);
  const accepted = reported + rng.int(0, 2);
  const closed = Math.min(asOf - 1, accepted + rng.int(5, 360));
  return { since: iso(since), reportedOn: iso(reported), acceptedOn: iso(accepted), closedOn: iso(closed) };
}

export interface DisabilitySpec {
  /** true: severe; false: not severe; undefined: as drawn. */
  severe?: boolean;
  child: boolean;
  /** Certificate lapsed and not renewed. */
  expired?: boolean;
}

/**
 * A disability with its current certificate (第二代残疾人证): valid 10 years, or 5 for children,
 * renewed shortly before expiry, so a VALID certificate covers asOf.
 */
export function disability(rng: Rng, firstLo: number, firstHi: number, asOf: number, spec: DisabilitySpec): DisabilityTruth {
  let type = (spec.child ? CHILD_DISABILITY_TYPES : ADULT_DISABILITY_TYPES).pick(rng);
  let level = LEVELS.pick(rng);
  if (spec.severe === true && !isSevere(type, level)) level = rng.chance(0.5) ? 1 : 2;
  if (spec.severe === false) {
    if (type === 'INTELLECTUAL' || type === 'MENTAL') type = 'PHYSICAL';
    if (level <= 2) level = rng.chance(0.5) ? 3 : 4;
  }
  const validityYears = spec.child ? 5 : 10;
  const first = between(rng, firstLo, firstHi);
  let issued = first;
  let status: DisabilityTruth['status'] = 'VALID';
  let validUntil: number;
  let statusSince: number;
  if (spec.expired) {
    const lapsed = asOf - rng.int(1, 400);
    issued = Math.min(first, addYears(lapsed + 1, -validityYears));
    validUntil = addYears(issued, validityYears) - 1;
    status = 'EXPIRED';
    statusSince = validUntil + 1;
    return {
      type,
      level,
      firstCertifiedOn: iso(Math.min(first, issued)),
      issuedOn: iso(issued),
      validUntil: iso(validUntil),
      status,
      statusSince: iso(statusSince),
      severe: isSevere(type, level),
    };
  }
  while (addYears(issued, validityYears) <= asOf) issued = addYears(issued, validityYears) - rng.int(0, 60);
  validUntil = addYears(issued, validityYears) - 1;
  statusSince = issued;
  return {
    type,
    level,
    firstCertifiedOn: iso(first),
    issuedOn: iso(issued),
    validUntil: iso(validUntil),
    status,
    statusSince: iso(statusSince),
    severe: isSevere(type, level),
  };
}

export function illness(rng: Rng, lo: number, hi: number, child: boolean, ongoing = true): IllnessTruth {
  const [icd10, diagnosis] = rng.pick(child ? CHILD_ILLNESSES : ADULT_ILLNESSES);
  return { icd10, diagnosis, diagnosedOn: iso(between(rng, lo, hi)), ongoing };
}

function custodyInForce(c: CustodyTruth, asOf: number): boolean {
  if (c.releasedOn !== null && parseDay(c.releasedOn) <= asOf) return false;
  const since = parseDay(c.since);
  return since <= asOf && addMonths(since, c.termMonths) > asOf && c.termMonths >= CUSTODY_MIN_TERM_MONTHS;
}

/** The parent's circumstances on asOf, read as the rule catalogue (docs/rules.md) reads them. */
export function circumstancesOn(p: ParentTruth, asOf: number): ParentCircumstance[] {
  const out: ParentCircumstance[] = [];
  if (p.death && parseDay(p.death.on) <= asOf) out.push('DECEASED');
  const missingCutoff = addMonths(asOf, -MISSING_MIN_MONTHS);
  if (p.missing.some((m) => m.closedOn === null && parseDay(m.acceptedOn) <= missingCutoff)) out.push('MISSING');
  if (p.disability && p.disability.status === 'VALID' && p.disability.severe && parseDay(p.disability.validUntil) >= asOf)
    out.push('SEVERE_DISABILITY');
  if (p.illness && p.illness.ongoing) out.push('SERIOUS_ILLNESS');
  for (const c of p.custody) if (custodyInForce(c, asOf) && !out.includes(c.kind)) out.push(c.kind);
  if (p.guardianshipRevoked) out.push('GUARDIANSHIP_REVOKED');
  return out;
}

/** The date from which a circumstance counts (for ledger registration and support start). */
export function circumstanceSince(p: ParentTruth, c: ParentCircumstance): number {
  switch (c) {
    case 'DECEASED':
      return parseDay(p.death!.on);
    case 'MISSING': {
      const open = p.missing.find((m) => m.closedOn === null)!;
      return addMonths(parseDay(open.acceptedOn), MISSING_MIN_MONTHS);
    }
    case 'SEVERE_DISABILITY':
      return parseDay(p.disability!.firstCertifiedOn);
    case 'SERIOUS_ILLNESS':
      return parseDay(p.illness!.diagnosedOn);
    case 'GUARDIANSHIP_REVOKED':
      return parseDay(p.guardianshipRevoked!.on);
    default: {
      const custody = p.custody.find((x) => x.kind === c && x.releasedOn === null)!;
      return parseDay(custody.since);
    }
  }
}
