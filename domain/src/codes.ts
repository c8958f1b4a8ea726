/**
 * Every code list of the hub, defined once: the codes the databases store and the GraphQL enums expose, each
 * with its short Chinese label (lists, charts, the reasons the rules write) and its full description (the
 * schema's documentation). Entities register their GraphQL enums from these lists (`@hub/subgraph-kit`'s
 * `registerCodeList`), the rules and the generator type their values with them, and the dashboard shows the
 * labels. A unit test checks the composed supergraph against them.
 *
 * Plain data with no imports: the dashboard's bundle includes this file as it is.
 */

export interface Code {
  /** Short Chinese name, as shown to people. */
  readonly label: string;
  /** Full Chinese description, as documented in the schema. */
  readonly description: string;
  /** The stored value when it differs from the code (Gender: MALE is stored as 'M'). */
  readonly value?: string;
}

export interface CodeList<C extends string = string> {
  /** The GraphQL enum's name. */
  readonly name: string;
  /** The GraphQL enum's description. */
  readonly description: string;
  readonly codes: { readonly [K in C]: Code };
}

function codeList<const C extends string>(name: string, description: string, codes: { readonly [K in C]: Code }): CodeList<C> {
  return { name, description, codes };
}

/** A code's label, or the code itself when the list has none (an old record, a code from elsewhere). */
export function labelOf(list: CodeList, code: string): string {
  return (list.codes as Record<string, Code | undefined>)[code]?.label ?? code;
}

/** Code → label of a list, for tables that translate many codes. */
export function labelsOf(list: CodeList): Record<string, string> {
  return Object.fromEntries(Object.entries<Code>(list.codes).map(([k, c]) => [k, c.label]));
}

export type CodeOf<L> = L extends CodeList<infer C> ? C : never;

// ------------------------------------------------------------------ people

export const GENDER = codeList('Gender', '性别', {
  MALE: { label: '男', description: '男', value: 'M' },
  FEMALE: { label: '女', description: '女', value: 'F' },
});

// ------------------------------------------------------------------ civil affairs

export const CHILD_CATEGORY = codeList(
  'ChildCategory',
  '儿童类别：农村留守儿童、流动儿童、困境儿童（各类）、孤儿、散居孤儿、事实无人抚养儿童、无户籍儿童',
  {
    LEFT_BEHIND: { label: '农村留守儿童', description: '农村留守儿童' },
    MIGRANT: { label: '流动儿童', description: '流动儿童' },
    DIFFICULT_POVERTY: { label: '困境儿童（贫困）', description: '困境儿童：因家庭贫困导致生活、就医、就学等困难' },
    DIFFICULT_DISABILITY: { label: '困境儿童（残疾）', description: '困境儿童：因自身残疾导致康复、照料、护理和社会融入等困难' },
    DIFFICULT_ILLNESS: { label: '困境儿童（重病）', description: '困境儿童：因重病导致生活、就医等困难' },
    DIFFICULT_GUARDIANSHIP: {
      label: '困境儿童（监护）',
      description: '困境儿童：因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等',
    },
    ORPHAN: { label: '孤儿', description: '孤儿（机构集中养育）' },
    SCATTERED_ORPHAN: { label: '散居孤儿', description: '散居孤儿' },
    DE_FACTO_UNSUPPORTED: { label: '事实无人抚养儿童', description: '事实无人抚养儿童' },
    NO_HUKOU: { label: '无户籍儿童', description: '无户籍儿童（民政核发临时标识，公安户籍库无记录）' },
  },
);
export type ChildCategory = CodeOf<typeof CHILD_CATEGORY>;

export const RISK_COLOUR = codeList('RiskColour', '四色管理风险等级：红、黄、蓝、绿', {
  RED: { label: '红色', description: '红色：高风险，需立即干预' },
  YELLOW: { label: '黄色', description: '黄色：较高风险，重点关注' },
  BLUE: { label: '蓝色', description: '蓝色：一般风险，定期关注' },
  GREEN: { label: '绿色', description: '绿色：低风险，常规关爱' },
});
export type RiskColour = CodeOf<typeof RISK_COLOUR>;

