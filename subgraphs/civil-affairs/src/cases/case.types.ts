import {
  CASE_ANSWER,
  CASE_EVENT,
  CASE_SOURCE,
  CASE_STATUS,
  CASE_TASK_STATUS,
  INTERVENTION_KIND,
  MANDATORY_REPORT_KIND,
  type CodeOf,
} from '@hub/domain';
import { DateScalar, PageInfo, registerCodeList, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Child } from '../entities/child.type';

export const CaseSource = registerCodeList(CASE_SOURCE);
export type CaseSource = CodeOf<typeof CASE_SOURCE>;
export const CaseStatus = registerCodeList(CASE_STATUS);
export type CaseStatus = CodeOf<typeof CASE_STATUS>;
export const CaseTaskStatus = registerCodeList(CASE_TASK_STATUS);
export type CaseTaskStatus = CodeOf<typeof CASE_TASK_STATUS>;
export const CaseAnswer = registerCodeList(CASE_ANSWER);
export type CaseAnswer = CodeOf<typeof CASE_ANSWER>;
export const CaseEventKind = registerCodeList(CASE_EVENT);
export type CaseEventKind = CodeOf<typeof CASE_EVENT>;
export const MandatoryReportKind = registerCodeList(MANDATORY_REPORT_KIND);
export type MandatoryReportKind = CodeOf<typeof MANDATORY_REPORT_KIND>;
export const InterventionKind = registerCodeList(INTERVENTION_KIND);
export type InterventionKind = CodeOf<typeof INTERVENTION_KIND>;

@RequiresScopes('case:task')
@ObjectType({ description: '任务所需的一项事实（仅限承办部门本部门的数据）' })
export class TaskFact {
  @Field(() => String, { description: '来源部门' })
  agency!: string;

  @Field(() => String, { description: '事实' })
  fact!: string;

  @Field(() => String, { description: '值' })
  value!: string;
}

@RequiresScopes('case:task')
@ObjectType({ description: '个案记录：一步处理，谁、何时、为何（只增不改）' })
export class CaseEvent {
  @Field(() => ID, { description: '序号' })
  seq!: string;

  @Field(() => String, { description: '时间（ISO 8601）' })
  at!: string;

  @Field(() => String, { description: '操作者（令牌 sub，或核查任务）' })
  actor!: string;

  @Field(() => String, { nullable: true, description: '操作者所属部门（中文）' })
  actorAgency!: string | null;

  @Field(() => CaseEventKind, { description: '记录类型' })
  kind!: CaseEventKind;

  @Field(() => String, { nullable: true, description: '说明（原因、反馈、措施）' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: '涉及的部门任务' })
  taskId!: string | null;

  @Field(() => ID, { nullable: true, description: '涉及的核查任务（自动开启、重开、结案时）' })
  runId!: string | null;
}

@RequiresScopes('case:task')
@ObjectType({ description: '转交某部门某办公室的任务：做什么、何时到期、如何反馈' })
export class CaseTask {
  @Field(() => ID, { description: '任务标识' })
  id!: string;

  @Field(() => ID, { description: '所属个案' })
  caseId!: string;

  @Field(() => String, { description: '承办部门（agency 标识）' })
  agency!: string;

  @Field(() => String, { description: '承办部门（中文）' })
  agencyName!: string;

  @Field(() => String, { description: '承办地区划代码' })
  region!: string;

  @Field(() => String, { description: '承办单位（地名 + 部门），如 渝北区教育部门' })
  office!: string;

  @Field(() => String, { description: '要求办理的事项，如 劝返复学' })
  action!: string;

  @Field(() => Boolean, { description: '移交主办：签收后承办单位成为个案负责单位' })
  transfer!: boolean;

  @Field(() => CaseSource, { description: '所属个案的来源' })
  caseSource!: CaseSource;

  @Field(() => String, { nullable: true, description: '来源规则名称（核查发现的个案）' })
  ruleName!: string | null;

  @Field(() => DateScalar, { description: '办理期限' })
  dueOn!: string;

  @Field(() => Boolean, { description: '已逾期（未反馈且过了期限，按北京时间今天）' })
  overdue!: boolean;

  @Field(() => CaseTaskStatus, { description: '任务状态' })
  status!: CaseTaskStatus;

  @Field(() => String, { nullable: true, description: '承办人' })
  assignee!: string | null;

  @Field(() => CaseAnswer, { nullable: true, description: '核实反馈结论' })
  answer!: CaseAnswer | null;

  @Field(() => String, { nullable: true, description: '反馈说明（或退回理由）' })
  answerNote!: string | null;

  @Field(() => String, { nullable: true, description: '反馈人' })
  answeredBy!: string | null;

  @Field(() => String, { nullable: true, description: '反馈时间（ISO 8601）' })
  answeredAt!: string | null;

