import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import {
  checkPageSize,
  checkRegionPrefix,
  DateScalar,
  decodeCursor,
  PageInfo,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { crossCheckPolicy } from '../crosschecks/policy';
import { visitIntervalSql } from './visit-interval.sql';
import { Child } from '../entities/child.type';
import { RiskColour } from '../entities/child-record.entity';

/**
 * The children a child director (or a township supervisor, a district caseworker) must visit next
 * (docs/ledger.md#children-due-a-visit): every ledger child living in the caller's jurisdiction with the date of its
 * last home visit and the day the next one is due — the last home visit plus the child's interval, as
 * CARE-VISIT-OVERDUE and the scorecard read it (`visitIntervalDays` by colour, `raisedVisitIntervalDays` for the
 * raised categories and for a raising factor of the latest assessment, only `visitMethodsCounted` counting) — never-visited children first, then most overdue first.
 * Counted live in SQL on today's date: a home visit recorded now moves the child at once; a phone call does not.
 */
@RequiresScopes('welfare:read')
@ObjectType({ description: '待走访儿童（一条）' })
export class VisitDue {
  @Field(() => Child, { description: '儿童（姓名等经 child 查询，按角色权限）' })
  child!: Child;

  @Field(() => String, { description: '实际居住地区划代码（村、社区）' })
  residenceRegion!: string;

  @Field(() => RiskColour, { description: '四色管理风险等级' })
  riskColour!: RiskColour;

  @Field(() => Int, { nullable: true, description: '走访间隔（天：按风险等级，残疾、重病儿童加密；政策未列出该等级为空）' })
  intervalDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: '最近一次入户走访日期（从未入户走访为空；电话、视频、到校不计）' })
  lastHomeVisitOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '下次入户走访最迟日期（最近一次入户走访 + 走访间隔；从未入户走访为空）' })
  dueOn!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '逾期天数（今天 − 最迟日期；0 为今天到期，负数为还剩几天；无最迟日期为空）',
  })
  daysOverdue!: number | null;

  @Field(() => Boolean, { description: '是否已逾期（从未入户走访，或今天已晚于最迟日期）' })
  overdue!: boolean;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '待走访儿童分页（从未入户走访的在前，其次逾期最久的在前）' })
export class VisitDuePage {
  @Field(() => [VisitDue], { description: '本页' })
  nodes!: VisitDue[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '符合条件的儿童总数（不受分页影响）' })
  totalCount!: number;

  @Field(() => Int, { description: '其中已逾期（含从未入户走访）' })
  overdueCount!: number;

  @Field(() => DateScalar, { description: '计算日（今天，北京时间）' })
  asOf!: string;
}

/** A page's key: the due date ('' for none: those come first) and the child's id. */
const CURSOR = /^(\d{4}-\d{2}-\d{2})?\|[A-Za-z0-9_-]{1,64}$/;
/** At most this far ahead for `dueWithinDays` (a year: the longest interval is a month). */
const MAX_AHEAD = 366;

interface Row {
  id: string;
  residence_region: string;
  risk_colour: RiskColour;
  interval_days: number | null;
  last_home: string | null;
  due_on: string | null;
  days_overdue: number | null;
}

