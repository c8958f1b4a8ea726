import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { SCREENING_ROUND_KIND, SCREENING_ROUND_STATUS, todayInChina, underAnyPrefix, type CodeOf } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { checkRequestKey, DateScalar, registerCodeList, requestKeyReused, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { crossCheckPolicy } from '../crosschecks/policy';
import { civilAffairsOnly } from './civil-affairs-only';

/**
 * Screening rounds (摸底排查, docs/ledger.md#screening-rounds). A district or the city opens a round for an area with
 * a date it is due by — the twice-yearly screening of the ledger's children (一年两排), the quarterly sweep of migrant
 * children (004: 每季度开展一次摸底排查) or a special round. Each village reports what it found: how many children it
 * checked, how many it newly registered and how many records changed. Completion is shown by township and village, with
 * the children every round must see at home (001: 无人监护…残疾患病…每次排查必须100%走访) counted from the visits
 * recorded since the round opened. The district closes the round; a village may not report into a closed one.
 */
export const ScreeningRoundKind = registerCodeList(SCREENING_ROUND_KIND);
export type ScreeningRoundKind = CodeOf<typeof SCREENING_ROUND_KIND>;

export const ScreeningRoundStatus = registerCodeList(SCREENING_ROUND_STATUS);
export type ScreeningRoundStatus = CodeOf<typeof SCREENING_ROUND_STATUS>;

/** A round's area: a city, a district or a township (a village reports; it is not a round's area). */
const ROUND_REGION = /^(\d{4}|\d{6}|\d{9})$/;
const VILLAGE = /^\d{12}$/;
/** Most a village may report for one count (a village's children, with room to spare). */
const MAX_COUNT = 100_000;
/** Longest a round may run. */
const MAX_ROUND_DAYS = 366;

@RequiresScopes('welfare:read')
@ObjectType({ description: '摸底排查完成情况（某一区划）' })
export class ScreeningProgress {
  @Field(() => String, { description: '区划代码' })
  region!: string;

  @Field(() => Int, { description: '应报送的村（社区）数：有台账儿童或儿童主任的村' })
  villages!: number;

  @Field(() => Int, { description: '已报送的村（社区）数' })
  villagesReported!: number;

  @Field(() => Int, { description: '排查范围内的台账儿童数（流动儿童季度排查为流动儿童）' })
  childrenInScope!: number;

  @Field(() => Int, { description: '各村报送的已排查儿童数' })
  childrenChecked!: number;

  @Field(() => Int, { description: '各村报送的新纳入台账儿童数' })
  newlyRegistered!: number;

  @Field(() => Int, { description: '各村报送的信息变更儿童数' })
  changed!: number;

  @Field(() => Int, { description: '每次排查必须入户走访的重点儿童数' })
  priorityChildren!: number;

  @Field(() => Int, { description: '其中本轮开始后已入户走访' })
  priorityVisited!: number;

  @Field(() => String, { nullable: true, description: '最近一次报送时间（ISO 8601）' })
  lastReportedAt!: string | null;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '一轮摸底排查' })
export class ScreeningRound {
  @Field(() => ID, { description: '排查编号' })
  id!: string;

  @Field(() => ScreeningRoundKind, { description: '排查类型' })
  kind!: ScreeningRoundKind;

  @Field(() => String, { description: '名称' })
  title!: string;

  @Field(() => String, { description: '排查区划（市、区县或乡镇）' })
  region!: string;

  @Field(() => DateScalar, { description: '开始日期' })
  openedOn!: string;

  @Field(() => DateScalar, { description: '完成期限' })
  dueOn!: string;

  @Field(() => ScreeningRoundStatus, { description: '状态' })
  status!: ScreeningRoundStatus;

  @Field(() => String, { nullable: true, description: '结束时间（ISO 8601）' })
  closedAt!: string | null;

  @Field(() => String, { nullable: true, description: '结束说明（尚有村未报送时必填）' })
  closeNote!: string | null;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '一个村（社区）的一次报送' })