  @Field(() => [TaskFact], {
    description: '办理所需的事实：核查发现为承办部门本部门的数据（最小必要）；强制报告与人工登记为报告内容、报告单位与儿童描述',
  })
  facts!: TaskFact[];

  @Field(() => Child, { nullable: true, description: '儿童（其姓名等按调用者权限与辖区脱敏或隐藏）；身份不明时为空' })
  child!: Child | null;

  @RequiresScopes('child:basic')
  @Field(() => String, { nullable: true, description: '儿童姓名（民政台账；不在台账或身份不明时为空）' })
  childName!: string | null;

  @Field(() => String, { nullable: true, description: '身份不明儿童的描述' })
  childDescription!: string | null;

  @Field(() => String, { description: '儿童所在地（地名）' })
  placeName!: string;

  @Field(() => CaseStatus, { description: '个案状态' })
  caseStatus!: CaseStatus;
}

@RequiresScopes('case:task')
@ObjectType({ description: '个案：一条核查发现、一份强制报告或一次登记，及其转交、反馈、干预与结案的全过程' })
export class Case {
  @Field(() => ID, { description: '个案标识' })
  id!: string;

  @Field(() => CaseSource, { description: '来源' })
  source!: CaseSource;

  @Field(() => String, { nullable: true, description: '来源规则编号（核查发现）' })
  rule!: string | null;

  @Field(() => String, { nullable: true, description: '来源规则名称' })
  ruleName!: string | null;

  @Field(() => Child, { nullable: true, description: '儿童（按调用者权限）；身份不明时为空' })
  child!: Child | null;

  @RequiresScopes('child:basic')
  @Field(() => String, { nullable: true, description: '儿童姓名（民政台账；不在台账或身份不明时为空）' })
  childName!: string | null;

  @Field(() => String, { nullable: true, description: '身份不明儿童的描述' })
  childDescription!: string | null;

  @Field(() => String, { description: '所在地区划代码（居住地或发现地）' })
  placeRegion!: string;

  @Field(() => String, { description: '所在地（地名）' })
  placeName!: string;

  @Field(() => String, { nullable: true, description: '户籍地区划代码（流动儿童由户籍地与居住地共同可见）' })
  hukouRegion!: string | null;

  @Field(() => String, { nullable: true, description: '户籍地（地名）' })
  hukouName!: string | null;

  @Field(() => String, { description: '负责部门（agency 标识）' })
  responsibleAgency!: string;

  @Field(() => String, { description: '负责单位（地名 + 部门）' })
  responsibleOffice!: string;

  @Field(() => CaseStatus, { description: '状态' })
  status!: CaseStatus;

  @Field(() => String, { description: '事由（按调用者权限：无相关数据权限时为概述）' })
  summary!: string;

  @Field(() => String, { nullable: true, description: '分派依据（政策文件条款）' })
  basis!: string | null;

  @Field(() => Boolean, { description: '结案须经主管审批' })
  closureApproval!: boolean;

  @Field(() => MandatoryReportKind, { nullable: true, description: '强制报告情形（来源为强制报告时）' })
  reportKind!: MandatoryReportKind | null;

  @Field(() => String, { nullable: true, description: '报告单位（来源为强制报告时）' })
  reporterOrg!: string | null;

  @Field(() => DateScalar, { description: '开启日期' })
  openedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '最近一次核查仍发现的基准日' })
  lastSeenOn!: string | null;

  @Field(() => String, { nullable: true, description: '结案时间（ISO 8601）' })
  closedAt!: string | null;

  @Field(() => String, { nullable: true, description: '个案承办人' })
  assignee!: string | null;

  @Field(() => [CaseTask], { description: '各部门任务（其他部门只见本部门的任务）' })
  tasks!: CaseTask[];

  @Field(() => [CaseEvent], { description: '全过程记录（其他部门只见与本部门任务相关的记录）' })
  history!: CaseEvent[];
}

@RequiresScopes('case:task')
@ObjectType({ description: '个案分页' })
export class CasePage {
  @Field(() => [Case], { description: '本页个案' })
  nodes!: Case[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '符合条件的总数' })
  totalCount!: number;
}

@RequiresScopes('case:task')
@ObjectType({ description: '部门任务分页（收件箱）' })
export class CaseTaskPage {
  @Field(() => [CaseTask], { description: '本页任务' })
  nodes!: CaseTask[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '符合条件的总数' })
  totalCount!: number;
}

@InputType({ description: '个案筛选（给出的各项须同时满足）' })
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: '状态' })
  statuses?: CaseStatus[] | null;

  @Field(() => [String], { nullable: true, description: '来源规则编号' })
  rules?: string[] | null;

  @Field(() => String, { nullable: true, description: '所在地或户籍地区划前缀' })
  regionPrefix?: string | null;

  @Field(() => ID, { nullable: true, description: '儿童标识' })
  childId?: string | null;

  @Field(() => CaseSource, { nullable: true, description: '来源' })
  source?: CaseSource | null;
}