@Resolver()
export class VisitsDueResolver {
  @RequiresScopes('welfare:read', 'ledger:write')
  @Query(() => VisitDuePage, {
    description:
      '待走访儿童（一月一访）：调用者辖区内居住的台账儿童，最近一次入户走访与下次最迟日期；从未入户走访的在前，其次逾期最久的在前（儿童主任、儿童督导员、区县民政工作人员）',
  })
  async visitsDue(
    @Arg('first', () => Int, { defaultValue: 20, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Arg('regionPrefix', () => String, { nullable: true, description: '只列居住在此区划内的儿童（默认调用者的整个辖区）' })
    regionPrefix: string | null,
    @Arg('dueWithinDays', () => Int, {
      nullable: true,
      description: '只列已逾期、从未入户走访，或在此天数内到期的儿童（0 为今天到期；省略则列出全部）',
    })
    dueWithinDays: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VisitDuePage> {
    checkPageSize(first);
    if (regionPrefix != null) checkRegionPrefix(regionPrefix);
    if (dueWithinDays != null && (!Number.isInteger(dueWithinDays) || dueWithinDays < 0 || dueWithinDays > MAX_AHEAD)) {
      throw badUserInput(`dueWithinDays 须在 0 到 ${MAX_AHEAD} 之间: ${dueWithinDays}`);
    }
    const key = decodeCursor(after, CURSOR);
    const today = todayInChina();
    const policy = crossCheckPolicy();
    // The children who live in the jurisdiction: they are the ones visited at home there (a migrant child whose hukou
    // is here is visited where it lives), as the scorecard counts them.
    const interval = visitIntervalSql('$3', 5);
    const params: unknown[] = [
      jurisdictionPatterns(ctx.principal),
      [`${regionPrefix ?? ''}%`],
      today,
      policy.visitMethodsCounted,
      ...interval.params,
    ];
    const due = `WITH due AS (
      SELECT c.id, c.residence_region, c.risk_colour, last.visited_on AS last_home, ${interval.sql} AS interval_days
        FROM child_record c
        LEFT JOIN LATERAL (
          SELECT max(v.visited_on) AS visited_on FROM visit v
           WHERE v.child_id = c.id AND v.method = ANY($4) AND v.visited_on <= $3::date
        ) last ON TRUE
       WHERE c.residence_region LIKE ANY($1) AND c.residence_region LIKE ANY($2)
    ), dated AS (
      SELECT due.*, last_home + interval_days AS due_on FROM due
    )`;
    const conds: string[] = ['TRUE'];
    if (dueWithinDays != null) {
      params.push(dueWithinDays);
      conds.push(`(due_on IS NULL OR due_on <= $3::date + $${params.length}::int)`);
    }
    const where = conds.join(' AND ');
    const [counts] = (await ctx.db.query(
      `${due} SELECT count(*)::int AS total,
              count(*) FILTER (WHERE last_home IS NULL OR due_on < $3::date)::int AS overdue
         FROM dated WHERE ${where}`,
      params,
    )) as { total: number; overdue: number }[];
    const pageParams = [...params];
    let pageWhere = where;
    if (key) {
      const [dueOn, id] = key.split('|');
      pageParams.push(id);
      const idParam = `$${pageParams.length}`;
      if (dueOn) {
        pageParams.push(dueOn);
        pageWhere += ` AND due_on IS NOT NULL AND (due_on, id) > ($${pageParams.length}::date, ${idParam})`;
      } else {
        pageWhere += ` AND (due_on IS NOT NULL OR id > ${idParam})`;
      }
    }
    const rows = (await ctx.db.query(
      `${due} SELECT id, residence_region, risk_colour, interval_days, last_home::text AS last_home, due_on::text AS due_on,
              ($3::date - due_on)::int AS days_overdue
         FROM dated WHERE ${pageWhere}
        ORDER BY due_on ASC NULLS FIRST, id ASC LIMIT ${first + 1}`,
      pageParams,
    )) as Row[];
    const page = toPage(rows, first, (r) => `${r.due_on ?? ''}|${r.id}`);
    return {
      nodes: page.nodes.map((r) => ({
        child: { id: r.id },
        residenceRegion: r.residence_region,
        riskColour: r.risk_colour,
        intervalDays: r.interval_days,
        lastHomeVisitOn: r.last_home,
        dueOn: r.due_on,
        daysOverdue: r.days_overdue,
        overdue: r.last_home === null || (r.days_overdue !== null && r.days_overdue > 0),
      })),
      pageInfo: page.pageInfo,
      totalCount: counts.total,
      overdueCount: counts.overdue,
      asOf: today,
    };
  }
}
