import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { checkRegionPrefix, DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { crossCheckPolicy } from '../crosschecks/policy';
import { visitIntervalSql } from './visit-interval.sql';
import { civilAffairsOnly } from './civil-affairs-only';

/**
 * The ledger work counted (docs/ledger.md#scorecard): per area one level below the one asked for, how many
 * left-behind children have a valid entrusted-care agreement (000: 100%签订委托照护协议书), how many ledger children
 * were visited at home within their interval (一月一访, by colour, raised for disability and serious illness — the
 * policy CARE-VISIT-OVERDUE reads), and the month's cases: opened, closed, and closed with every task answered by
 * its due date. Counted in SQL, inside the caller's jurisdiction, on the day asked for.
 */
@RequiresScopes('welfare:read')
@ObjectType({ description: '台账工作考核（某一区划）' })
export class ScorecardRow {
  @Field(() => String, { description: '区划代码' })
  region!: string;

  @Field(() => Int, { description: '台账儿童数（居住在此）' })
  children!: number;

  @Field(() => Int, { description: '农村留守儿童数' })
  leftBehind!: number;

  @Field(() => Int, { description: '其中委托照护协议在有效期内' })
  withAgreement!: number;

  @Field(() => Int, { description: '按期入户走访的儿童数（最近一次入户走访未超过其走访间隔）' })
  visitedInTime!: number;

  @Field(() => Int, { description: '本月新增个案' })
  newCases!: number;

  @Field(() => Int, { description: '本月办结个案' })
  casesClosed!: number;

  @Field(() => Int, { description: '其中各项任务均在期限内反馈' })
  closedInTime!: number;

  @Field(() => Int, { description: '儿童主任数' })
  directors!: number;

  @Field(() => Int, { description: '其中统计日前经培训合格（培训全覆盖）' })
  trainedDirectors!: number;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '台账工作考核' })
export class LedgerScorecard {
  @Field(() => DateScalar, { description: '统计日' })
  asOf!: string;

  @Field(() => String, { description: '统计月份（YYYY-MM，个案按此月计）' })
  month!: string;

  @Field(() => [ScorecardRow], { description: '下一级区划逐个（区县→乡镇，乡镇→村；村级为本村）' })
  areas!: ScorecardRow[];

  @Field(() => ScorecardRow, { description: '合计' })
  total!: ScorecardRow;
}

/** The digits of the level below a region code's (2→4→6→9→12; a village stays a village). */
export function nextLevel(digits: number): number {
  return digits < 4 ? 4 : digits < 6 ? 6 : digits < 9 ? 9 : 12;
}

@Resolver()
export class ScorecardResolver {
  @RequiresScopes('welfare:read', 'case:task')
  @Query(() => LedgerScorecard, {
    description: '台账工作考核：委托照护协议签订、按期入户走访、本月个案的新增与按期办结、儿童主任培训覆盖，按下一级区划（仅调用者辖区内）',
  })
  async ledgerScorecard(
    @Arg('regionPrefix', () => String, { nullable: true, description: '统计此区划（默认调用者的辖区）' }) regionPrefix: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '统计日（默认今天，北京时间）' }) asOf: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerScorecard> {
    civilAffairsOnly(ctx, '台账工作考核');
    const day = asOf ?? todayInChina();
    if (day > todayInChina()) throw badUserInput('统计日不能晚于今天');
    const prefixes = regionPrefix ? [checkRegionPrefix(regionPrefix)] : ctx.principal.jurisdiction;
    const digits = nextLevel(Math.min(...prefixes.map((p) => p.length)));
    const areas = await countWork(ctx.db, jurisdictionPatterns(ctx.principal), prefixes, digits, day);
    const total = sumRows(areas, prefixes.join(','));
    return { asOf: day, month: day.slice(0, 7), areas, total };
  }
}

const COUNTS = [
  'children',
  'leftBehind',
  'withAgreement',
  'visitedInTime',
  'newCases',
  'casesClosed',
  'closedInTime',
  'directors',
  'trainedDirectors',
] as const;

function emptyRow(region: string): ScorecardRow {
  return {
    region,
    children: 0,
    leftBehind: 0,
    withAgreement: 0,
    visitedInTime: 0,
    newCases: 0,
    casesClosed: 0,
    closedInTime: 0,
    directors: 0,
    trainedDirectors: 0,
  };
}

/** Rows summed into one, named `region`. */
export function sumRows(rows: readonly ScorecardRow[], region: string): ScorecardRow {
  const total = emptyRow(region);
  for (const r of rows) for (const k of COUNTS) total[k] += r[k];
  return total;
}

/** Rows summed by the first `digits` of their region code, in code order. */
export function rollUp(rows: readonly ScorecardRow[], digits: number): ScorecardRow[] {
  const by = new Map<string, ScorecardRow[]>();
  for (const r of rows) {
    const key = r.region.slice(0, digits);
    by.set(key, [...(by.get(key) ?? []), r]);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([region, rs]) => sumRows(rs, region));
}

