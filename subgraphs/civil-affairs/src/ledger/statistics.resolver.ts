import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { checkRegionPrefix, DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { countWork, nextLevel, rollUp, ScorecardRow, sumRows } from './scorecard.resolver';
import { civilAffairsOnly } from './civil-affairs-only';

/**
 * The ledger's statistics kept month by month (docs/ledger.md#statistics): the scorecard's figures per township as of
 * each month's last day, kept so a trend can be drawn and the year exported for the yearly report. The nightly job
 * counts the month under way (and finishes the month before); a month can also be counted again by hand. Read per
 * area one level below the one asked for, summed from the townships, inside the caller's jurisdiction.
 */
@RequiresScopes('welfare:read')
@ObjectType({ description: '一个月的台账统计' })
export class LedgerStatMonth {
  @Field(() => String, { description: '月份（YYYY-MM）' })
  month!: string;

  @Field(() => DateScalar, { description: '统计日：当月最后一天；当月尚未结束时为最近一次统计的日期' })
  asOf!: string;

  @Field(() => [ScorecardRow], { description: '下一级区划逐个（市→区县，区县→乡镇；乡镇为本乡镇）' })
  areas!: ScorecardRow[];

  @Field(() => ScorecardRow, { description: '合计' })
  total!: ScorecardRow;
}

@RequiresScopes('crosscheck:read')
@ObjectType({ description: '一次月度统计' })
export class LedgerStatisticsCounted {
  @Field(() => String, { description: '月份（YYYY-MM）' })
  month!: string;

  @Field(() => DateScalar, { description: '统计日' })
  asOf!: string;

  @Field(() => Int, { description: '统计的乡镇（街道）数' })
  townships!: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The longest stretch one question may ask for (three yearly reports). */
const MAX_MONTHS = 36;

function checkMonth(month: string, what: string): string {
  if (!MONTH.test(month)) throw badUserInput(`${what}须为 YYYY-MM 格式的月份`);
  if (month > todayInChina().slice(0, 7)) throw badUserInput(`${what}不能晚于本月`);
  return month;
}

/** The last day of a month (YYYY-MM-DD). */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month `n` months before `month` (YYYY-MM). */
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

@Resolver()
export class StatisticsResolver {
  @RequiresScopes('crosscheck:run')
  @Mutation(() => LedgerStatisticsCounted, {
    description: '按乡镇统计一个月的台账工作（默认本月；统计日为当月最后一天，当月未结束时为今天），保存供趋势与年报；夜间任务每晚执行',
  })
  async recordLedgerStatistics(
    @Arg('month', () => String, { nullable: true, description: '月份（YYYY-MM，默认本月）' }) month: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerStatisticsCounted> {
    civilAffairsOnly(ctx, '台账统计');
    const today = todayInChina();
    const m = checkMonth(month ?? today.slice(0, 7), '月份');
    const asOf = lastDay(m) < today ? lastDay(m) : today;
    const patterns = jurisdictionPatterns(ctx.principal);
    const rows = await countWork(ctx.db, patterns, ctx.principal.jurisdiction, 9, asOf);
    await ctx.db.transaction(async (db) => {
      const col = <K extends keyof ScorecardRow>(k: K) => rows.map((r) => r[k]);
      await db.query(
        `INSERT INTO ledger_stat_month (month, region, as_of, children, left_behind, with_agreement, visited_in_time, new_cases,
                                        cases_closed, closed_in_time, directors, trained_directors, counted_by)
         SELECT $1::date, r.*, $13 FROM unnest($2::text[], $3::date[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                                               $10::int[], $11::int[], $12::int[]) AS r
         ON CONFLICT (month, region) DO UPDATE SET as_of = excluded.as_of, children = excluded.children,
           left_behind = excluded.left_behind, with_agreement = excluded.with_agreement, visited_in_time = excluded.visited_in_time,
           new_cases = excluded.new_cases, cases_closed = excluded.cases_closed, closed_in_time = excluded.closed_in_time,
           directors = excluded.directors, trained_directors = excluded.trained_directors,
           counted_at = clock_timestamp(), counted_by = excluded.counted_by`,
        [
          `${m}-01`,
          col('region'),
          rows.map(() => asOf),
          col('children'),
          col('leftBehind'),
          col('withAgreement'),
          col('visitedInTime'),
          col('newCases'),
          col('casesClosed'),
          col('closedInTime'),
          col('directors'),
          col('trainedDirectors'),
          ctx.principal.sub,
        ],
      );
      // A township counted before and empty now (its children moved away) keeps its row, with nothing in it.
      await db.query(
        `UPDATE ledger_stat_month SET as_of = $3, children = 0, left_behind = 0, with_agreement = 0, visited_in_time = 0, new_cases = 0,
                cases_closed = 0, closed_in_time = 0, directors = 0, trained_directors = 0, counted_at = clock_timestamp(), counted_by = $4
          WHERE month = $1::date AND region LIKE ANY($2) AND region <> ALL($5::text[])`,
        [`${m}-01`, patterns, asOf, ctx.principal.sub, rows.map((r) => r.region)],
      );
    });
    return { month: m, asOf, townships: rows.length };
  }

  @RequiresScopes('welfare:read', 'case:task')
  @Query(() => [LedgerStatMonth], {
    description: '台账统计的月度趋势（默认最近 12 个月，最长 36 个月）：按下一级区划（至乡镇），仅调用者辖区内；未统计的月份不列出',
  })
  async ledgerStatistics(
    @Arg('regionPrefix', () => String, { nullable: true, description: '统计此区划（默认调用者的辖区）' }) regionPrefix: string | null,
    @Arg('fromMonth', () => String, { nullable: true, description: '起始月份（YYYY-MM，默认 11 个月前）' }) fromMonth: string | null,
    @Arg('toMonth', () => String, { nullable: true, description: '截止月份（YYYY-MM，默认本月）' }) toMonth: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerStatMonth[]> {
    civilAffairsOnly(ctx, '台账统计');
    const to = checkMonth(toMonth ?? todayInChina().slice(0, 7), '截止月份');
    const from = checkMonth(fromMonth ?? monthsBefore(to, 11), '起始月份');
    if (from > to) throw badUserInput('起始月份不能晚于截止月份');
    if (monthsBetween(from, to) > MAX_MONTHS) throw badUserInput(`一次最多统计 ${MAX_MONTHS} 个月`);
    const prefixes = regionPrefix ? [checkRegionPrefix(regionPrefix)] : ctx.principal.jurisdiction;
    // Kept per township: a township's user reads their township itself.
    const digits = Math.min(nextLevel(Math.min(...prefixes.map((p) => p.length))), 9);
    const rows = (await ctx.db.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, region, to_char(as_of, 'YYYY-MM-DD') AS as_of, children, left_behind, with_agreement,
              visited_in_time, new_cases, cases_closed, closed_in_time, directors, trained_directors
         FROM ledger_stat_month
        WHERE month BETWEEN $1::date AND $2::date AND region LIKE ANY($3) AND region LIKE ANY($4)
        ORDER BY month, region`,
      [`${from}-01`, `${to}-01`, jurisdictionPatterns(ctx.principal), prefixes.map((p) => `${p}%`)],
    )) as Record<string, string | number>[];
    const months = new Map<string, { asOf: string; rows: ScorecardRow[] }>();
    for (const r of rows) {
      const m = months.get(r.month as string) ?? { asOf: r.as_of as string, rows: [] };
      if ((r.as_of as string) > m.asOf) m.asOf = r.as_of as string;
      m.rows.push({
        region: r.region as string,
        children: r.children as number,
        leftBehind: r.left_behind as number,
        withAgreement: r.with_agreement as number,
        visitedInTime: r.visited_in_time as number,
        newCases: r.new_cases as number,
        casesClosed: r.cases_closed as number,
        closedInTime: r.closed_in_time as number,
        directors: r.directors as number,
        trainedDirectors: r.trained_directors as number,
      });
      months.set(r.month as string, m);
    }
    return [...months.entries()].map(([month, m]) => ({
      month,
      asOf: m.asOf,
      areas: rollUp(m.rows, digits),
      total: sumRows(m.rows, prefixes.join(',')),
    }));
  }
}