export const SUPPORT_TYPE = codeList(
  'SupportType',
  '保障类型：低保、特困供养、孤儿基本生活费、事实无人抚养儿童基本生活补贴、困境儿童基本生活费、困难残疾人生活补贴、重度残疾人护理补贴、临时救助',
  {
    MINIMUM_LIVING: { label: '低保', description: '最低生活保障（低保）' },
    EXTREME_POVERTY: { label: '特困供养', description: '特困人员救助供养' },
    ORPHAN_ALLOWANCE: { label: '孤儿基本生活费', description: '孤儿基本生活费' },
    DE_FACTO_UNSUPPORTED_ALLOWANCE: { label: '事实无人抚养儿童基本生活补贴', description: '事实无人抚养儿童基本生活补贴' },
    DIFFICULT_CHILD_ALLOWANCE: { label: '困境儿童基本生活费', description: '困境儿童基本生活费' },
    DISABILITY_LIVING_SUBSIDY: { label: '困难残疾人生活补贴', description: '困难残疾人生活补贴' },
    SEVERE_DISABILITY_CARE_SUBSIDY: { label: '重度残疾人护理补贴', description: '重度残疾人护理补贴' },
    TEMPORARY_ASSISTANCE: { label: '临时救助', description: '临时救助' },
  },
);
export type SupportType = CodeOf<typeof SUPPORT_TYPE>;

export const VISITOR_ROLE = codeList('VisitorRole', '走访人员身份：儿童主任、儿童督导员、社会工作者', {
  DIRECTOR: { label: '儿童主任', description: '儿童主任' },
  SUPERVISOR: { label: '儿童督导员', description: '儿童督导员' },
  CASEWORKER: { label: '社会工作者', description: '社会工作者' },
});

export const VISIT_METHOD = codeList('VisitMethod', '走访方式：入户、电话、到校、视频', {
  HOME: { label: '入户走访', description: '入户走访' },
  PHONE: { label: '电话访问', description: '电话访问' },
  SCHOOL: { label: '到校走访', description: '到校走访' },
  VIDEO: { label: '视频访问', description: '视频访问' },
});
export type VisitMethod = CodeOf<typeof VISIT_METHOD>;

/** What a risk-colour assessment (四色管理分级评估) found; the colour is the assessor's judgement over them. */
export const RISK_FACTOR = codeList('RiskFactor', '风险评估因素', {
  GUARDIANSHIP_LACKING: { label: '监护缺失或监护不当', description: '家庭监护缺失或监护不当' },
  LIVING_ALONE: { label: '脱离监护单独居住', description: '脱离监护单独居住生活' },
  CAREGIVER_UNABLE: { label: '照护人缺乏照护能力', description: '被委托照护人缺乏照护能力或怠于履行照护职责' },
  SUSPECTED_HARM: { label: '疑似遭受侵害', description: '疑似遭受家庭暴力、意外伤害或不法侵害' },
  PARENT_SEVERE_DISABILITY: { label: '父母重残', description: '父母双方或一方存在严重身体或智力残疾' },
  CHILD_DISABILITY: { label: '儿童残疾', description: '儿童自身存在身体或智力残疾' },
  SERIOUS_ILLNESS: { label: '儿童重病', description: '儿童患重病' },
  PSYCH_BEHAVIOUR: { label: '心理或行为异常', description: '有心理或行为异常' },
  FAMILY_HARDSHIP: { label: '家庭经济困难', description: '家庭经济困难' },
  SCHOOLING_RISK: { label: '失学辍学风险', description: '失学辍学风险' },
});
export type RiskFactor = CodeOf<typeof RISK_FACTOR>;

/**
 * What a screening round (摸底排查) is for: the twice-yearly screening of every ledger child (一年两排), the quarterly
 * sweep of migrant children (004: 每季度开展一次摸底排查), or a round a district calls for a purpose of its own.
 */
export const SCREENING_ROUND_KIND = codeList('ScreeningRoundKind', '摸底排查类型', {
  TWICE_YEARLY: { label: '半年排查', description: '每年两次的农村留守儿童和困境儿童摸底排查（一年两排）' },
  MIGRANT_QUARTERLY: { label: '流动儿童季度排查', description: '每季度一次的流动儿童摸底排查' },
  SPECIAL: { label: '专项排查', description: '区县或市级民政部门部署的专项排查' },
});

