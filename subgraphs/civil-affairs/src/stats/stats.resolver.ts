import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { RULE_NAMES, type RuleId } from '@hub/domain';
import { jurisdictionPatterns } from '@hub/service-kit';
import { checkRegionPrefix, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';

@RequiresScopes('welfare:read')
@ObjectType({ description: '分组计数' })
export class CountBy {
  @Field(() => String, { description: '分组键（类别、风险等级或区划代码）' })
  key!: string;

  @Field(() => Int, { description: '数量' })
  count!: number;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '台账儿童统计（按调用者辖区）' })
export class RosterStats {
  @Field(() => Int, { description: '儿童总数' })
  total!: number;

  @Field(() => [CountBy], { description: '按儿童类别（一名儿童可属多个类别）' })
  byCategory!: CountBy[];

  @Field(() => [CountBy], { description: '按风险等级（四色）' })
  byRiskColour!: CountBy[];

  @Field(() => [CountBy], { description: '按实际居住地区县' })
  byDistrict!: CountBy[];
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '某规则的问题线索数（按处理状态）' })
export class FindingRuleStats {
  @Field(() => String, { description: '规则编号' })
  rule!: string;

  @Field(() => String, { description: '规则名称' })
  name!: string;

  @Field(() => String, { description: '规则族' })
  family!: string;

  @Field(() => Int, { description: '待处理' })
  open!: number;

  @Field(() => Int, { description: '处理中' })
  inProgress!: number;

  @Field(() => Int, { description: '已解决' })
  resolved!: number;

  @Field(() => Int, { description: '已排除' })
  dismissed!: number;
}

/** Aggregates for the dashboard, in SQL and inside the caller's jurisdiction: nothing is counted in the browser. */
@Resolver()
export class StatsResolver {
  @RequiresScopes('welfare:read')
  @Query(() => RosterStats, { description: '台账儿童统计：按类别、风险等级、区县（仅调用者辖区内）' })
  async rosterStats(
    @Arg('regionPrefix', () => String, { nullable: true, description: '只统计此区划（前缀）' }) regionPrefix: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RosterStats> {
    const params: unknown[] = [jurisdictionPatterns(ctx.principal)];
    let where = '(residence_region LIKE ANY($1) OR hukou_region LIKE ANY($1))';
    if (regionPrefix) {
      checkRegionPrefix(regionPrefix);
      params.push(`${regionPrefix}%`);
      where += ' AND (residence_region LIKE $2 OR hukou_region LIKE $2)';
    }
    const [total, cats, colours, districts] = await Promise.all([
      ctx.db.query(`SELECT count(*)::int AS n FROM child_record WHERE ${where}`, params),
      ctx.db.query(
        `SELECT c AS key, count(*)::int AS count FROM child_record, unnest(categories) c WHERE ${where} GROUP BY c ORDER BY 2 DESC`,
        params,
      ),
      ctx.db.query(`SELECT risk_colour AS key, count(*)::int AS count FROM child_record WHERE ${where} GROUP BY 1 ORDER BY 1`, params),
      ctx.db.query(
        `SELECT left(residence_region, 6) AS key, count(*)::int AS count FROM child_record WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      ),
    ]);
    return { total: (total as { n: number }[])[0].n, byCategory: cats, byRiskColour: colours, byDistrict: districts };
  }

  @RequiresScopes('crosscheck:read')
  @Query(() => [FindingRuleStats], { description: '问题线索统计：各规则按处理状态计数（仅调用者辖区内）' })
  async findingStats(
    @Arg('regionPrefix', () => String, { nullable: true, description: '只统计此区划（前缀）' }) regionPrefix: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FindingRuleStats[]> {
    const params: unknown[] = [jurisdictionPatterns(ctx.principal)];
    let where = 'region LIKE ANY($1)';
    if (regionPrefix) {
      checkRegionPrefix(regionPrefix);
      params.push(`${regionPrefix}%`);
      where += ' AND region LIKE $2';
    }
    const rows = (await ctx.db.query(
      `SELECT rule, family,
              count(*) FILTER (WHERE status = 'OPEN')::int AS open, count(*) FILTER (WHERE status = 'IN_PROGRESS')::int AS in_progress,
              count(*) FILTER (WHERE status = 'RESOLVED')::int AS resolved, count(*) FILTER (WHERE status = 'DISMISSED')::int AS dismissed
         FROM finding WHERE ${where} GROUP BY rule, family ORDER BY rule`,
      params,
    )) as { rule: string; family: string; open: number; in_progress: number; resolved: number; dismissed: number }[];
    return rows.map((r) => ({
      rule: r.rule,
      name: RULE_NAMES[r.rule as RuleId] ?? r.rule,
      family: r.family,
      open: r.open,
      inProgress: r.in_progress,
      resolved: r.resolved,
      dismissed: r.dismissed,
    }));
  }
}
