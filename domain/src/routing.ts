import { AGENCIES, type Agency } from './agencies';
import { RULES, type RuleId } from './rules';

/**
 * Who must act on a cross-check finding (docs/cases.md, "Routing"): for each rule the agency responsible for the
 * case, the tasks the case sends to agencies (what each must do and by when), and whether closing it needs a
 * supervisor's approval. Policy configuration with its sources, like the cross-check policy: a deployment
 * replaces rules' routes with a JSON file named in `HUB_ROUTING_FILE` (`routingWith`).
 *
 * Places: a task goes to the agency's office of the child's place of residence (`residence`), of the hukou
 * place (`hukou`), or of the school the finding cites (`school`; the residence when the school is not known). A migrant child's case is seen by both places' offices; the residence place is
 * responsible (004: 流入地负责流动儿童关爱服务, 流出地配合).
 */
type Office = 'residence' | 'hukou' | 'school';

export interface TaskRoute {
  agency: Agency;
  /** What the agency must do, in the words its staff use (劝返复学, 户籍信息核实, …). */
  action: string;
  at: Office;
  /** Days from routing to the due date. */
  dueDays: number;
}

interface RuleRoute {
  /** The agency that owns the case (answers for it and closes it). */
  responsible: Agency;
  tasks: TaskRoute[];
  /** Closing the case needs a supervisor's approval (benefits stopped or granted, the ledger changed). */
  closureApproval: boolean;
  /** The policy document and clause the assignment follows. */
  basis: string;
}

export type RoutingPolicy = Record<RuleId, RuleRoute>;

/**
 * The five local policy documents the routes cite by number (docs/rules.md, "Sources"), by the short names staff
 * know them by: a case page says 「重庆市流动儿童关爱保护行动实施方案（2024）（反馈花名册至公安进行核实）」, not 「004（…）」.
 */
const POLICY_DOCUMENTS: Readonly<Record<string, string>> = {
  '000': '常州市留守和困境儿童关爱服务质量提升三年行动实施方案（2024）',
  '001': '云民规〔2019〕3号',
  '002': '四川省留守和困境儿童关爱服务体系建设实施方案（征求意见稿）',
  '003': '渝北区农村留守儿童关爱保护工作实施方案',
  '004': '重庆市流动儿童关爱保护行动实施方案（2024）',
};

/** A route's basis for people to read: each cited document number (000–004) replaced by the document's name. */
export function citeBasis(basis: string): string {
  return basis.replace(/(?<![\d〔])00[0-4](?!\d)/g, (n) => `《${POLICY_DOCUMENTS[n]}》`);
}

const civil = (action: string, dueDays = 15): TaskRoute => ({ agency: 'civil-affairs', action, at: 'residence', dueDays });

const EXIT_BASIS = '001 第三条（动态管理：发现不再符合条件的及时停发）；000 “应退未退”核查';
const GAP_BASIS = '000 “疑似保障对象”核查；001 第二条（应保尽保）';