export const SCREENING_ROUND_STATUS = codeList('ScreeningRoundStatus', '摸底排查状态', {
  OPEN: { label: '进行中', description: '进行中：各村报送排查结果' },
  CLOSED: { label: '已结束', description: '已结束：不再接收报送' },
});

/** What kind of help was given (关爱帮扶记录). */
export const HELP_KIND = codeList('HelpKind', '帮扶类型', {
  LIVING: { label: '生活帮扶', description: '生活照料、物资帮扶' },
  STUDY: { label: '学业帮扶', description: '学习辅导、返校复学帮扶' },
  PSYCHOLOGICAL: { label: '心理关爱', description: '心理关爱、亲情沟通' },
  MEDICAL: { label: '就医帮扶', description: '就医、康复帮扶' },
  BENEFITS: { label: '政策落实', description: '协助申请保障、补贴与救助' },
  SAFETY: { label: '安全教育', description: '安全教育、防溺水与防侵害提醒' },
  GUARDIANSHIP: { label: '监护指导', description: '指导监护人、被委托照护人履行职责' },
  OTHER: { label: '其他', description: '其他帮扶' },
});

/** Who a person of the workforce ledger is (儿童工作队伍): a village child director or a township supervisor. */
export const WORKFORCE_KIND = codeList('WorkforceKind', '儿童工作队伍人员类别：儿童主任、儿童督导员', {
  DIRECTOR: { label: '儿童主任', description: '儿童主任（村、社区）' },
  SUPERVISOR: { label: '儿童督导员', description: '儿童督导员（乡镇、街道）' },
});
export type WorkforceKind = CodeOf<typeof WORKFORCE_KIND>;

/** The result of a director's or supervisor's appraisal (考核) for a year or a half year. */
export const APPRAISAL_RESULT = codeList('AppraisalResult', '考核结果：优秀、合格、基本合格、不合格', {
  EXCELLENT: { label: '优秀', description: '优秀' },
  PASS: { label: '合格', description: '合格' },
  BASIC: { label: '基本合格', description: '基本合格' },
  FAIL: { label: '不合格', description: '不合格' },
});

/** Parental circumstances of the 事实无人抚养 criteria (民发〔2019〕62号), as the rules name them. */
export const PARENTAL_CIRCUMSTANCE = codeList('ParentalCircumstance', '父母情形（事实无人抚养认定）', {
  DECEASED: { label: '死亡', description: '死亡（含宣告死亡）' },
  MISSING: { label: '失联失踪', description: '失踪（失联满规定月数）' },
  SEVERE_DISABILITY: { label: '重度残疾', description: '重度残疾' },
  SERIOUS_ILLNESS: { label: '重病', description: '重病' },
  IMPRISONED: { label: '服刑在押', description: '服刑在押' },
  COMPULSORY_DRUG_REHAB: { label: '强制隔离戒毒', description: '强制隔离戒毒' },
  OTHER_RESTRICTION: { label: '其他限制人身自由', description: '被执行其他限制人身自由的措施' },
  DEPORTED: { label: '被遣送（驱逐）出境', description: '被遣送（驱逐）出境' },
  GUARDIANSHIP_REVOKED: { label: '被撤销监护资格', description: '被撤销监护资格' },
});
export type ParentalCircumstance = CodeOf<typeof PARENTAL_CIRCUMSTANCE>;

// ------------------------------------------------------------------ cross-checks and their work-list

export const CHECK_OUTCOME = codeList('CheckOutcome', '核查结果', {
  FLAGGED: { label: '发现问题', description: '发现问题（事实证明规则条件成立）' },
  CLEAR: { label: '正常', description: '未发现问题（事实证明规则条件不成立）' },
  INCONCLUSIVE: { label: '无法判定', description: '无法判定（缺少记录、部门服务不可用或无权获取）' },
});
export type CheckOutcome = CodeOf<typeof CHECK_OUTCOME>;

