/**
 * Cross-check policy: every threshold the cross-check rules depend on, with the clause of the policy
 * document it comes from (docs/rules.md lists the documents). The rules in the civil-affairs subgraph and the
 * independent oracle in the population generator both read it; deployments override values with
 * `HUB_POLICY_FILE`, tests with `policyWith()`.
 */
import type { ChildCategory, RiskColour, RiskFactor, SupportType, VisitMethod } from './codes';

export interface CrossCheckPolicy {
  /** Age of majority: supports for children end at 18 (民法典 第十七条; docs/rules.md A/B). */
  adultAge: number;
  /**
   * Supports that continue past 18 while the young person is in full-time education (many provinces
   * extend 孤儿/事实无人抚养/特困 support to full-time students; docs/rules.md EXIT-AGE).
   */
  supportsContinuingWhileStudying: SupportType[];
  /** Supports that end at 18 without exception (困境儿童基本生活费; docs/rules.md EXIT-AGE). */
  supportsEndingAtAdulthood: SupportType[];
  /** A parent is MISSING once a missing-person report accepted this many months ago is still open (民发〔2019〕62号). */
  missingMinMonths: number;
  /** Custody (imprisonment, compulsory drug rehabilitation, other restriction) counts with a term of at least this many months (民发〔2019〕62号). */
  custodyMinTermMonths: number;
  /** Disability levels that are "severe" for any type (一级、二级). */
  severeDisabilityLevels: number[];
  /** Disability types for which levels 3–4 also count as severe (intellectual and mental; 民发〔2019〕62号). */
  severeAtAnyLevelTypes: string[];
  /** Compulsory education: from age 6 on 31 August of the school year until 16 (义务教育法 第十一条; docs/rules.md C). */
  compulsoryEducation: { startAge: number; cutoffMonth: number; cutoffDay: number; endAge: number };
  /** A suspension longer than this counts as dropping out (docs/rules.md EDU-DROPPED-OUT). */
  suspensionMaxDays: number;
  /** Home-delivered education: at least this many sessions a month (000: 原则上每月上门不少于2次). */
  homeDeliveryMinSessionsPerMonth: number;
  /** Migrant definition (004: 跨区(县)域…异地居住或生活6个月以上、不满十六周岁). */
  migrant: { maxAgeExclusive: number; minResidenceMonths: number; equivalenceGroups: string[][] };
  /** Immunisation schedule ends at 6 (国家免疫规划疫苗儿童免疫程序, 2021). */
  immunizationMaxAge: number;
  /**
   * Left-behind children are under this age (国发〔2016〕13号: 农村留守儿童是指父母双方外出务工或一方外出务工
   * 另一方无监护能力、不满十六周岁的未成年人; docs/rules.md CARE-UNREGISTERED-LEFT-BEHIND).
   */
  leftBehindMaxAgeExclusive: number;
  /**
   * Visit intervals by risk colour (000: “一月一访”, “四色管理” with visit frequency by colour). One
   * month is the floor for every colour.
   */
  visitIntervalDays: Record<RiskColour, number>;
  /**
   * The ways of reaching a child that count as a visit for CARE-VISIT-OVERDUE: home visits only (000: 儿童主任
   * 入户走访; 001/002: 定期走访、入户). A phone call, a video call or a word with the teacher is recorded, but does
   * not stand in for seeing the child at home.
   */
  visitMethodsCounted: VisitMethod[];
  /**
   * Children of these ledger categories are visited more often (000: 儿童自身存在身体或智力残疾…要加大走访频次;
   * serious illness likewise), at `raisedVisitIntervalDays` instead of `visitIntervalDays`.
   */
  raisedVisitCategories: ChildCategory[];
  /**
   * Children whose latest risk assessment (四色管理评估, on or before the day) found one of these factors are visited
   * more often too (000: 对父母双方或一方存在严重身体或智力残疾、儿童自身存在身体或智力残疾、有心理或行为异常的，要加大走访频次),
   * at `raisedVisitIntervalDays`. A later assessment without them returns the child to its colour's interval.
   */
  raisedVisitFactors: RiskFactor[];
  /** Visit intervals by colour for the children of `raisedVisitCategories`; never longer than `visitIntervalDays`. */
  raisedVisitIntervalDays: Record<RiskColour, number>;
  /**
   * The children every screening round (摸底排查) must see at home (001: 无人监护、父母一方外出另一方无监护能力、委托监护人
   * 监护能力不足或者履职不到位、失学辍学、残疾患病…每次排查必须100%走访): those of these categories, and those of these
   * colours (the colours given for missing or failing guardianship, living alone, a caregiver unable to care).
   */
  screeningPriorityCategories: ChildCategory[];
  screeningPriorityColours: RiskColour[];
  /** Supports that may not be active together (docs/rules.md EXIT-OVERLAP). */
  mutuallyExclusiveSupports: [SupportType, SupportType][];
  /** Supports paid from the local budget, which end when the hukou moves out of the paying county (EXIT-HUKOU-MOVED). */
  locallyFundedSupports: SupportType[];
  /** Supports whose holders get the full resident-insurance premium paid (002: 对特困供养儿童…给予全额资助). */
  fullInsuranceSubsidySupports: SupportType[];
  /** Supports whose holders get at least a partial premium subsidy. */
  partialInsuranceSubsidySupports: SupportType[];
}

