import { CHECK_OUTCOME, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';

export const CheckOutcome = registerCodeList(CHECK_OUTCOME);
export type CheckOutcome = CodeOf<typeof CHECK_OUTCOME>;

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '核查依据：某部门的某项事实' })
export class CheckEvidence {
  @Field(() => String, { description: '来源部门' })
  agency!: string;

  @Field(() => String, { description: '事实' })
  fact!: string;

  @Field(() => String, { description: '值' })
  value!: string;
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '一条比对核查规则对一名儿童的结果' })
export class CheckResult {
  @Field(() => String, { description: '规则编号，如 EXIT-AGE' })
  rule!: string;

  @Field(() => String, { description: '规则名称，如 超龄未退' })
  name!: string;

  @Field(() => String, { description: '规则族：exitChecks、coverageChecks、schoolingCheck、migrantVerification、careChecks、discovery' })
  family!: string;

  @Field(() => CheckOutcome, { description: '结果' })
  outcome!: CheckOutcome;

  @Field(() => String, { description: '理由' })
  reason!: string;

  @Field(() => [CheckEvidence], { description: '依据（事实及其来源部门）' })
  evidence!: CheckEvidence[];

  @Field(() => DateScalar, { description: '核查基准日' })
  asOf!: string;
}

/**
 * All roster checks of one child, grouped by outcome, for batch use: a CLEAR result is only its rule id. Most
 * results of a nightly run are CLEAR, and as objects with their reasons they were most of the bytes the
 * gateway had to merge and ship.
 */
@RequiresScopes('crosscheck:read')
@ObjectType({ description: '一名儿童的台账核查结果汇总（按结果分组；“未发现问题”只列规则编号）' })
export class CheckSummary {
  @Field(() => [CheckResult], { description: '发现问题的结果（含理由，依据按 evidenceFor 附带）' })
  flagged!: CheckResult[];

  @Field(() => [CheckResult], { description: '无法判定的结果（含理由）' })
  inconclusive!: CheckResult[];

  @Field(() => [String], { description: '未发现问题的规则编号' })
  clear!: string[];

  @Field(() => DateScalar, { description: '核查基准日' })
  asOf!: string;
}