export const RUN_STATUS = codeList('RunStatus', '核查任务状态', {
  RUNNING: { label: '运行中', description: '运行中' },
  COMPLETED: { label: '已完成', description: '已完成' },
  PARTIAL: { label: '部分完成', description: '已完成，但部分部门数据不可用，相关规则结果为无法判定' },
  FAILED: { label: '失败', description: '失败（可用 --resume 续跑）' },
});

export const FINDING_STATUS = codeList('FindingStatus', '问题线索处理状态', {
  OPEN: { label: '待处理', description: '待处理' },
  IN_PROGRESS: { label: '处理中', description: '处理中' },
  RESOLVED: { label: '已解决', description: '已解决（人工办结，或核查不再发现）' },
  DISMISSED: { label: '已排除', description: '已排除（经核实非问题）' },
});

export const FINDING_ORDER = codeList('FindingOrder', '问题线索排序', {
  RULE: { label: '按规则', description: '按规则、儿童标识' },
  LAST_SEEN_DESC: { label: '按最近发现', description: '按最近发现（新在前），再按规则、儿童标识' },
});

// ------------------------------------------------------------------ public security

// ------------------------------------------------------------------ cases (docs/cases.md)

export const CASE_SOURCE = codeList('CaseSource', '个案来源：比对核查发现、强制报告、工作人员登记（热线、来访）', {
  FINDING: { label: '核查发现', description: '比对核查发现的问题线索' },
  MANDATORY_REPORT: { label: '强制报告', description: '强制报告' },
  STAFF: { label: '人工登记', description: '工作人员登记（热线、来访、走访发现）' },
});

export const CASE_STATUS = codeList('CaseStatus', '个案状态', {
  OPEN: { label: '待处理', description: '已开启，待承办部门处理' },
  IN_PROGRESS: { label: '处理中', description: '已受理，处理中' },
  AWAITING_APPROVAL: { label: '待审批结案', description: '已申请结案，待主管审批' },
  CLOSED: { label: '已结案', description: '已结案（人工结案，或核查不再发现）' },
  DISMISSED: { label: '已排除', description: '经核实非问题而排除；相关事实变化前不再开启' },
});

export const CASE_TASK_STATUS = codeList('CaseTaskStatus', '部门任务状态', {
  PENDING: { label: '待签收', description: '已转交，待承办部门签收' },
  ACCEPTED: { label: '已签收', description: '承办部门已签收，办理中' },
  ANSWERED: { label: '已反馈', description: '承办部门已反馈核实结果' },
  DECLINED: { label: '已退回', description: '承办部门退回（附理由）' },
  CLOSED: { label: '已关闭', description: '个案结案或核查不再发现，任务随之关闭' },
});

export const CASE_ANSWER = codeList('CaseAnswer', '核实反馈结论', {
  CONFIRMED: { label: '情况属实', description: '经核实情况属实（已处置或将处置）' },
  CORRECTED_AT_SOURCE: { label: '已在本部门更正数据', description: '本部门数据有误，已在本部门系统更正' },
  NOT_CONFIRMED: { label: '情况不属实', description: '经核实情况不属实（须说明理由）' },
});

export const CASE_EVENT = codeList('CaseEventKind', '个案记录类型', {
  OPENED: { label: '开启', description: '个案开启' },
  ROUTED: { label: '转交', description: '按分派规则转交承办部门' },
  ACCEPTED: { label: '签收', description: '承办部门签收任务' },
  DECLINED: { label: '退回', description: '承办部门退回任务（附理由）' },
  ASSIGNED: { label: '指派', description: '指派承办人' },
  ANSWERED: { label: '反馈', description: '承办部门反馈核实结果' },
  REFERRED: { label: '转介', description: '转介其他部门' },
  TRANSFERRED: { label: '移交主办', description: '接收单位签收移交，成为个案负责单位' },
  IDENTIFIED: { label: '确认身份', description: '身份不明儿童的身份经公安户籍确认' },
  INTERVENTION: { label: '干预帮扶', description: '记录干预或帮扶措施' },
  NOTE: { label: '备注', description: '工作记录' },
  CLOSURE_REQUESTED: { label: '申请结案', description: '申请结案，待主管审批' },
  CLOSURE_REJECTED: { label: '结案退回', description: '主管退回结案申请' },
  CLOSED: { label: '结案', description: '结案' },
  RESOLVED_BY_DATA: { label: '核查不再发现', description: '核查不再发现或不在核查范围内，自动结案' },
  REOPENED: { label: '重新开启', description: '重新开启（附原因）' },
  DISMISSED: { label: '排除', description: '经核实非问题而排除（记录所判断的事实）' },
  CONFERENCE: { label: '个案会商', description: '个案会商（记录参加部门）' },
});