export class ScreeningReport {
  @Field(() => ID, { description: '报送编号' })
  id!: string;

  @Field(() => ID, { description: '排查编号' })
  roundId!: string;

  @Field(() => String, { description: '村（社区）区划代码' })
  villageCode!: string;

  @Field(() => Int, { description: '已排查儿童数' })
  childrenChecked!: number;

  @Field(() => Int, { description: '新纳入台账儿童数' })
  newlyRegistered!: number;

  @Field(() => Int, { description: '信息变更儿童数' })
  changed!: number;

  @Field(() => String, { nullable: true, description: '说明' })
  notes!: string | null;

  @Field(() => String, { description: '报送时间（ISO 8601）' })
  reportedAt!: string;
}

@InputType({ description: '部署一轮摸底排查' })
export class OpenScreeningRoundInput {
  @Field(() => ScreeningRoundKind, { description: '排查类型' })
  kind!: ScreeningRoundKind;

  @Field(() => String, { description: '名称（如「2026年下半年农村留守儿童和困境儿童摸底排查」）' })
  title!: string;

  @Field(() => String, { description: '排查区划：市（4位）、区县（6位）或乡镇（9位），须在本人辖区内' })
  region!: string;

  @Field(() => DateScalar, { description: '完成期限（今天之后，最长一年）' })
  dueOn!: string;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发，记录不会重复' })
  requestKey!: string;
}

@InputType({ description: '一个村（社区）的排查结果' })
export class ReportScreeningInput {
  @Field(() => ID, { description: '排查编号' })
  roundId!: string;

  @Field(() => String, { description: '村（社区）区划代码（12位），须在本人辖区和排查区划内' })
  villageCode!: string;

  @Field(() => Int, { description: '已排查儿童数' })
  childrenChecked!: number;

  @Field(() => Int, { description: '新纳入台账儿童数（不超过已排查数）' })
  newlyRegistered!: number;

  @Field(() => Int, { description: '信息变更儿童数（不超过已排查数）' })
  changed!: number;

  @Field(() => String, { nullable: true, description: '说明（最多 1000 字）' })
  notes?: string | null;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发，记录不会重复' })
  requestKey!: string;
}

@InputType({ description: '结束一轮摸底排查' })
export class CloseScreeningRoundInput {
  @Field(() => ID, { description: '排查编号' })
  roundId!: string;

  @Field(() => String, { nullable: true, description: '结束说明；尚有村未报送时必填' })
  note?: string | null;
}

interface RoundRow {
  id: string;
  kind: ScreeningRoundKind;
  title: string;
  region: string;
  opened_on: string;
  due_on: string;
  status: ScreeningRoundStatus;
  closed_at: Date | null;
  close_note: string | null;
}

function toRound(r: RoundRow): ScreeningRound {
  return {
    id: String(r.id),
    kind: r.kind,
    title: r.title,
    region: r.region,
    openedOn: r.opened_on,
    dueOn: r.due_on,
    status: r.status,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    closeNote: r.close_note,
  };
}

const ROUND_COLUMNS = `id, kind, title, region, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
  status, closed_at, close_note`;

function checkCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_COUNT) throw badUserInput(`${what}须为 0 到 ${MAX_COUNT} 的整数`);
  return n;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A round the caller may see: its area inside the caller's jurisdiction, or the caller's jurisdiction inside its area
 * (a village's director sees the district's round). Refused with the same words whether the round exists or not.
 */
async function visibleRound(ctx: SubgraphContext, id: string): Promise<RoundRow> {
  if (!/^\d{1,18}$/.test(id)) throw badUserInput('排查编号无效');
  const [round] = (await ctx.db.query(
    `SELECT ${ROUND_COLUMNS} FROM screening_round
      WHERE id = $1 AND (region LIKE ANY($2) OR EXISTS (SELECT 1 FROM unnest($3::text[]) j WHERE j LIKE region || '%'))`,
    [id, jurisdictionPatterns(ctx.principal), ctx.principal.jurisdiction],
  )) as RoundRow[];
  if (!round) throw new GraphQLError('该排查不在您的辖区内', { extensions: { code: 'FORBIDDEN' } });
  return round;
}