export const DEFAULT_ROUTING: RoutingPolicy = {
  'EXIT-AGE': { responsible: 'civil-affairs', tasks: [civil('核实并停发（超龄）')], closureApproval: true, basis: EXIT_BASIS },
  'EXIT-DECEASED': { responsible: 'civil-affairs', tasks: [civil('核实死亡并停发')], closureApproval: true, basis: EXIT_BASIS },
  'EXIT-ORPHAN-PARENT-ALIVE': {
    responsible: 'civil-affairs',
    tasks: [civil('核实孤儿认定并调整保障')],
    closureApproval: true,
    basis: EXIT_BASIS,
  },
  'EXIT-DEFACTO-CHANGED': {
    responsible: 'civil-affairs',
    tasks: [civil('复核事实无人抚养认定')],
    closureApproval: true,
    basis: EXIT_BASIS,
  },
  'EXIT-DISABILITY-CERT': {
    responsible: 'civil-affairs',
    tasks: [{ agency: 'disabled-persons', action: '残疾人证状态核实', at: 'residence', dueDays: 15 }, civil('残疾儿童补贴资格复核')],
    closureApproval: true,
    basis: `${EXIT_BASIS}；残联负责残疾人证核发与状态`,
  },
  'EXIT-HUKOU-MOVED': {
    responsible: 'civil-affairs',
    tasks: [civil('核实户籍迁出并办理保障转移')],
    closureApproval: true,
    basis: `${EXIT_BASIS}；户籍迁出地与迁入地衔接`,
  },
  'EXIT-OVERLAP': { responsible: 'civil-affairs', tasks: [civil('核实重复享受并停发其一')], closureApproval: true, basis: EXIT_BASIS },
  'GAP-ORPHAN': { responsible: 'civil-affairs', tasks: [civil('入户核实并指导申请孤儿保障')], closureApproval: false, basis: GAP_BASIS },
  'GAP-DEFACTO': {
    responsible: 'civil-affairs',
    tasks: [civil('入户核实并指导申请事实无人抚养儿童保障')],
    closureApproval: false,
    basis: GAP_BASIS,
  },
  'GAP-SEVERE-DISABILITY': {
    responsible: 'civil-affairs',
    tasks: [civil('核实并指导申请重度残疾人护理补贴')],
    closureApproval: false,
    basis: GAP_BASIS,
  },
  'GAP-DISABILITY-LIVING': {
    responsible: 'civil-affairs',
    tasks: [civil('核实并指导申请困难残疾人生活补贴')],
    closureApproval: false,
    basis: GAP_BASIS,
  },
  'GAP-MEDICAL-INSURANCE': {
    responsible: 'medical-insurance',
    tasks: [{ agency: 'medical-insurance', action: '参保资助', at: 'residence', dueDays: 30 }],
    closureApproval: false,
    basis: '002（对特困供养儿童等参加城乡居民医保个人缴费给予资助）',
  },
  'EDU-NO-RECORD': {
    responsible: 'education',
    tasks: [{ agency: 'education', action: '学籍核实', at: 'residence', dueDays: 15 }],
    closureApproval: false,
    basis: '义务教育法 第十一条；000 “控辍保学”',
  },
  'EDU-DROPPED-OUT': {
    responsible: 'education',
    tasks: [{ agency: 'education', action: '劝返复学', at: 'school', dueDays: 15 }],
    closureApproval: false,
    basis: '义务教育法 第十三条（劝返复学）；000 “控辍保学”',
  },
  'EDU-HOME-DELIVERY': {
    responsible: 'education',
    tasks: [{ agency: 'education', action: '落实送教上门', at: 'school', dueDays: 15 }],
    closureApproval: false,
    basis: '000（送教上门原则上每月不少于2次）',
  },
  'MIG-IDENTITY': {
    responsible: 'public-security',
    tasks: [{ agency: 'public-security', action: '户籍信息核实', at: 'hukou', dueDays: 15 }],
    closureApproval: false,
    basis: '004（反馈花名册至公安进行核实）',
  },
  'MIG-NOT-MIGRANT': {
    responsible: 'civil-affairs',
    tasks: [civil('核实流动儿童台账口径')],
    closureApproval: true,
    basis: '004（流动儿童口径：跨区县、6个月以上、不满十六周岁）',
  },
  'MIG-NO-SCHOOL': {
    responsible: 'education',
    tasks: [{ agency: 'education', action: '入学安置', at: 'residence', dueDays: 15 }],
    closureApproval: false,
    basis: '004（流入地保障随迁子女入学）',
  },
  'MIG-NO-INSURANCE': {
    responsible: 'medical-insurance',
    tasks: [{ agency: 'medical-insurance', action: '参保资助', at: 'residence', dueDays: 30 }],
    closureApproval: false,
    basis: '004（反馈花名册至医保进行核实，落实参保）',
  },
  'MIG-IMMUNIZATION': {
    responsible: 'health',
    tasks: [{ agency: 'health', action: '补种', at: 'residence', dueDays: 30 }],
    closureApproval: false,
    basis: '004（反馈花名册至卫生健康、疾控）；国家免疫规划',
  },
  'CARE-NO-AGREEMENT': {
    responsible: 'civil-affairs',
    tasks: [civil('指导签订委托照护协议')],
    closureApproval: false,
    basis: '000（留守儿童委托照护）',
  },
  'CARE-LEFT-BEHIND-ENDED': {
    responsible: 'civil-affairs',
    tasks: [civil('核实留守情形并更新台账')],
    closureApproval: false,
    basis: '国发〔2016〕13号；000（台账动态更新）',
  },
  'CARE-VISIT-OVERDUE': {
    responsible: 'civil-affairs',
    tasks: [civil('入户走访', 7)],
    closureApproval: false,
    basis: '000（一月一访、四色管理）',
  },
  'MIG-UNREGISTERED': {
    responsible: 'civil-affairs',
    tasks: [civil('核实并纳入流动儿童台账')],
    closureApproval: true,
    basis: '004（流动儿童摸底排查、建档）',
  },
  'CARE-UNREGISTERED-LEFT-BEHIND': {
    responsible: 'civil-affairs',
    tasks: [civil('核实并纳入留守儿童台账')],
    closureApproval: true,
    basis: '国发〔2016〕13号（摸底排查）；000',
  },
};

/** Every rule has a route, and every route at least one task for a known agency. */
export function checkRouting(routing: RoutingPolicy, agencies: readonly string[]): string[] {
  const problems: string[] = [];
  for (const rule of (Object.values(RULES) as readonly (readonly RuleId[])[]).flat()) {
    const r = routing[rule] as RuleRoute | undefined;
    if (!r) {
      problems.push(`${rule}: no route`);
      continue;
    }
    if (!agencies.includes(r.responsible)) problems.push(`${rule}: unknown responsible agency ${r.responsible}`);
    if (!Array.isArray(r.tasks) || !r.tasks.length) {
      problems.push(`${rule}: no task`);
      continue;
    }
    if (typeof r.closureApproval !== 'boolean') problems.push(`${rule}: closureApproval must be true or false`);
    if (typeof r.basis !== 'string' || !r.basis) problems.push(`${rule}: basis (the policy clause) is required`);
    for (const t of r.tasks) {
      if (typeof t.action !== 'string' || !t.action) problems.push(`${rule}: a task without an action`);
      if (!agencies.includes(t.agency)) problems.push(`${rule}: unknown agency ${t.agency}`);
      if (!Number.isInteger(t.dueDays) || t.dueDays < 1 || t.dueDays > 365) problems.push(`${rule}: dueDays must be 1–365`);
      if (t.at !== 'residence' && t.at !== 'hukou' && t.at !== 'school') problems.push(`${rule}: at must be residence, hukou or school`);
    }
  }
  return problems;
}

/**
 * The default routing with some rules' routes replaced whole (a deployment's `HUB_ROUTING_FILE`, tests). Refuses
 * an unknown rule, agency or office, a due date out of range, or a rule left without a task.
 */
export function routingWith(overrides: Readonly<Record<string, unknown>>): RoutingPolicy {
  const unknown = Object.keys(overrides).filter((k) => !(k in DEFAULT_ROUTING));
  const merged = { ...DEFAULT_ROUTING, ...overrides } as RoutingPolicy;
  const problems = [...unknown.map((k) => `${k}: no such rule`), ...checkRouting(merged, AGENCIES)];
  if (problems.length) throw new Error(`routing: ${problems.join('; ')}`);
  return merged;
}