/**
 * Chongqing's central districts between which moving does not make a child a migrant (004). 两江新区 and
 * 西部科学城重庆高新区 are functional zones without GB/T 2260 county codes; they lie inside these districts.
 */
export const CHONGQING_EQUIVALENCE_GROUP = ['500103', '500104', '500105', '500106', '500107', '500108', '500109', '500112', '500113'];

/** Policies are values: frozen, so a rule or cache can never see one change under it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export const DEFAULT_POLICY: CrossCheckPolicy = deepFreeze({
  adultAge: 18,
  supportsContinuingWhileStudying: ['ORPHAN_ALLOWANCE', 'DE_FACTO_UNSUPPORTED_ALLOWANCE', 'EXTREME_POVERTY'],
  supportsEndingAtAdulthood: ['DIFFICULT_CHILD_ALLOWANCE'],
  missingMinMonths: 6,
  custodyMinTermMonths: 6,
  severeDisabilityLevels: [1, 2],
  severeAtAnyLevelTypes: ['INTELLECTUAL', 'MENTAL'],
  compulsoryEducation: { startAge: 6, cutoffMonth: 8, cutoffDay: 31, endAge: 16 },
  suspensionMaxDays: 90,
  homeDeliveryMinSessionsPerMonth: 2,
  migrant: { maxAgeExclusive: 16, minResidenceMonths: 6, equivalenceGroups: [CHONGQING_EQUIVALENCE_GROUP] },
  immunizationMaxAge: 6,
  leftBehindMaxAgeExclusive: 16,
  visitIntervalDays: { RED: 7, YELLOW: 15, BLUE: 30, GREEN: 30 },
  visitMethodsCounted: ['HOME'],
  raisedVisitCategories: ['DIFFICULT_DISABILITY', 'DIFFICULT_ILLNESS'],
  raisedVisitFactors: ['PARENT_SEVERE_DISABILITY', 'CHILD_DISABILITY', 'PSYCH_BEHAVIOUR'],
  raisedVisitIntervalDays: { RED: 7, YELLOW: 10, BLUE: 15, GREEN: 15 },
  screeningPriorityCategories: [
    'DIFFICULT_DISABILITY',
    'DIFFICULT_ILLNESS',
    'DIFFICULT_GUARDIANSHIP',
    'DE_FACTO_UNSUPPORTED',
    'SCATTERED_ORPHAN',
  ],
  screeningPriorityColours: ['RED', 'YELLOW'],
  mutuallyExclusiveSupports: [
    ['DISABILITY_LIVING_SUBSIDY', 'ORPHAN_ALLOWANCE'],
    ['ORPHAN_ALLOWANCE', 'DE_FACTO_UNSUPPORTED_ALLOWANCE'],
    ['DISABILITY_LIVING_SUBSIDY', 'DE_FACTO_UNSUPPORTED_ALLOWANCE'],
  ],
  locallyFundedSupports: [
    'MINIMUM_LIVING',
    'EXTREME_POVERTY',
    'ORPHAN_ALLOWANCE',
    'DE_FACTO_UNSUPPORTED_ALLOWANCE',
    'DIFFICULT_CHILD_ALLOWANCE',
    'DISABILITY_LIVING_SUBSIDY',
    'SEVERE_DISABILITY_CARE_SUBSIDY',
  ],
  fullInsuranceSubsidySupports: ['ORPHAN_ALLOWANCE', 'DE_FACTO_UNSUPPORTED_ALLOWANCE', 'EXTREME_POVERTY'],
  partialInsuranceSubsidySupports: ['MINIMUM_LIVING'],
} satisfies CrossCheckPolicy);

/** The default policy with some values replaced (tests, other provinces). Nested objects are replaced whole. */
export function policyWith(overrides: Partial<CrossCheckPolicy>): CrossCheckPolicy {
  return deepFreeze(structuredClone({ ...DEFAULT_POLICY, ...overrides }));
}
