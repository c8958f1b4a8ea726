import type { Agency } from './agencies';
import { ROSTER_FAMILIES } from './rules';

/**
 * Scopes: one per data family and sensitivity (docs/access.md). A field of personal data requires the
 * scope of its family; the identity number and health conditions have scopes of their own.
 */
const SCOPES = {
  'child:basic': '儿童基本信息：姓名、性别、出生日期',
  'child:identity': '公民身份号码（无此权限时仅见脱敏号码）',
  'welfare:read': '民政台账：类别、风险等级、监护与委托照护、走访、保障',
  'welfare:write': '民政台账维护、问题线索处理',
  'ledger:write': '一线台账记录：走访、风险等级评估（儿童主任、儿童督导员、区县民政工作人员）',
  'ps:household': '公安户籍、亲子关系、居住证',
  'ps:custody': '公安羁押、强制隔离戒毒、失联失踪报告',
  'edu:enrollment': '教育学籍、送教上门、教育资助',
  'health:basic': '卫健死亡证明、新生儿筛查、预防接种',
  'health:sensitive': '卫健重病记录（敏感）',
  'mi:enrollment': '医保参保、资助、医疗救助、异地就医备案',
  'dpf:disability': '残联残疾证、康复救助',
  'crosscheck:read': '查看比对核查结果',
  'crosscheck:run': '执行比对核查、写入核查结果',
  'case:task': '接收、签收并反馈转交本部门的个案任务（核实反馈）',
  'case:approve': '审批个案结案',
  'case:report': '提交强制报告，查看本人所报的办理进度',
  'audit:read': '查询审计日志',
} as const;
export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/** Why personal data is accessed (`x-purpose`); recorded in the audit log. */
export const PURPOSES = {
  'case-work': { label: '个案工作', description: '个案工作（走访、帮扶、保障办理）' },
  reconciliation: { label: '比对核查', description: '部门数据比对核查（夜间任务）' },
  'enrolment-verification': { label: '学籍核验', description: '入学、学籍核验' },
  'benefit-verification': { label: '待遇资格核验', description: '待遇资格核验（参保资助、残疾补贴）' },
  'public-safety': { label: '公安业务', description: '公安业务（户籍、失联、强制报告）' },
  emergency: { label: '突发事件应急', description: '突发事件应急处置' },
  'mandatory-report': { label: '强制报告', description: '强制报告（发现未成年人遭受或疑似遭受侵害、面临危险时报告）' },
  audit: { label: '审计', description: '审计' },
} as const satisfies Record<string, { label: string; description: string }>;
export type Purpose = keyof typeof PURPOSES;

export interface RoleDefinition {
  title: string;
  agency: Agency | 'hub';
  scopes: Scope[];
  purposes: Purpose[];
  /**
   * Digits of the region code a jurisdiction of this role names: 2 province, 4 city, 6 district/county,
   * 9 township, 12 village. A token's jurisdiction prefixes must have exactly this length.
   */
  jurisdictionDigits: 2 | 4 | 6 | 9 | 12;
}

const WELFARE_VIEW: Scope[] = [
  'child:basic',
  'welfare:read',
  'ps:household',
  'edu:enrollment',
  'health:basic',
  'mi:enrollment',
  'dpf:disability',
  'crosscheck:read',
];