@Resolver(() => ScreeningRound)
export class ScreeningResolver {
  @RequiresScopes('welfare:read')
  @Query(() => [ScreeningRound], {
    description: '摸底排查：本人辖区内部署的、以及覆盖本人辖区的各轮排查（进行中的在前，最近的在前，最多 50 轮）',
  })
  async screeningRounds(
    @Arg('status', () => ScreeningRoundStatus, { nullable: true, description: '只列此状态' }) status: ScreeningRoundStatus | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScreeningRound[]> {
    civilAffairsOnly(ctx, '摸底排查');
    const rows = (await ctx.db.query(
      `SELECT ${ROUND_COLUMNS} FROM screening_round
        WHERE (region LIKE ANY($1) OR EXISTS (SELECT 1 FROM unnest($2::text[]) j WHERE j LIKE region || '%'))
          AND ($3::text IS NULL OR status = $3)
        ORDER BY status = 'OPEN' DESC, opened_on DESC, id DESC LIMIT 50`,
      [jurisdictionPatterns(ctx.principal), ctx.principal.jurisdiction, status],
    )) as RoundRow[];
    return rows.map(toRound);
  }

  @RequiresScopes('welfare:read')
  @Query(() => ScreeningRound, { description: '一轮摸底排查' })
  async screeningRound(@Arg('id', () => ID, { description: '排查编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<ScreeningRound> {
    civilAffairsOnly(ctx, '摸底排查');
    return toRound(await visibleRound(ctx, id));
  }

  @FieldResolver(() => [ScreeningProgress], {
    description: '完成情况：按乡镇（level 9）或村（level 12），仅本人辖区内；默认排查区划的下一级',
  })
  async areas(
    @Root() round: ScreeningRound,
    @Arg('level', () => Int, { nullable: true, description: '区划位数：9 乡镇，12 村（社区）' }) level: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScreeningProgress[]> {
    const digits = level ?? (round.region.length < 9 ? 9 : 12);
    if (digits !== 9 && digits !== 12) throw badUserInput('level 须为 9（乡镇）或 12（村）');
    const villages = await villageProgress(ctx, round);
    return aggregate(villages, digits);
  }

  @FieldResolver(() => ScreeningProgress, { description: '合计（仅本人辖区内）' })
  async total(@Root() round: ScreeningRound, @Ctx() ctx: SubgraphContext): Promise<ScreeningProgress> {
    const villages = await villageProgress(ctx, round);
    return { ...(aggregate(villages, 0)[0] ?? emptyProgress('')), region: round.region };
  }

  @FieldResolver(() => [ScreeningReport], { description: '各村的报送（每村最新一次在前；仅本人辖区内）' })
  async reports(@Root() round: ScreeningRound, @Ctx() ctx: SubgraphContext): Promise<ScreeningReport[]> {
    const rows = (await ctx.db.query(
      `SELECT DISTINCT ON (village_code) id, round_id, village_code, children_checked, newly_registered, changed, notes, reported_at
         FROM screening_report WHERE round_id = $1 AND village_code LIKE ANY($2)
        ORDER BY village_code, reported_at DESC, id DESC`,
      [round.id, jurisdictionPatterns(ctx.principal)],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r.id),
      roundId: String(r.round_id),
      villageCode: r.village_code as string,
      childrenChecked: r.children_checked as number,
      newlyRegistered: r.newly_registered as number,
      changed: r.changed as number,
      notes: (r.notes as string | null) ?? null,
      reportedAt: (r.reported_at as Date).toISOString(),
    }));
  }

  @RequiresScopes('welfare:write')
  @Mutation(() => ScreeningRound, {
    description: '部署一轮摸底排查（区县、市级民政）；同一 requestKey 重发只记一次',
  })
  async openScreeningRound(
    @Arg('input', () => OpenScreeningRoundInput, { description: '排查内容' }) input: OpenScreeningRoundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScreeningRound> {
    civilAffairsOnly(ctx, '摸底排查');
    const key = checkRequestKey(input.requestKey);
    const title = input.title?.trim();
    if (!title || title.length > 100) throw badUserInput('请填写名称（最多 100 字）');
    if (!ROUND_REGION.test(input.region)) throw badUserInput('排查区划须为市（4位）、区县（6位）或乡镇（9位）代码');
    if (!underAnyPrefix(input.region, ctx.principal.jurisdiction)) {
      throw new GraphQLError('排查区划须在您的辖区内', { extensions: { code: 'FORBIDDEN' } });
    }
    const today = todayInChina();
    if (input.dueOn <= today) throw badUserInput('完成期限须晚于今天');
    if (input.dueOn > addDays(today, MAX_ROUND_DAYS)) throw badUserInput(`完成期限最长为 ${MAX_ROUND_DAYS} 天后`);
    const inserted = (await ctx.db.query(
      `INSERT INTO screening_round (kind, title, region, opened_on, due_on, opened_by, request_id, request_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_key) DO NOTHING RETURNING ${ROUND_COLUMNS}`,
      [input.kind, title, input.region, today, input.dueOn, ctx.principal.sub, ctx.requestId, key],
    )) as RoundRow[];
    if (inserted.length) return toRound(inserted[0]);
    const [earlier] = (await ctx.db.query(`SELECT ${ROUND_COLUMNS}, opened_by FROM screening_round WHERE request_key = $1`, [
      key,
    ])) as (RoundRow & {
      opened_by: string;
    })[];
    if (!earlier || earlier.opened_by !== ctx.principal.sub || earlier.region !== input.region) throw requestKeyReused();
    return toRound(earlier);
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => ScreeningReport, {
    description:
      '报送一个村（社区）的排查结果（儿童主任、儿童督导员、区县民政工作人员）；再次报送以最新一次为准；同一 requestKey 重发只记一次',
  })
  async reportScreening(
    @Arg('input', () => ReportScreeningInput, { description: '排查结果' }) input: ReportScreeningInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScreeningReport> {
    civilAffairsOnly(ctx, '摸底排查');
    const key = checkRequestKey(input.requestKey);
    const round = await visibleRound(ctx, input.roundId);
    if (!VILLAGE.test(input.villageCode)) throw badUserInput('村（社区）区划代码须为 12 位数字');
    if (!input.villageCode.startsWith(round.region) || !underAnyPrefix(input.villageCode, ctx.principal.jurisdiction)) {
      throw new GraphQLError('该村（社区）不在本轮排查范围或您的辖区内', { extensions: { code: 'FORBIDDEN' } });
    }
    const checked = checkCount(input.childrenChecked, '已排查儿童数');
    const added = checkCount(input.newlyRegistered, '新纳入台账儿童数');
    const changed = checkCount(input.changed, '信息变更儿童数');
    if (added > checked || changed > checked) throw badUserInput('新纳入和信息变更的儿童数都不能超过已排查儿童数');
    const notes = input.notes?.trim() || null;
    if (notes && notes.length > 1000) throw badUserInput('说明最多 1000 字');
    const columns = `id, round_id, village_code, children_checked, newly_registered, changed, notes, reported_at`;
    const [earlier] = (await ctx.db.query(`SELECT ${columns}, reported_by FROM screening_report WHERE request_key = $1`, [key])) as Record<
      string,
      unknown
    >[];
    let row = earlier;
    if (earlier) {
      if (
        earlier.reported_by !== ctx.principal.sub ||
        String(earlier.round_id) !== round.id ||
        earlier.village_code !== input.villageCode
      ) {
        throw requestKeyReused();
      }
    } else {
      if (round.status === 'CLOSED') throw badUserInput('本轮排查已结束，不能再报送');
      const inserted = (await ctx.db.query(
        `INSERT INTO screening_report (round_id, village_code, children_checked, newly_registered, changed, notes, reported_by,
                                       reporter_roles, request_id, request_key)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM screening_round WHERE id = $1 AND status = 'OPEN' FOR SHARE
         ON CONFLICT (request_key) DO NOTHING RETURNING ${columns}, reported_by`,
        [round.id, input.villageCode, checked, added, changed, notes, ctx.principal.sub, ctx.principal.roles, ctx.requestId, key],
      )) as Record<string, unknown>[];
      row = inserted[0];
      if (!row) {
        // Closed meanwhile, or the same key arrived twice at once: the second arrival reads what the first wrote.
        const [now] = (await ctx.db.query(`SELECT ${columns}, reported_by FROM screening_report WHERE request_key = $1`, [key])) as Record<
          string,
          unknown
        >[];
        if (!now) throw badUserInput('本轮排查已结束，不能再报送');
        if (now.reported_by !== ctx.principal.sub || String(now.round_id) !== round.id || now.village_code !== input.villageCode) {
          throw requestKeyReused();
        }
        row = now;
      }
    }
    return {
      id: String(row.id),
      roundId: String(row.round_id),
      villageCode: row.village_code as string,
      childrenChecked: row.children_checked as number,
      newlyRegistered: row.newly_registered as number,
      changed: row.changed as number,
      notes: (row.notes as string | null) ?? null,
      reportedAt: (row.reported_at as Date).toISOString(),
    };
  }

  @RequiresScopes('welfare:write')
  @Mutation(() => ScreeningRound, {
    description: '结束一轮摸底排查（其区划在本人辖区内的区县、市级民政）；尚有村未报送时须说明原因；已结束的原样返回',
  })
  async closeScreeningRound(
    @Arg('input', () => CloseScreeningRoundInput, { description: '结束' }) input: CloseScreeningRoundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScreeningRound> {
    civilAffairsOnly(ctx, '摸底排查');
    const round = toRound(await visibleRound(ctx, input.roundId));
    if (!underAnyPrefix(round.region, ctx.principal.jurisdiction)) {
      throw new GraphQLError('只有部署本轮排查的区县或市级民政可以结束它', { extensions: { code: 'FORBIDDEN' } });
    }
    if (round.status === 'CLOSED') return round;
    const note = input.note?.trim() || null;
    if (note && note.length > 1000) throw badUserInput('结束说明最多 1000 字');
    const total = aggregate(await villageProgress(ctx, round), 0)[0];
    const missing = total ? total.villages - total.villagesReported : 0;
    if (missing > 0 && !note) throw badUserInput(`尚有 ${missing} 个村（社区）未报送；如需结束，请填写结束说明`);
    // TypeORM answers an UPDATE … RETURNING with [rows, count]. Closed by someone else meanwhile: read it as it is.
    const [[closed]] = (await ctx.db.query(
      `UPDATE screening_round SET status = 'CLOSED', closed_at = clock_timestamp(), closed_by = $2, close_note = $3
        WHERE id = $1 AND status = 'OPEN' RETURNING ${ROUND_COLUMNS}`,
      [round.id, ctx.principal.sub, note],
    )) as [RoundRow[], number];
    return closed ? toRound(closed) : toRound(await visibleRound(ctx, round.id));
  }
}

interface VillageRow {
  village: string;
  in_scope: number;
  priority: number;
  priority_visited: number;
  reported: boolean;
  children_checked: number;
  newly_registered: number;
  changed: number;
  reported_at: Date | null;
}

/**
 * One row per village of the round inside the caller's jurisdiction: a village with ledger children living there or a
 * child director. Counted once per request (both `areas` and `total` read it).
 */
function villageProgress(ctx: SubgraphContext, round: ScreeningRound): Promise<VillageRow[]> {
  return ctx.loaders
    .many(
      'screeningVillages',
      async (ids: string[]) => {
        const out: (VillageRow & { round: string })[] = [];
        const policy = crossCheckPolicy();
        for (const id of ids) {
          const rows = (await ctx.db.query(VILLAGE_PROGRESS_SQL, [
            id,
            jurisdictionPatterns(ctx.principal),
            policy.screeningPriorityCategories,
            policy.screeningPriorityColours,
            todayInChina(),
            policy.visitMethodsCounted,
          ])) as VillageRow[];
          for (const r of rows) out.push({ ...r, round: id });
        }
        return out;
      },
      (r) => r.round,
    )
    .load(round.id);
}

const VILLAGE_PROGRESS_SQL = `
  WITH r AS (SELECT id, region, kind, opened_on, coalesce((closed_at AT TIME ZONE 'Asia/Shanghai')::date, $5::date) AS until
               FROM screening_round WHERE id = $1),
  v AS (
    SELECT c.residence_region AS village FROM child_record c, r
     WHERE length(c.residence_region) = 12 AND c.residence_region LIKE r.region || '%' AND c.residence_region LIKE ANY($2)
    UNION
    SELECT d.village_code FROM child_director d, r
     WHERE d.village_code LIKE r.region || '%' AND d.village_code LIKE ANY($2)),
  c AS (
    SELECT c.residence_region AS village,
           count(*)::int AS in_scope,
           count(*) FILTER (WHERE c.categories && $3::text[] OR c.risk_colour = ANY($4))::int AS priority,
           count(*) FILTER (WHERE (c.categories && $3::text[] OR c.risk_colour = ANY($4)) AND EXISTS (
             SELECT 1 FROM visit x WHERE x.child_id = c.id AND x.method = ANY($6)
                AND x.visited_on >= r.opened_on AND x.visited_on <= r.until))::int AS priority_visited
      FROM child_record c, r
     WHERE c.residence_region LIKE r.region || '%' AND c.residence_region LIKE ANY($2)
       AND (r.kind <> 'MIGRANT_QUARTERLY' OR 'MIGRANT' = ANY(c.categories))
     GROUP BY 1),
  s AS (
    SELECT DISTINCT ON (village_code) village_code, children_checked, newly_registered, changed, reported_at
      FROM screening_report WHERE round_id = $1 AND village_code LIKE ANY($2)
     ORDER BY village_code, reported_at DESC, id DESC)
  SELECT v.village, coalesce(c.in_scope, 0) AS in_scope, coalesce(c.priority, 0) AS priority,
         coalesce(c.priority_visited, 0) AS priority_visited, s.village_code IS NOT NULL AS reported,
         coalesce(s.children_checked, 0) AS children_checked, coalesce(s.newly_registered, 0) AS newly_registered,
         coalesce(s.changed, 0) AS changed, s.reported_at
    FROM v LEFT JOIN c ON c.village = v.village LEFT JOIN s ON s.village_code = v.village
   ORDER BY v.village`;

function emptyProgress(region: string): ScreeningProgress {
  return {
    region,
    villages: 0,
    villagesReported: 0,
    childrenInScope: 0,
    childrenChecked: 0,
    newlyRegistered: 0,
    changed: 0,
    priorityChildren: 0,
    priorityVisited: 0,
    lastReportedAt: null,
  };
}

/** Village rows summed by the first `digits` of the code (0: one total row). */
function aggregate(villages: VillageRow[], digits: number): ScreeningProgress[] {
  const by = new Map<string, ScreeningProgress>();
  for (const v of villages) {
    const region = v.village.slice(0, digits);
    let p = by.get(region);
    if (!p) by.set(region, (p = emptyProgress(region)));
    p.villages += 1;
    p.villagesReported += v.reported ? 1 : 0;
    p.childrenInScope += v.in_scope;
    p.childrenChecked += v.children_checked;
    p.newlyRegistered += v.newly_registered;
    p.changed += v.changed;
    p.priorityChildren += v.priority;
    p.priorityVisited += v.priority_visited;
    const at = v.reported_at?.toISOString() ?? null;
    if (at && (!p.lastReportedAt || at > p.lastReportedAt)) p.lastReportedAt = at;
  }
  return [...by.values()].sort((a, b) => a.region.localeCompare(b.region));
}