/**
 * A report's steps as its reporter reads them on 我的报告, the acting agency shown first: 「教育 提交报告」,
 * 「公安 签收」 — the history's own labels (开启, 转交) read there as if the report had been sent to the school.
 */
export const REPORT_STEP_LABELS: Partial<Record<CodeOf<typeof CASE_EVENT>, string>> = {
  OPENED: '提交报告',
  ROUTED: '转交当地公安机关受案',
  ANSWERED: '反馈核实情况',
  INTERVENTION: '开展干预帮扶',
};

export const MANDATORY_REPORT_KIND = codeList('MandatoryReportKind', '强制报告情形', {
  LIVING_ALONE: { label: '脱离监护单独居住', description: '未成年人脱离监护单独居住生活或者失踪' },
  MISSING: { label: '失踪', description: '未成年人失踪' },
  DOMESTIC_VIOLENCE: { label: '疑似遭受家庭暴力', description: '未成年人疑似遭受家庭暴力' },
  UNLAWFUL_HARM: { label: '疑似遭受不法侵害', description: '未成年人疑似遭受性侵害、虐待、欺凌等不法侵害' },
  OTHER: { label: '其他', description: '其他危及未成年人人身安全的情形' },
});

export const INTERVENTION_KIND = codeList('InterventionKind', '干预帮扶措施', {
  EMERGENCY_RESPONSE: { label: '应急处置', description: '应急处置（安全转移、临时照料）' },
  GUARDIANSHIP_ASSESSMENT: { label: '监护评估', description: '监护情况评估' },
  GUARDIANSHIP_INTERVENTION: { label: '监护干预', description: '监护干预（督促、训诫、申请撤销监护资格等）' },
  TEMPORARY_GUARDIANSHIP: { label: '临时监护', description: '民政部门临时监护' },
  HELP: { label: '帮扶', description: '评估帮扶（生活、就学、医疗、心理等）' },
  OTHER: { label: '其他', description: '其他措施' },
});

export const HUKOU_STATUS = codeList('HukouStatus', '户籍登记状态：正常、死亡注销、其他注销、迁出', {
  NORMAL: { label: '正常', description: '正常' },
  DECEASED: { label: '死亡注销', description: '死亡注销' },
  CANCELLED: { label: '注销', description: '注销（死亡以外的原因）' },
  MOVED_OUT: { label: '迁出', description: '迁出' },
});

export const PARENT_RELATION = codeList('ParentRelation', '亲子关系：父亲、母亲', {
  FATHER: { label: '父亲', description: '父亲' },
  MOTHER: { label: '母亲', description: '母亲' },
});
export type ParentRelation = CodeOf<typeof PARENT_RELATION>;

export const CUSTODY_KIND = codeList('CustodyKind', '限制人身自由的类型：服刑在押、强制隔离戒毒、其他限制人身自由措施、被遣送出境', {
  IMPRISONED: { label: '服刑在押', description: '服刑在押' },
  COMPULSORY_DRUG_REHAB: { label: '强制隔离戒毒', description: '强制隔离戒毒' },
  OTHER_RESTRICTION: { label: '其他限制人身自由', description: '其他限制人身自由措施' },
  DEPORTED: { label: '被遣送出境', description: '被遣送出境' },
});
export type CustodyKind = CodeOf<typeof CUSTODY_KIND>;

// ------------------------------------------------------------------ education