/** Roles → scopes, purposes and jurisdiction level: the one table the whole hub authorizes from. */
export const ROLES = {
  'ca-caseworker': {
    title: '区县民政儿童福利工作人员',
    agency: 'civil-affairs',
    scopes: [...WELFARE_VIEW, 'child:identity', 'welfare:write', 'ledger:write', 'ps:custody', 'case:task', 'case:report'],
    purposes: ['case-work', 'benefit-verification', 'emergency', 'mandatory-report'],
    jurisdictionDigits: 6,
  },
  'ca-supervisor': {
    title: '市级民政儿童福利主管',
    agency: 'civil-affairs',
    scopes: [...WELFARE_VIEW, 'child:identity', 'welfare:write', 'ps:custody', 'crosscheck:run', 'case:task', 'case:approve'],
    purposes: ['case-work', 'benefit-verification', 'emergency', 'reconciliation'],
    jurisdictionDigits: 4,
  },
  'township-supervisor': {
    title: '乡镇（街道）儿童督导员',
    agency: 'civil-affairs',
    scopes: [...WELFARE_VIEW, 'ledger:write', 'case:task', 'case:report'],
    purposes: ['case-work', 'emergency', 'mandatory-report'],
    jurisdictionDigits: 9,
  },
  'child-director': {
    title: '村（居）儿童主任',
    agency: 'civil-affairs',
    scopes: [
      'child:basic',
      'welfare:read',
      'ledger:write',
      'edu:enrollment',
      'health:basic',
      'crosscheck:read',
      'case:task',
      'case:report',
    ],
    purposes: ['case-work', 'emergency', 'mandatory-report'],
    jurisdictionDigits: 12,
  },
  'edu-registrar': {
    title: '教育部门学籍管理员',
    agency: 'education',
    scopes: ['child:basic', 'child:identity', 'edu:enrollment', 'ps:household', 'case:task', 'case:report'],
    purposes: ['enrolment-verification', 'mandatory-report'],
    jurisdictionDigits: 6,
  },
  'police-officer': {
    title: '公安户政民警',
    agency: 'public-security',
    scopes: ['child:basic', 'child:identity', 'ps:household', 'ps:custody', 'case:task'],
    purposes: ['public-safety', 'emergency'],
    jurisdictionDigits: 6,
  },
  'health-worker': {
    title: '卫健部门工作人员',
    agency: 'health',
    scopes: ['child:basic', 'health:basic', 'health:sensitive', 'case:task', 'case:report'],
    purposes: ['case-work', 'emergency', 'mandatory-report'],
    jurisdictionDigits: 6,
  },
  'mi-clerk': {
    title: '医保经办人员',
    agency: 'medical-insurance',
    scopes: ['child:basic', 'child:identity', 'mi:enrollment', 'welfare:read', 'case:task'],
    purposes: ['benefit-verification'],
    jurisdictionDigits: 6,
  },
  'dpf-clerk': {
    title: '残联工作人员',
    agency: 'disabled-persons',
    scopes: ['child:basic', 'child:identity', 'dpf:disability', 'welfare:read', 'case:task'],
    purposes: ['benefit-verification', 'case-work'],
    jurisdictionDigits: 6,
  },
  auditor: {
    title: '审计人员',
    agency: 'hub',
    scopes: ['audit:read'],
    purposes: ['audit'],
    jurisdictionDigits: 2,
  },
  'reconciliation-service': {
    title: '夜间比对核查服务账号',
    agency: 'civil-affairs',
    scopes: [...WELFARE_VIEW, 'ps:custody', 'health:sensitive', 'crosscheck:run'],
    purposes: ['reconciliation'],
    jurisdictionDigits: 2,
  },
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof ROLES;
export const ALL_ROLES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

export function isPurpose(value: string): value is Purpose {
  return Object.prototype.hasOwnProperty.call(PURPOSES, value);
}

/** The scopes a set of roles grants (union). */
export function scopesOf(roles: readonly string[]): Scope[] {
  const out = new Set<Scope>();
  for (const r of roles) if (isRole(r)) for (const s of ROLES[r].scopes) out.add(s);
  return [...out];
}

/** The purposes a set of roles may state (union). */
export function purposesOf(roles: readonly string[]): Purpose[] {
  const out = new Set<Purpose>();
  for (const r of roles) if (isRole(r)) for (const p of ROLES[r].purposes) out.add(p);
  return [...out];
}

/**
 * The scopes each cross-check family needs: those of every fact its rules read (the civil-affairs fields
 * declare exactly these; composition checks them against the facts). A saved finding's reason and evidence
 * are shown only to callers holding its family's scopes, and a run's report only to those holding all of
 * its families'.
 */
export const FAMILY_SCOPES = {
  exitChecks: ['crosscheck:read', 'welfare:read', 'ps:household', 'ps:custody', 'health:basic', 'edu:enrollment', 'dpf:disability'],
  coverageChecks: ['crosscheck:read', 'welfare:read', 'ps:household', 'ps:custody', 'health:basic', 'mi:enrollment', 'dpf:disability'],
  schoolingCheck: ['crosscheck:read', 'welfare:read', 'ps:household', 'edu:enrollment'],
  migrantVerification: [
    'crosscheck:read',
    'welfare:read',
    'child:basic',
    'ps:household',
    'edu:enrollment',
    'mi:enrollment',
    'health:basic',
  ],
  careChecks: ['crosscheck:read', 'welfare:read', 'ps:household', 'health:basic'],
  discovery: ['crosscheck:read', 'welfare:read', 'ps:household', 'ps:custody', 'health:basic', 'dpf:disability'],
} as const satisfies Record<string, readonly Scope[]>;

/** `Child.rosterChecks`, the five roster families (and discovery) in one field, needs the scopes of all of them. */
export const ROSTER_CHECK_SCOPES = [...new Set([...ROSTER_FAMILIES, 'discovery' as const].flatMap((f) => FAMILY_SCOPES[f]))] as [
  Scope,
  ...Scope[],
];

export function holdsAll(scopes: readonly string[], needed: readonly string[]): boolean {
  return needed.every((s) => scopes.includes(s));
}
