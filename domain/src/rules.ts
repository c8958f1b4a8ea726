import type { CheckOutcome } from './codes';

/**
 * The cross-check rules by id and family, with their Chinese names. What each rule decides, from which
 * agencies' facts and on which policy clause, is docs/rules.md.
 */
/** The rule ids of the rule catalogue (docs/rules.md), by family. */
export const RULES = {
  exitChecks: [
    'EXIT-AGE',
    'EXIT-DECEASED',
    'EXIT-ORPHAN-PARENT-ALIVE',
    'EXIT-DEFACTO-CHANGED',
    'EXIT-DISABILITY-CERT',
    'EXIT-HUKOU-MOVED',
    'EXIT-OVERLAP',
  ],
  coverageChecks: ['GAP-ORPHAN', 'GAP-DEFACTO', 'GAP-SEVERE-DISABILITY', 'GAP-DISABILITY-LIVING', 'GAP-MEDICAL-INSURANCE'],
  schoolingCheck: ['EDU-NO-RECORD', 'EDU-DROPPED-OUT', 'EDU-HOME-DELIVERY'],
  migrantVerification: ['MIG-IDENTITY', 'MIG-NOT-MIGRANT', 'MIG-NO-SCHOOL', 'MIG-NO-INSURANCE', 'MIG-IMMUNIZATION'],
  careChecks: ['CARE-NO-AGREEMENT', 'CARE-LEFT-BEHIND-ENDED', 'CARE-VISIT-OVERDUE'],
  discovery: ['MIG-UNREGISTERED', 'CARE-UNREGISTERED-LEFT-BEHIND'],
} as const;

export type RuleFamily = keyof typeof RULES;
export type RuleId = (typeof RULES)[RuleFamily][number];
export const ALL_RULES: RuleId[] = Object.values(RULES).flat() as RuleId[];
/** The families checked for children on the civil-affairs roster (discovery is for children not on it). */
export const ROSTER_FAMILIES = [
  'exitChecks',
  'coverageChecks',
  'schoolingCheck',
  'migrantVerification',
  'careChecks',
] as const satisfies readonly RuleFamily[];

/** Each check family's Chinese name, as the policy documents call it (reports, the dashboard). */
export const FAMILY_NAMES: Record<RuleFamily, string> = {
  exitChecks: '应退未退',
  coverageChecks: '疑似保障对象',
  schoolingCheck: '控辍保学',
  migrantVerification: '流动儿童核验',
  careChecks: '留守关爱',
  discovery: '发现预警',
};

/** Each rule's Chinese name, as the rule catalogue (docs/rules.md) gives it. */
export const RULE_NAMES: Record<RuleId, string> = {
  'EXIT-AGE': '超龄未退',
  'EXIT-DECEASED': '死亡未退',
  'EXIT-ORPHAN-PARENT-ALIVE': '孤儿父母在世',
  'EXIT-DEFACTO-CHANGED': '事实无人抚养情形消失',
  'EXIT-DISABILITY-CERT': '残疾证失效',
  'EXIT-HUKOU-MOVED': '户籍迁出',
  'EXIT-OVERLAP': '重复享受',
  'GAP-ORPHAN': '疑似孤儿未保障',
  'GAP-DEFACTO': '疑似事实无人抚养未保障',
  'GAP-SEVERE-DISABILITY': '重度残疾未领护理补贴',
  'GAP-DISABILITY-LIVING': '低保家庭残疾儿童未领生活补贴',
  'GAP-MEDICAL-INSURANCE': '医保资助参保缺失',
  'EDU-NO-RECORD': '学籍库无记录',
  'EDU-DROPPED-OUT': '辍学',
  'EDU-HOME-DELIVERY': '送教上门不足',
  'MIG-IDENTITY': '身份信息不一致',
  'MIG-NOT-MIGRANT': '不符合流动儿童口径',
  'MIG-NO-SCHOOL': '流入地未入学',
  'MIG-NO-INSURANCE': '未参加医保',
  'MIG-IMMUNIZATION': '免疫规划未完成',
  'CARE-NO-AGREEMENT': '未签委托照护协议',
  'CARE-LEFT-BEHIND-ENDED': '留守情形可能消失',
  'CARE-VISIT-OVERDUE': '走访逾期',
  'MIG-UNREGISTERED': '疑似未纳入台账流动儿童',
  'CARE-UNREGISTERED-LEFT-BEHIND': '疑似未纳入台账留守儿童',
};

/** The three outcomes of a rule (see `CHECK_OUTCOME` for their labels). */
export type Outcome = CheckOutcome;

const FAMILY_OF = new Map<RuleId, RuleFamily>(
  (Object.entries(RULES) as [RuleFamily, readonly RuleId[]][]).flatMap(([family, ids]) => ids.map((id) => [id, family] as const)),
);

/** The family a rule belongs to. */
export function familyOf(rule: RuleId): RuleFamily {
  const family = FAMILY_OF.get(rule);
  if (!family) throw new Error(`unknown rule ${rule}`);
  return family;
}

export function isRuleId(value: string): value is RuleId {
  return FAMILY_OF.has(value as RuleId);
}