/** Queryable: the manager both a request's connection and a transaction offer. */
type Db = Pick<SubgraphContext['db'], 'query'>;

/**
 * The work counted on `day` per area of `digits` digits, inside the jurisdiction patterns and the prefixes asked for:
 * ledger children, left-behind children with a valid agreement, children visited at home in time (the interval the
 * policy CARE-VISIT-OVERDUE reads, raised by category or by the latest assessment's factors), the month's cases (opened, closed, closed in time), and the child directors with
 * those trained by that day. One statement per family of figures.
 */
export async function countWork(db: Db, patterns: string[], prefixes: string[], digits: number, day: string): Promise<ScorecardRow[]> {
  const policy = crossCheckPolicy();
  const like = prefixes.map((p) => `${p}%`);
  const month = `${day.slice(0, 7)}-01`;
  const interval = visitIntervalSql('$4', 6);
  const children = (await db.query(
    `SELECT left(c.residence_region, $3) AS region,
            count(*)::int AS children,
            count(*) FILTER (WHERE 'LEFT_BEHIND' = ANY(c.categories))::int AS left_behind,
            count(*) FILTER (WHERE 'LEFT_BEHIND' = ANY(c.categories) AND EXISTS (
              SELECT 1 FROM care_agreement a WHERE a.child_id = c.id AND a.signed_on <= $4::date
                 AND (a.valid_until IS NULL OR a.valid_until >= $4::date)))::int AS with_agreement,
            count(*) FILTER (WHERE $4::date - (
              SELECT max(v.visited_on) FROM visit v WHERE v.child_id = c.id AND v.method = ANY($5) AND v.visited_on <= $4::date
            ) <= ${interval.sql})::int AS visited_in_time
       FROM child_record c
      WHERE c.residence_region LIKE ANY($1) AND c.residence_region LIKE ANY($2)
      GROUP BY 1 ORDER BY 1`,
    [patterns, like, digits, day, policy.visitMethodsCounted, ...interval.params],
  )) as Record<string, unknown>[];
  const cases = (await db.query(
    `SELECT left(h.place_region, $3) AS region,
            count(*) FILTER (WHERE h.opened_on >= $4::date AND h.opened_on < ($4::date + interval '1 month'))::int AS new_cases,
            count(*) FILTER (WHERE h.status = 'CLOSED' AND (h.closed_at AT TIME ZONE 'Asia/Shanghai')::date >= $4::date
                               AND (h.closed_at AT TIME ZONE 'Asia/Shanghai')::date < ($4::date + interval '1 month'))::int AS cases_closed,
            count(*) FILTER (WHERE h.status = 'CLOSED' AND (h.closed_at AT TIME ZONE 'Asia/Shanghai')::date >= $4::date
                               AND (h.closed_at AT TIME ZONE 'Asia/Shanghai')::date < ($4::date + interval '1 month')
                               AND NOT EXISTS (SELECT 1 FROM case_task t WHERE t.case_id = h.id
                                 AND (t.answered_at AT TIME ZONE 'Asia/Shanghai')::date > t.due_on))::int AS closed_in_time
       FROM hub_case h
      WHERE h.place_region LIKE ANY($1) AND h.place_region LIKE ANY($2) AND length(h.place_region) >= $3
      GROUP BY 1 ORDER BY 1`,
    [patterns, like, digits, month],
  )) as Record<string, unknown>[];
  const directors = (await db.query(
    `SELECT left(d.village_code, $3) AS region, count(*)::int AS directors,
            count(*) FILTER (WHERE d.trained_on <= $4::date OR EXISTS (
              SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed AND t.trained_on <= $4::date))::int AS trained
       FROM child_director d
      WHERE d.village_code LIKE ANY($1) AND d.village_code LIKE ANY($2)
      GROUP BY 1 ORDER BY 1`,
    [patterns, like, digits, day],
  )) as Record<string, unknown>[];
  const byRegion = new Map<string, ScorecardRow>();
  const row = (region: string): ScorecardRow => {
    let r = byRegion.get(region);
    if (!r) byRegion.set(region, (r = emptyRow(region)));
    return r;
  };
  for (const c of children) {
    Object.assign(row(c.region as string), {
      children: c.children,
      leftBehind: c.left_behind,
      withAgreement: c.with_agreement,
      visitedInTime: c.visited_in_time,
    });
  }
  for (const c of cases) {
    Object.assign(row(c.region as string), { newCases: c.new_cases, casesClosed: c.cases_closed, closedInTime: c.closed_in_time });
  }
  for (const d of directors) Object.assign(row(d.region as string), { directors: d.directors, trainedDirectors: d.trained });
  return [...byRegion.values()].filter((r) => r.region.length === digits).sort((a, b) => a.region.localeCompare(b.region));
}