export const ENROLMENT_STATUS = codeList('EnrolmentStatus', '学籍状态', {
  ENROLLED: { label: '在读', description: '在读' },
  SUSPENDED: { label: '休学', description: '休学' },
  DROPPED_OUT: { label: '辍学', description: '辍学' },
  GRADUATED: { label: '毕业', description: '毕业' },
  TRANSFERRED: { label: '转出', description: '转出' },
});
export type EnrolmentStatus = CodeOf<typeof ENROLMENT_STATUS>;

export const SCHOOL_LEVEL = codeList('SchoolLevel', '学校类别', {
  PRIMARY: { label: '小学', description: '小学' },
  JUNIOR: { label: '初级中学', description: '初级中学' },
  NINE_YEAR: { label: '九年一贯制学校', description: '九年一贯制学校' },
  SENIOR: { label: '普通高中', description: '普通高中' },
  VOCATIONAL: { label: '中等职业学校', description: '中等职业学校' },
  SPECIAL: { label: '特殊教育学校', description: '特殊教育学校' },
});
export type SchoolLevel = CodeOf<typeof SCHOOL_LEVEL>;

export const EDUCATION_AID_KIND = codeList('EducationAidKind', '教育资助类型', {
  TUITION_WAIVER: { label: '免学费', description: '免学费' },
  LIVING_SUBSIDY: { label: '生活补助', description: '家庭经济困难学生生活补助' },
  NUTRITION_MEAL: { label: '营养改善计划', description: '农村义务教育学生营养改善计划' },
  NATIONAL_GRANT: { label: '国家助学金', description: '国家助学金' },
});

// ------------------------------------------------------------------ health

export const SCREENING_CONDITION = codeList(
  'ScreeningCondition',
  '新生儿筛查病种：苯丙酮尿症、先天性甲状腺功能减低症、听力、先天性心脏病',
  {
    PKU: { label: '苯丙酮尿症', description: '苯丙酮尿症' },
    CH: { label: '先天性甲状腺功能减低症', description: '先天性甲状腺功能减低症' },
    HEARING: { label: '听力障碍', description: '听力障碍' },
    CHD: { label: '先天性心脏病', description: '先天性心脏病' },
  },
);

export const SCREENING_RESULT = codeList('ScreeningResult', '筛查结果：未见异常、阳性（可疑）、结果不明需复筛', {
  NORMAL: { label: '未见异常', description: '未见异常' },
  POSITIVE: { label: '阳性（可疑）', description: '阳性（可疑）' },
  INCONCLUSIVE: { label: '需复筛', description: '结果不明，需复筛' },
});

export const SCREENING_FOLLOW_UP = codeList('ScreeningFollowUp', '筛查随访：无需随访、已转诊、已确诊、已治疗、失访', {
  NONE: { label: '无需随访', description: '无需随访' },
  REFERRED: { label: '已转诊', description: '已转诊' },
  CONFIRMED: { label: '已确诊', description: '已确诊' },
  TREATED: { label: '已治疗', description: '已治疗' },
  LOST: { label: '失访', description: '失访' },
});

// ------------------------------------------------------------------ medical insurance

export const PREMIUM_SUBSIDY = codeList('PremiumSubsidy', '个人缴费资助：全额资助、定额（部分）资助、无资助', {
  FULL: { label: '全额资助', description: '全额资助' },
  PARTIAL: { label: '定额资助', description: '定额（部分）资助' },
  NONE: { label: '无资助', description: '无资助' },
});
export type PremiumSubsidy = CodeOf<typeof PREMIUM_SUBSIDY>;

export const PREMIUM_SUBSIDY_BASIS = codeList(
  'PremiumSubsidyBasis',
  '资助参保依据：孤儿、事实无人抚养儿童、特困人员、低保对象、残疾人、低收入人口',
  {
    ORPHAN: { label: '孤儿', description: '孤儿' },
    DE_FACTO_UNSUPPORTED: { label: '事实无人抚养儿童', description: '事实无人抚养儿童' },
    EXTREME_POVERTY: { label: '特困人员', description: '特困人员' },
    MINIMUM_LIVING: { label: '低保对象', description: '低保对象' },
    DISABILITY: { label: '残疾人', description: '残疾人' },
    LOW_INCOME: { label: '低收入人口', description: '低收入人口' },
  },
);
export type PremiumSubsidyBasis = CodeOf<typeof PREMIUM_SUBSIDY_BASIS>;