@InputType({ description: '收件箱筛选' })
export class CaseTaskFilter {
  @Field(() => [CaseTaskStatus], { nullable: true, description: '任务状态（默认：待签收与已签收）' })
  statuses?: CaseTaskStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: '只看已逾期' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '只看指派给我的' })
  assignedToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: '承办地区划前缀' })
  regionPrefix?: string | null;

  @Field(() => CaseSource, { nullable: true, description: '个案来源（核查发现、强制报告、人工登记）' })
  source?: CaseSource | null;
}

@InputType({ description: '登记一个个案（热线、来访、走访发现）' })
export class OpenCaseInput {
  @Field(() => ID, { nullable: true, description: '儿童标识（身份已知时）' })
  childId?: string | null;

  @Field(() => String, { nullable: true, description: '身份不明儿童的描述（无儿童标识时必填）' })
  childDescription?: string | null;

  @Field(() => String, { description: '所在地区划代码（县级以下，6、9 或 12 位）' })
  placeRegion!: string;

  @Field(() => String, { description: '事由' })
  summary!: string;
}

@InputType({ description: '一份强制报告' })
export class MandatoryReportInput {
  @Field(() => MandatoryReportKind, { description: '情形' })
  kind!: MandatoryReportKind;

  @Field(() => String, { description: '发现地点区划代码（县级以下，6、9 或 12 位，须在本人辖区内）' })
  placeRegion!: string;

  @Field(() => ID, { nullable: true, description: '儿童标识（身份已知时）' })
  childId?: string | null;

  @Field(() => String, { nullable: true, description: '儿童描述（身份不明时必填：年龄、体貌、所在位置）' })
  childDescription?: string | null;

  @Field(() => String, { description: '发现的情况' })
  account!: string;

  @Field(() => String, { description: '报告单位（学校、医院、村（居）民委员会等）' })
  reporterOrg!: string;
}

@RequiresScopes('case:report')
@ObjectType({ description: '所报强制报告的一步办理（只含时间、部门与步骤，不含儿童档案与办理内容）' })
export class ReportStep {
  @Field(() => String, { description: '时间（ISO 8601）' })
  at!: string;

  @Field(() => CaseEventKind, { description: '步骤' })
  kind!: CaseEventKind;

  @Field(() => String, { nullable: true, description: '办理部门（中文）' })
  agency!: string | null;
}

@RequiresScopes('case:report')
@ObjectType({ description: '本人所报的强制报告及其办理进度' })
export class MyMandatoryReport {
  @Field(() => ID, { description: '个案标识' })
  id!: string;

  @Field(() => MandatoryReportKind, { description: '情形' })
  kind!: MandatoryReportKind;

  @Field(() => String, { description: '报告时间（ISO 8601）' })
  filedAt!: string;

  @Field(() => String, { description: '发现地点（地名）' })
  placeName!: string;

  @Field(() => String, { description: '报告单位' })
  reporterOrg!: string;

  @Field(() => String, { description: '所报情况（报告人本人所写，用于区分多份报告）' })
  summary!: string;

  @Field(() => Boolean, { description: '报告时已指明儿童身份（姓名等不向报告人返回）' })
  childIdentified!: boolean;

  @Field(() => String, { nullable: true, description: '报告人所写的儿童描述（身份不明时）' })
  childDescription!: string | null;

  @Field(() => CaseStatus, { description: '办理状态' })
  status!: CaseStatus;

  @Field(() => String, { nullable: true, description: '公安受案时间（ISO 8601）；未受案为空' })
  acceptedAt!: string | null;

  @Field(() => Boolean, { description: '受案已逾期' })
  acceptanceOverdue!: boolean;

  @Field(() => [ReportStep], { description: '办理步骤' })
  steps!: ReportStep[];
}

@RequiresScopes('case:task')
@ObjectType({ description: '工作提醒：本人收件箱与审批的计数（本人辖区）' })
export class CaseAlerts {
  @Field(() => Int, { description: '待签收与办理中的任务' })
  openTasks!: number;

  @Field(() => Int, { description: '已逾期的任务' })
  overdueTasks!: number;

  @Field(() => Int, { description: '3 日内到期的任务' })
  dueSoonTasks!: number;

  @Field(() => Int, { description: '待受案的强制报告（公安）' })
  reportsAwaitingAcceptance!: number;

  @Field(() => Int, { description: '待审批的结案申请（有审批权限时）' })
  awaitingApproval!: number;

  @Field(() => Int, { description: 'since 之后新开启、本人可见的个案（未给 since 时为 0）' })
  newCases!: number;
}
