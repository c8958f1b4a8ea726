import { RUN_STATUS, FINDING_STATUS, FINDING_ORDER, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, PageInfo, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Child } from '../entities/child.type';
import { CheckEvidence } from '../crosschecks/crosscheck.types';

export const RunStatus = registerCodeList(RUN_STATUS);
export type RunStatus = CodeOf<typeof RUN_STATUS>;

export const FindingStatus = registerCodeList(FINDING_STATUS);
export type FindingStatus = CodeOf<typeof FINDING_STATUS>;

export const FindingOrder = registerCodeList(FINDING_ORDER);
export type FindingOrder = CodeOf<typeof FINDING_ORDER>;

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '某规则在一次核查中的结果计数' })
export class RuleCount {
  @Field(() => String, { description: '规则编号' })
  rule!: string;

  @Field(() => Int, { description: '发现问题的儿童数' })
  flagged!: number;

  @Field(() => Int, { description: '未发现问题的儿童数' })
  clear!: number;

  @Field(() => Int, { description: '无法判定的儿童数' })
  inconclusive!: number;

  @Field(() => Int, { description: '其中因部门数据不可用而无法判定的儿童数' })
  unavailable!: number;
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '一次比对核查任务（夜间任务或手动发起）' })
export class ReconciliationRun {
  @Field(() => ID, { description: '任务标识' })
  id!: string;

  @Field(() => DateScalar, { description: '核查基准日' })
  asOf!: string;

  @Field(() => String, { description: '核查区划（前缀）' })
  region!: string;

  @Field(() => [String], { description: '核查的规则' })
  rules!: string[];

  @Field(() => RunStatus, { description: '状态' })
  status!: RunStatus;

  @Field(() => String, { description: '开始时间（ISO 8601）' })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: '结束时间（ISO 8601）' })
  finishedAt!: string | null;

  @Field(() => String, { description: '最近心跳时间（运行中的任务定期更新）' })
  heartbeatAt!: string;

  @Field(() => String, { description: '发起者（令牌 sub）' })
  startedBy!: string;

  @Field(() => String, { nullable: true, description: '断点（JSON：阶段、游标、每页条数），续跑从此处继续' })
  checkpoint!: string | null;

  @Field(() => Int, { description: '已记录的页数' })
  pagesDone!: number;

  @Field(() => Int, { description: '已核查的儿童人次（各阶段合计）' })
  children!: number;

  /** Resolved by `counts` in the resolver; set only when known without summing the pages. */
  counts?: RuleCount[];

  @Field(() => Int, { description: '本次新增的问题线索（调用者辖区内）' })
  newFindings!: number;

  @Field(() => Int, { description: '本次办结的问题线索（调用者辖区内）' })
  resolvedFindings!: number;
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '问题线索：某规则对某儿童的发现，及其处理情况' })
export class Finding {
  @Field(() => String, { description: '规则编号' })
  rule!: string;

  @Field(() => String, { description: '规则名称' })
  name!: string;

  @Field(() => String, { description: '规则族' })
  family!: string;

  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => Child, { description: '儿童（可查询其各部门数据，按权限与辖区）' })
  child!: Child;

  @Field(() => FindingStatus, { description: '处理状态' })
  status!: FindingStatus;

  @Field(() => String, { description: '最近一次发现的理由' })
  reason!: string;

  @Field(() => [CheckEvidence], { description: '依据（事实及来源部门）' })
  evidence!: CheckEvidence[];

  @Field(() => String, { nullable: true, description: '所在区划（儿童实际居住地）' })
  region!: string | null;

  @Field(() => DateScalar, { description: '首次发现（核查基准日）' })
  firstSeenOn!: string;

  @Field(() => DateScalar, { description: '最近发现（核查基准日）' })
  lastSeenOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '解决日期' })
  resolvedOn!: string | null;

  @Field(() => ID, { description: '首次发现的核查任务' })
  firstRun!: string;

  @Field(() => ID, { description: '最近发现的核查任务' })
  lastRun!: string;

  @Field(() => ID, { nullable: true, description: '办结的核查任务（人工办结为空）' })
  resolvedByRun!: string | null;

  @Field(() => String, { nullable: true, description: '承办人' })
  assignee!: string | null;

  @Field(() => String, { nullable: true, description: '处理说明' })
  note!: string | null;

  @Field(() => String, { description: '最近更新时间（ISO 8601）' })
  updatedAt!: string;

  @Field(() => String, { description: '最近更新者（令牌 sub，或核查任务）' })
  updatedBy!: string;
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '问题线索分页' })
export class FindingPage {
  @Field(() => [Finding], { description: '本页问题线索' })
  nodes!: Finding[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '符合条件的总数' })
  totalCount!: number;
}

@InputType({ description: '问题线索筛选（给出的各项须同时满足）' })
export class FindingFilter {
  @Field(() => [String], { nullable: true, description: '规则编号' })
  rules?: string[] | null;

  @Field(() => [String], { nullable: true, description: '规则族' })
  families?: string[] | null;

  @Field(() => [FindingStatus], { nullable: true, description: '处理状态' })
  statuses?: FindingStatus[] | null;

  @Field(() => String, { nullable: true, description: '区划代码前缀' })
  regionPrefix?: string | null;

  @Field(() => [String], { nullable: true, description: '儿童风险等级（RED、YELLOW、BLUE、GREEN，台账记录）' })
  riskColours?: string[] | null;

  @Field(() => Int, { nullable: true, description: '儿童年龄下限（含，按台账出生日期、今天）' })
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '儿童年龄上限（含）' })
  maxAge?: number | null;

  @Field(() => ID, { nullable: true, description: '由此核查任务首次发现（新增线索）' })
  firstRun?: string | null;

  @Field(() => ID, { nullable: true, description: '此核查任务仍然发现' })
  lastRun?: string | null;

  @Field(() => ID, { nullable: true, description: '由此核查任务办结' })
  resolvedByRun?: string | null;
}

@InputType({ description: '一名儿童在本页的核查结果' })
export class ChildOutcomeInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => String, { nullable: true, description: '区划（不在台账的儿童：公安居住证或户籍地）' })
  region?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '发现所依据的学校所在区划（教育；按学校分派的规则，如劝返复学，转交该区县教育部门）',
  })
  schoolRegion?: string | null;

  @Field(() => [FlaggedInput], { description: '发现问题的规则（含理由与依据）' })
  flagged!: FlaggedInput[];

  @Field(() => [String], { description: '未发现问题的规则' })
  clear!: string[];

  @Field(() => [String], { description: '无法判定的规则' })
  inconclusive!: string[];

  @Field(() => [String], { description: '其中因部门数据不可用而无法判定的规则' })
  unavailable!: string[];
}

@InputType({ description: '一条发现问题的核查结果' })
export class FlaggedInput {
  @Field(() => String, { description: '规则编号' })
  rule!: string;

  @Field(() => String, { description: '理由' })
  reason!: string;

  @Field(() => [EvidenceInput], { description: '依据' })
  evidence!: EvidenceInput[];
}

@InputType({ description: '核查依据' })
export class EvidenceInput {
  @Field(() => String, { description: '来源部门' })
  agency!: string;

  @Field(() => String, { description: '事实' })
  fact!: string;

  @Field(() => String, { description: '值' })
  value!: string;
}