export const MEDICAL_ASSISTANCE_KIND = codeList('MedicalAssistanceKind', '医疗救助类型：住院救助、门诊慢特病救助、重特大疾病救助', {
  INPATIENT: { label: '住院救助', description: '住院救助' },
  OUTPATIENT_CHRONIC: { label: '门诊慢特病救助', description: '门诊慢特病救助' },
  CATASTROPHIC: { label: '重特大疾病救助', description: '重特大疾病救助' },
});

// ------------------------------------------------------------------ disabled persons' federation

export const DISABILITY_TYPE = codeList('DisabilityType', '残疾类别：视力、听力、言语、肢体、智力、精神、多重', {
  VISUAL: { label: '视力残疾', description: '视力残疾' },
  HEARING: { label: '听力残疾', description: '听力残疾' },
  SPEECH: { label: '言语残疾', description: '言语残疾' },
  PHYSICAL: { label: '肢体残疾', description: '肢体残疾' },
  INTELLECTUAL: { label: '智力残疾', description: '智力残疾' },
  MENTAL: { label: '精神残疾', description: '精神残疾' },
  MULTIPLE: { label: '多重残疾', description: '多重残疾' },
});
export type DisabilityType = CodeOf<typeof DISABILITY_TYPE>;

export const CERTIFICATE_STATUS = codeList('CertificateStatus', '残疾人证状态：有效、过期、注销', {
  VALID: { label: '有效', description: '有效' },
  EXPIRED: { label: '已过有效期', description: '已过有效期' },
  CANCELLED: { label: '已注销', description: '已注销' },
});

export const REHABILITATION_SERVICE = codeList(
  'RehabilitationService',
  '康复救助项目：言语、肢体、人工耳蜗植入、辅助器具适配、孤独症、智力',
  {
    SPEECH: { label: '言语康复', description: '言语（听力言语）康复训练' },
    PHYSICAL: { label: '肢体康复', description: '肢体康复训练' },
    COCHLEAR_IMPLANT: { label: '人工耳蜗植入', description: '人工耳蜗植入' },
    ASSISTIVE_DEVICE: { label: '辅助器具适配', description: '辅助器具适配' },
    AUTISM: { label: '孤独症康复', description: '孤独症康复训练' },
    INTELLECTUAL: { label: '智力康复', description: '智力康复训练' },
  },
);

/**
 * Every list exposed as a GraphQL enum, by enum name (the parental circumstances are the rules' vocabulary,
 * not an enum of the graph).
 */
export const GRAPHQL_CODE_LISTS: readonly CodeList[] = [
  GENDER,
  CHILD_CATEGORY,
  RISK_COLOUR,
  SUPPORT_TYPE,
  VISITOR_ROLE,
  VISIT_METHOD,
  RISK_FACTOR,
  HELP_KIND,
  SCREENING_ROUND_KIND,
  SCREENING_ROUND_STATUS,
  WORKFORCE_KIND,
  APPRAISAL_RESULT,
  CHECK_OUTCOME,
  RUN_STATUS,
  FINDING_STATUS,
  FINDING_ORDER,
  CASE_SOURCE,
  CASE_STATUS,
  CASE_TASK_STATUS,
  CASE_ANSWER,
  CASE_EVENT,
  MANDATORY_REPORT_KIND,
  INTERVENTION_KIND,
  HUKOU_STATUS,
  PARENT_RELATION,
  CUSTODY_KIND,
  ENROLMENT_STATUS,
  SCHOOL_LEVEL,
  EDUCATION_AID_KIND,
  SCREENING_CONDITION,
  SCREENING_RESULT,
  SCREENING_FOLLOW_UP,
  PREMIUM_SUBSIDY,
  PREMIUM_SUBSIDY_BASIS,
  MEDICAL_ASSISTANCE_KIND,
  DISABILITY_TYPE,
  CERTIFICATE_STATUS,
  REHABILITATION_SERVICE,
];
