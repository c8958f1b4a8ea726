import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ALL_RULES, familyOf, holdsAll, isRuleId, RULE_NAMES, type RuleId } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import {
  checkPageSize,
  checkRegionPrefix,
  DateScalar,
  decodeCursor,
  ID_KEY_SHAPE,
  RequiresScopes,
  toPage,
  type SubgraphContext,
} from '@hub/subgraph-kit';
import { Child } from '../entities/child.type';
import { checkRules } from '../crosschecks/policy';
import { reasonScopes } from '../crosschecks/rules';
import { rosterQuery } from '../resolvers/roster.resolver';
import { closeByData, driveFlagged, REASON_WITHHELD, recordSeen, type FlaggedFinding } from '../cases/case.store';
import { mirrorFindingUpdate } from '../cases/case.actions';
import {
  ChildOutcomeInput,
  Finding,
  FindingFilter,
  FindingOrder,
  FindingPage,
  FindingStatus,
  ReconciliationRun,
  RuleCount,
  RunStatus,
} from './reconciliation.types';

/** A run whose heartbeat is older than this is no longer alive: its lock lapses and it may be resumed. */
const HEARTBEAT_TIMEOUT_SECONDS = Number(process.env.HUB_RUN_HEARTBEAT_TIMEOUT ?? 120);
const MAX_PAGE_CHILDREN = 5000;
/** Pages are recorded concurrently: the checkpoint only moves forward (by its `seq`), never back. */
const ADVANCE_CHECKPOINT = `CASE WHEN $3::jsonb IS NULL THEN checkpoint
  WHEN checkpoint IS NULL OR COALESCE((checkpoint->>'seq')::bigint, -1) <= COALESCE(($3::jsonb->>'seq')::bigint, -1) THEN $3::jsonb
  ELSE checkpoint END`;

type Db = SubgraphContext['db'];
type RunRow = Record<string, unknown>;

/**
 * A run as stored. Its counts are left to the `counts` field (summed over its pages only when asked for): a
 * page recorded by the job reads the run twice, and summing every page each time made a night quadratic in
 * its pages. A finished run keeps its counts in its summary.
 */
function toRun(r: RunRow): ReconciliationRun {
  const finished = r.status === RunStatus.COMPLETED || r.status === RunStatus.PARTIAL;
  return {
    id: r.id as string,
    asOf: r.as_of as string,
    region: r.region as string,
    rules: r.rules as string[],
    status: r.status as RunStatus,
    startedAt: (r.started_at as Date).toISOString(),
    finishedAt: r.finished_at ? (r.finished_at as Date).toISOString() : null,
    heartbeatAt: (r.heartbeat_at as Date).toISOString(),
    startedBy: r.started_by as string,
    checkpoint: r.checkpoint ? JSON.stringify(r.checkpoint) : null,
    pagesDone: r.pages_done as number,
    children: r.children as number,
    counts: finished ? (r.summary as { counts?: RuleCount[] } | null)?.counts : undefined,
    newFindings: 0,
    resolvedFindings: 0,
  };
}

/** Per-rule counts: the sum over the run's recorded pages (a page recorded twice counts once). */
async function countsOf(db: Db, runId: string): Promise<RuleCount[]> {
  const rows = (await db.query(
    `SELECT key AS rule,
            sum((value->>'flagged')::int) AS flagged, sum((value->>'clear')::int) AS clear,
            sum((value->>'inconclusive')::int) AS inconclusive, sum((value->>'unavailable')::int) AS unavailable
       FROM reconciliation_page, jsonb_each(counts) WHERE run_id = $1 GROUP BY key`,
    [runId],
  )) as { rule: string; flagged: string; clear: string; inconclusive: string; unavailable: string }[];
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  return ALL_RULES.filter((r) => byRule.has(r)).map((rule) => {
    const r = byRule.get(rule)!;
    return {
      rule,
      flagged: Number(r.flagged),
      clear: Number(r.clear),
      inconclusive: Number(r.inconclusive),
      unavailable: Number(r.unavailable),
    };
  });
}

/** Runs whose region overlaps the caller's jurisdiction (a province run covers a district, and the other way round). */
const RUN_VISIBLE = `(region LIKE ANY($JP) OR EXISTS (SELECT 1 FROM unnest($J::text[]) AS j(code) WHERE j.code LIKE region || '%'))`;
function runVisibility(ctx: SubgraphContext, first: number): { sql: string; params: unknown[] } {
  return {
    sql: RUN_VISIBLE.replace('$JP', `$${first}`).replace('$J', `$${first + 1}`),
    params: [jurisdictionPatterns(ctx.principal), ctx.principal.jurisdiction],
  };
}

function inJurisdiction(ctx: SubgraphContext, region: string): boolean {
  return ctx.principal.jurisdiction.some((j) => region.startsWith(j));
}

/** A run is written only by whoever started it (the service account, or the person who started it). */
function checkOwner(ctx: SubgraphContext, run: { startedBy: string; id: string }): void {
  if (run.startedBy !== ctx.principal.sub) {
    throw new GraphQLError(`核查任务 ${run.id} 由 ${run.startedBy} 发起，只能由其续跑、记录或结束`, { extensions: { code: 'FORBIDDEN' } });
  }
}

async function loadRun(db: Db, id: string): Promise<ReconciliationRun> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw badUserInput(`无效的任务标识: ${id}`);
  const rows = (await db.query('SELECT * FROM reconciliation_run WHERE id = $1', [id])) as RunRow[];
  if (!rows.length) throw badUserInput(`没有此核查任务: ${id}`);
  return toRun(rows[0]);
}

/**
 * A finding's reason and evidence repeat the facts its rule read; they are shown only to callers who could
 * read those facts themselves (the family's scopes), like the live check. Others see that it exists.
 */
function toFinding(r: RunRow, scopes?: readonly string[]): Finding {
  const entitled = !scopes || holdsAll(scopes, isRuleId(r.rule as string) ? reasonScopes(r.rule as RuleId) : ['crosscheck:run']);
  return {
    rule: r.rule as string,
    name: RULE_NAMES[r.rule as RuleId] ?? (r.rule as string),
    family: r.family as string,
    childId: r.child_id as string,
    child: { id: r.child_id as string },
    status: r.status as FindingStatus,
    reason: entitled ? (r.reason as string) : REASON_WITHHELD,
    evidence: entitled ? (r.evidence as Finding['evidence']) : [],
    region: r.region as string | null,
    firstSeenOn: r.first_seen_on as string,
    lastSeenOn: r.last_seen_on as string,
    resolvedOn: r.resolved_on as string | null,
    firstRun: r.first_run as string,
    lastRun: r.last_run as string,
    resolvedByRun: r.resolved_by_run as string | null,
    assignee: r.assignee as string | null,
    note: r.note as string | null,
    updatedAt: (r.updated_at as Date).toISOString(),
    updatedBy: r.updated_by as string,
  };
}

function findingWhere(ctx: SubgraphContext, f: FindingFilter, params: unknown[]): string {
  const conds: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replaceAll('?', `$${params.length}`));
  };
  // Row-level jurisdiction: the child's region (residence, or the discovery place) under a caller's prefix.
  add('region LIKE ANY(?)', jurisdictionPatterns(ctx.principal));
  if (f.rules?.length) add('rule = ANY(?)', checkRules(f.rules));
  if (f.families?.length) add('family = ANY(?)', f.families);
  if (f.statuses?.length) add('status = ANY(?)', f.statuses);
  if (f.regionPrefix) {
    checkRegionPrefix(f.regionPrefix);
    add('region LIKE ?', `${f.regionPrefix}%`);
  }
  if (f.riskColours?.length) {
    const bad = f.riskColours.filter((c) => !['RED', 'YELLOW', 'BLUE', 'GREEN'].includes(c));
    if (bad.length) throw badUserInput(`未知风险等级: ${bad.join(', ')}`);
    add('child_id IN (SELECT id FROM child_record WHERE risk_colour = ANY(?))', f.riskColours);
  }
  for (const [k, v] of [
    ['minAge', f.minAge],
    ['maxAge', f.maxAge],
  ] as const) {
    if (v != null && (!Number.isInteger(v) || v < 0 || v > 30)) throw badUserInput(`${k} 须为 0–30 的整数: ${v}`);
  }
  // Age today in Beijing, from the ledger's date of birth (children not on the ledger have none and drop out).
  const age = `date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, date_of_birth))`;
  if (f.minAge != null) add(`child_id IN (SELECT id FROM child_record WHERE ${age} >= ?)`, f.minAge);
  if (f.maxAge != null) add(`child_id IN (SELECT id FROM child_record WHERE ${age} <= ?)`, f.maxAge);
  const uuid = (v: string) => {
    if (!/^[0-9a-f-]{36}$/.test(v)) throw badUserInput(`无效的任务标识: ${v}`);
    return v;
  };
  if (f.firstRun) add('first_run = ?::uuid', uuid(f.firstRun));
  if (f.lastRun) add('last_run = ?::uuid', uuid(f.lastRun));
  if (f.resolvedByRun) add('resolved_by_run = ?::uuid', uuid(f.resolvedByRun));
  return conds.join(' AND ');
}

async function countFindings(ctx: SubgraphContext, condition: string, runId: string): Promise<number> {
  const rows = (await ctx.db.query(`SELECT count(*)::int AS n FROM finding WHERE ${condition} AND region LIKE ANY($2)`, [
    runId,
    jurisdictionPatterns(ctx.principal),
  ])) as {
    n: number;
  }[];
  return rows[0].n;
}

/** Allowed workflow moves of a finding (RESOLVED and DISMISSED may be reopened by a person). */
const TRANSITIONS: Record<FindingStatus, FindingStatus[]> = {
  OPEN: [FindingStatus.IN_PROGRESS, FindingStatus.RESOLVED, FindingStatus.DISMISSED],
  IN_PROGRESS: [FindingStatus.OPEN, FindingStatus.RESOLVED, FindingStatus.DISMISSED],
  RESOLVED: [FindingStatus.OPEN],
  DISMISSED: [FindingStatus.OPEN],
};

/**
 * The nightly reconciliation's record and the findings work-list, in civil affairs' own database. Runs are
 * written through the graph by the job (scope `crosscheck:run`); findings are read with `crosscheck:read`
 * and worked on with `welfare:write`. Every call is in the subgraph's audit log like any other.
 */
@Resolver(() => ReconciliationRun)
export class ReconciliationResolver {
  @FieldResolver(() => [RuleCount], { description: '各规则结果计数' })
  async counts(@Root() run: ReconciliationRun, @Ctx() ctx: SubgraphContext): Promise<RuleCount[]> {
    return run.counts ?? countsOf(ctx.db, run.id);
  }

  @FieldResolver(() => Int, { description: '本次新增的问题线索（调用者辖区内）' })
  async newFindings(@Root() run: ReconciliationRun, @Ctx() ctx: SubgraphContext): Promise<number> {
    return countFindings(ctx, 'first_run = $1::uuid', run.id);
  }

  @FieldResolver(() => Int, { description: '本次办结的问题线索（调用者辖区内）' })
  async resolvedFindings(@Root() run: ReconciliationRun, @Ctx() ctx: SubgraphContext): Promise<number> {
    return countFindings(ctx, 'resolved_by_run = $1::uuid', run.id);
  }

  @RequiresScopes('crosscheck:read')
  @Query(() => [ReconciliationRun], { description: '核查任务（最新在前）' })
  async reconciliationRuns(
    @Arg('first', () => Int, { defaultValue: 20, description: '条数' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun[]> {
    checkPageSize(first);
    const v = runVisibility(ctx, 2);
    const rows = (await ctx.db.query(`SELECT * FROM reconciliation_run WHERE ${v.sql} ORDER BY started_at DESC LIMIT $1`, [
      first,
      ...v.params,
    ])) as RunRow[];
    return rows.map(toRun);
  }

  @RequiresScopes('crosscheck:read')
  @Query(() => ReconciliationRun, { description: '一次核查任务' })
  async reconciliationRun(
    @Arg('id', () => ID, { description: '任务标识' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun> {
    const run = await loadRun(ctx.db, id);
    if (!inJurisdiction(ctx, run.region) && !ctx.principal.jurisdiction.some((j) => j.startsWith(run.region)))
      throw badUserInput(`没有此核查任务: ${id}`);
    return run;
  }

  @RequiresScopes('crosscheck:run')
  @Query(() => [Child], { description: '按标识批量取儿童（供核查任务逐页核查；各字段仍按各部门辖区过滤），最多 5000 个' })
  async childrenForChecks(
    @Arg('ids', () => [ID], { description: '儿童标识' }) ids: string[],
    @Arg('exceptRoster', () => String, {
      nullable: true,
      description:
        '略去在该区划（前缀）台账名册上的儿童，即 roster(filter: { regionPrefix }) 会列出的儿童：其发现预警已随台账核查（rosterChecks）完成',
    })
    exceptRoster: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Child[]> {
    if (ids.length > MAX_PAGE_CHILDREN) throw badUserInput(`一次最多 ${MAX_PAGE_CHILDREN} 个标识: ${ids.length}`);
    for (const id of ids) if (!ID_KEY_SHAPE.test(id)) throw badUserInput(`无效的儿童标识: ${id}`);
    let keep = ids;
    if (exceptRoster != null) {
      checkRegionPrefix(exceptRoster);
      const onRoster = new Set(
        (
          await rosterQuery(ctx, { regionPrefix: exceptRoster })
            .select('c.id', 'id')
            .andWhere('c.id = ANY(:ids)', { ids })
            .getRawMany<{ id: string }>()
        ).map((r) => r.id),
      );
      keep = ids.filter((id) => !onRoster.has(id));
    }
    return keep.map((id) => ({ id }));
  }

  @RequiresScopes('crosscheck:run')
  @Mutation(() => ReconciliationRun, { description: '开始一次核查任务；已有存活的任务（心跳未超时）时拒绝' })
  async startReconciliationRun(
    @Arg('asOf', () => DateScalar, { description: '核查基准日' }) asOf: string,
    @Arg('region', () => String, { description: '核查区划（前缀）' }) region: string,
    @Arg('rules', () => [String], { description: '核查的规则编号' }) rules: string[],
    @Arg('checkpoint', () => String, { nullable: true, description: '初始断点（JSON，含每页条数）' }) checkpoint: string | null,
    @Arg('id', () => ID, { nullable: true, description: '客户端生成的任务标识（重试时不重复创建）' }) requestedId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun> {
    checkRegionPrefix(region);
    checkRules(rules);
    if (!inJurisdiction(ctx, region)) throw new GraphQLError(`核查区划 ${region} 不在您的辖区内`, { extensions: { code: 'FORBIDDEN' } });
    if (requestedId != null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(requestedId))
      throw badUserInput(`无效的任务标识: ${requestedId}`);
    const id = requestedId ?? randomUUID();
    // A retried start (its answer lost) finds its own run.
    const existing = (await ctx.db.query('SELECT started_by FROM reconciliation_run WHERE id = $1', [id])) as RunRow[];
    if (existing.length) {
      if (existing[0].started_by !== ctx.principal.sub) throw badUserInput(`任务标识已被使用: ${id}`);
      return loadRun(ctx.db, id);
    }
    await ctx.db.transaction(async (m) => {
      // One run at a time: the lock is the table row of a live run, so it survives the job's death only
      // until its heartbeat lapses.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('reconciliation_run'))`);
      // One run at a time per shard (region). Overlapping shards (the city's and a district's inside it) may run
      // at once: each records what it saw (finding_run) and closes only what it did not see itself.
      const live = (await m.query(
        `SELECT id, started_by, heartbeat_at FROM reconciliation_run
          WHERE status = 'RUNNING' AND heartbeat_at > now() - make_interval(secs => $1) AND region = $2`,
        [HEARTBEAT_TIMEOUT_SECONDS, region],
      )) as RunRow[];
      if (live.length) {
        throw new GraphQLError(
          `已有核查任务在运行：${live[0].id as string}（${live[0].started_by as string}），请等待其结束或其心跳超时后续跑`,
          {
            extensions: { code: 'FORBIDDEN', runId: live[0].id },
          },
        );
      }
      // A run left RUNNING by a dead job is marked FAILED (it can still be resumed).
      await m.query(`UPDATE reconciliation_run SET status = 'FAILED', finished_at = now() WHERE status = 'RUNNING' AND region = $1`, [
        region,
      ]);
      await m.query(
        `INSERT INTO reconciliation_run (id, as_of, region, rules, status, started_by, checkpoint) VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6)`,
        [id, asOf, region, rules, ctx.principal.sub, checkpoint ? JSON.parse(checkpoint) : null],
      );
    });
    return loadRun(ctx.db, id);
  }

  @RequiresScopes('crosscheck:run')
  @Mutation(() => ReconciliationRun, { description: '续跑一次未完成的核查任务（接管其锁，从断点继续）' })
  async resumeReconciliationRun(
    @Arg('id', () => ID, { description: '任务标识' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun> {
    checkOwner(ctx, await loadRun(ctx.db, id));
    await ctx.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('reconciliation_run'))`);
      const other = (await m.query(
        `SELECT r.id FROM reconciliation_run r, reconciliation_run me WHERE me.id = $1 AND r.status = 'RUNNING' AND r.id <> $1
            AND r.heartbeat_at > now() - make_interval(secs => $2) AND r.region = me.region`,
        [id, HEARTBEAT_TIMEOUT_SECONDS],
      )) as RunRow[];
      if (other.length) throw new GraphQLError(`已有其他核查任务在运行：${other[0].id as string}`, { extensions: { code: 'FORBIDDEN' } });
      const rows = (await m.query(
        `UPDATE reconciliation_run SET status = 'RUNNING', finished_at = NULL, heartbeat_at = now() WHERE id = $1 AND status <> 'COMPLETED' RETURNING id`,
        [id],
      )) as RunRow[];
      if (!rows.length) throw badUserInput(`核查任务 ${id} 已完成，无需续跑`);
    });
    return loadRun(ctx.db, id);
  }

  @RequiresScopes('crosscheck:run')
  @Mutation(() => ReconciliationRun, {
    description:
      '记录一页核查结果（幂等：同一页再次记录不改变任何数据）：发现问题的开启或更新问题线索，未发现问题的办结其未结线索，无法判定的不改变线索',
  })
  async recordReconciliationPage(
    @Arg('runId', () => ID, { description: '任务标识' }) runId: string,
    @Arg('pageKey', () => String, { description: '页的稳定标识（阶段与起始游标）' }) pageKey: string,
    @Arg('checkpoint', () => String, { nullable: true, description: '记录本页后可续跑的断点（JSON）' }) checkpoint: string | null,
    @Arg('children', () => [ChildOutcomeInput], { description: '本页各儿童的结果' }) children: ChildOutcomeInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun> {
    if (children.length > MAX_PAGE_CHILDREN) throw badUserInput(`一页最多 ${MAX_PAGE_CHILDREN} 名儿童`);
    if (pageKey.length > 300) throw badUserInput('pageKey 过长');
    const run = await loadRun(ctx.db, runId);
    checkOwner(ctx, run);
    if (run.status !== RunStatus.RUNNING) throw badUserInput(`核查任务 ${runId} 未在运行（${run.status}）`);
    const allowed = new Set(run.rules);
    const seen: [string, string][] = [];
    const inconclusive: [string, string][] = [];
    const counts: Record<string, { flagged: number; clear: number; inconclusive: number; unavailable: number }> = {};
    const bump = (rule: string, k: 'flagged' | 'clear' | 'inconclusive' | 'unavailable') => {
      if (!allowed.has(rule)) throw badUserInput(`规则 ${rule} 不在本任务内`);
      (counts[rule] ??= { flagged: 0, clear: 0, inconclusive: 0, unavailable: 0 })[k]++;
    };
    const flagged: unknown[][] = [];
    const flaggedFindings: FlaggedFinding[] = [];
    const clear: [string, string][] = [];
    for (const c of children) {
      if (!ID_KEY_SHAPE.test(c.childId)) throw badUserInput(`无效的儿童标识: ${c.childId}`);
      if (c.region != null && (!/^\d{2,12}$/.test(c.region) || !c.region.startsWith(run.region)))
        throw badUserInput(`儿童区划 ${c.region} 不在本任务区划 ${run.region} 内`);
      if (c.schoolRegion != null && !/^\d{6}(\d{3}(\d{3})?)?$/.test(c.schoolRegion))
        throw badUserInput(`无效的学校区划: ${c.schoolRegion}`);
      for (const f of c.flagged) {
        bump(f.rule, 'flagged');
        flagged.push([f.rule, c.childId, familyOf(f.rule as RuleId), f.reason, JSON.stringify(f.evidence), c.region ?? null]);
        flaggedFindings.push({
          rule: f.rule,
          childId: c.childId,
          reason: f.reason,
          evidence: f.evidence,
          region: c.region ?? null,
          schoolRegion: c.schoolRegion ?? null,
        });
        seen.push([f.rule, c.childId]);
      }
      for (const r of c.clear) {
        bump(r, 'clear');
        clear.push([r, c.childId]);
      }
      for (const r of c.inconclusive) {
        bump(r, 'inconclusive');
        seen.push([r, c.childId]);
        inconclusive.push([r, c.childId]);
      }
      for (const r of c.unavailable) bump(r, 'unavailable');
    }
    const by = `reconciliation:${ctx.principal.sub}`;
    await ctx.db.transaction(async (m) => {
      const inserted = (await m.query(
        `INSERT INTO reconciliation_page (run_id, page_key, children, counts, unavailable) VALUES ($1, $2, $3, $4, '{}') ON CONFLICT DO NOTHING RETURNING page_key`,
        [runId, pageKey, children.length, JSON.stringify(counts)],
      )) as unknown[];
      if (inserted.length) {
        if (flagged.length) {
          // Open, or bring up to date. The run is always recorded as having seen it (bookkeeping); its content and
          // updated_at change only when this night is later than the last one, or it had been resolved.
          await m.query(
            `INSERT INTO finding AS f (rule, child_id, family, status, reason, evidence, region, first_seen_on, last_seen_on, first_run, last_run, updated_by)
             SELECT x.rule, x.child_id, x.family, 'OPEN', x.reason, x.evidence::jsonb,
                    COALESCE(c.residence_region, x.region), $2::date, $2::date, $1::uuid, $1::uuid, $3
               FROM jsonb_to_recordset($4::jsonb) AS x(rule text, child_id text, family text, reason text, evidence text, region text)
               LEFT JOIN child_record c ON c.id = x.child_id
             ON CONFLICT (rule, child_id) DO UPDATE SET
               last_run = EXCLUDED.last_run,
               last_seen_on = GREATEST(f.last_seen_on, EXCLUDED.last_seen_on),
               reason = CASE WHEN f.last_seen_on < EXCLUDED.last_seen_on OR f.status = 'RESOLVED' THEN EXCLUDED.reason ELSE f.reason END,
               evidence = CASE WHEN f.last_seen_on < EXCLUDED.last_seen_on OR f.status = 'RESOLVED' THEN EXCLUDED.evidence ELSE f.evidence END,
               region = CASE WHEN f.last_seen_on < EXCLUDED.last_seen_on OR f.status = 'RESOLVED' THEN EXCLUDED.region ELSE f.region END,
               status = CASE WHEN f.status = 'RESOLVED' THEN 'OPEN' ELSE f.status END,
               resolved_on = CASE WHEN f.status = 'RESOLVED' THEN NULL ELSE f.resolved_on END,
               resolved_by_run = CASE WHEN f.status = 'RESOLVED' THEN NULL ELSE f.resolved_by_run END,
               updated_at = CASE WHEN f.last_seen_on < EXCLUDED.last_seen_on OR f.status = 'RESOLVED' THEN now() ELSE f.updated_at END,
               updated_by = CASE WHEN f.last_seen_on < EXCLUDED.last_seen_on OR f.status = 'RESOLVED' THEN EXCLUDED.updated_by ELSE f.updated_by END
             WHERE f.region LIKE ANY($5) OR f.region IS NULL`,
            [
              runId,
              run.asOf,
              by,
              JSON.stringify(
                flagged.map(([rule, child_id, family, reason, evidence, region]) => ({ rule, child_id, family, reason, evidence, region })),
              ),
              jurisdictionPatterns(ctx.principal),
            ],
          );
        }
        if (inconclusive.length) {
          // INCONCLUSIVE neither opens nor closes: the run only notes it looked (so the close-out leaves it alone).
          await m.query(
            `UPDATE finding f SET last_run = $1::uuid FROM jsonb_to_recordset($2::jsonb) AS x(rule text, child_id text)
              WHERE f.rule = x.rule AND f.child_id = x.child_id`,
            [runId, JSON.stringify(inconclusive.map(([rule, child_id]) => ({ rule, child_id })))],
          );
        }
        // Per-run bookkeeping: what this run saw, so its close-out never closes what it saw itself, whatever
        // another run overlapping it wrote into last_run meanwhile.
        await recordSeen(m, runId, seen);
        await driveFlagged(m, { id: runId, asOf: run.asOf }, flaggedFindings, by);
        // No longer flagged: the run closes the finding, with the date. Only the page's open findings can be
        // closed, and there are few: found by child first, instead of probing every CLEAR (rule, child) pair.
        const open = clear.length
          ? ((await m.query(`SELECT rule, child_id FROM finding WHERE child_id = ANY($1) AND status IN ('OPEN', 'IN_PROGRESS')`, [
              [...new Set(clear.map(([, child]) => child))],
            ])) as { rule: string; child_id: string }[])
          : [];
        const clearSet = new Set(clear.map(([rule, child]) => `${rule} ${child}`));
        const closing = open.filter((f) => clearSet.has(`${f.rule} ${f.child_id}`));
        // The page's open cases its CLEAR results answer (found by child, like the findings).
        const openCases = clear.length
          ? ((await m.query(
              `SELECT rule, child_id FROM hub_case WHERE source = 'FINDING' AND child_id = ANY($1) AND status IN ('OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL')`,
              [[...new Set(clear.map(([, child]) => child))]],
            )) as { rule: string; child_id: string }[])
          : [];
        await closeByData(
          m,
          runId,
          { pairs: openCases.filter((f) => clearSet.has(`${f.rule} ${f.child_id}`)) },
          `核查于 ${run.asOf} 不再发现，自动结案`,
          by,
        );
        if (closing.length) {
          await m.query(
            `UPDATE finding f SET status = 'RESOLVED', resolved_on = $2::date, resolved_by_run = $1::uuid, updated_at = now(), updated_by = $3,
                    note = COALESCE(f.note || E'\\n', '') || '核查于 ' || $2::text || ' 不再发现，自动办结'
               FROM jsonb_to_recordset($4::jsonb) AS x(rule text, child_id text)
              WHERE f.rule = x.rule AND f.child_id = x.child_id AND f.status IN ('OPEN', 'IN_PROGRESS') AND f.last_seen_on <= $2::date
                AND f.region LIKE ANY($5)`,
            [
              runId,
              run.asOf,
              by,
              JSON.stringify(closing.map(({ rule, child_id }) => ({ rule, child_id }))),
              jurisdictionPatterns(ctx.principal),
            ],
          );
        }
        await m.query(
          `UPDATE reconciliation_run SET pages_done = pages_done + 1, children = children + $2, heartbeat_at = now(),
                  checkpoint = ${ADVANCE_CHECKPOINT} WHERE id = $1`,
          [runId, children.length, checkpoint],
        );
      } else {
        await m.query(
          `UPDATE reconciliation_run SET heartbeat_at = now(), checkpoint = ${ADVANCE_CHECKPOINT.replaceAll('$3', '$2')} WHERE id = $1`,
          [runId, checkpoint],
        );
      }
    });
    return loadRun(ctx.db, runId);
  }

  @RequiresScopes('crosscheck:run')
  @Mutation(() => Boolean, { description: '运行中的任务定期报告存活（心跳），保持其锁' })
  async heartbeatReconciliationRun(
    @Arg('id', () => ID, { description: '任务标识' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    checkOwner(ctx, await loadRun(ctx.db, id));
    const rows = (await ctx.db.query(
      `UPDATE reconciliation_run SET heartbeat_at = now() WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  @RequiresScopes('crosscheck:run')
  @Mutation(() => ReconciliationRun, { description: '结束核查任务：有部门数据不可用的规则时为 PARTIAL，否则 COMPLETED；或标记为 FAILED' })
  async finishReconciliationRun(
    @Arg('id', () => ID, { description: '任务标识' }) id: string,
    @Arg('failed', () => Boolean, { defaultValue: false, description: '任务失败（可续跑）' }) failed: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReconciliationRun> {
    const run = await loadRun(ctx.db, id);
    checkOwner(ctx, run);
    if (run.status !== RunStatus.RUNNING) throw badUserInput(`核查任务 ${id} 未在运行（${run.status}）`);
    const counts = await countsOf(ctx.db, id);
    const partial = counts.some((c) => c.unavailable > 0);
    const status = failed ? RunStatus.FAILED : partial ? RunStatus.PARTIAL : RunStatus.COMPLETED;
    const summary = {
      counts,
      unavailable: counts.filter((c) => c.unavailable > 0).map((c) => ({ rule: c.rule, children: c.unavailable })),
    };
    await ctx.db.transaction(async (m) => {
      await m.query(`UPDATE reconciliation_run SET status = $2, finished_at = now(), heartbeat_at = now(), summary = $3 WHERE id = $1`, [
        id,
        status,
        JSON.stringify(summary),
      ]);
      if (status === RunStatus.COMPLETED) {
        // A complete run that no longer reached a child for a rule (off the ledger, out of the category, of age,
        // moved away) closes its open finding: it is out of the check's scope now.
        // Only what this run did not see itself (finding_run): an overlapping run's last_run says nothing of this one.
        await m.query(
          `UPDATE finding f SET status = 'RESOLVED', resolved_on = $2::date, resolved_by_run = $1::uuid, updated_at = now(), updated_by = $5,
                  note = COALESCE(note || E'\\n', '') || '核查于 ' || $2::text || ' 不在核查范围内，自动办结'
            WHERE status IN ('OPEN', 'IN_PROGRESS') AND rule = ANY($3) AND region LIKE $4 || '%'
              AND NOT EXISTS (SELECT 1 FROM finding_run s WHERE s.run_id = $1::uuid AND s.rule = f.rule AND s.child_id = f.child_id)`,
          [id, run.asOf, run.rules, run.region, `reconciliation:${ctx.principal.sub}`],
        );
        await closeByData(
          m,
          id,
          { notSeenBy: { region: run.region, rules: run.rules } },
          `核查于 ${run.asOf} 不在核查范围内，自动结案`,
          `reconciliation:${ctx.principal.sub}`,
        );
        // What a finished run saw is needed by no one after its close-out: this run's list goes, and with it
        // every other finished run's (COMPLETED or PARTIAL); a live or a resumable (FAILED) run keeps its own.
        // Without this the list would grow by a night's findings every night.
        await m.query(
          `DELETE FROM finding_run WHERE run_id = $1::uuid
              OR run_id IN (SELECT r.id FROM reconciliation_run r WHERE r.status IN ('COMPLETED', 'PARTIAL'))`,
          [id],
        );
      }
    });
    return loadRun(ctx.db, id);
  }

  @RequiresScopes('crosscheck:read')
  @Query(() => FindingPage, { description: '问题线索（按辖区；按规则、状态、区划筛选；按规则与儿童标识键集分页）' })
  async findings(
    @Arg('filter', () => FindingFilter, { nullable: true, description: '筛选条件' }) filter: FindingFilter | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Arg('orderBy', () => FindingOrder, { defaultValue: FindingOrder.RULE, description: '排序' }) orderBy: FindingOrder,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FindingPage> {
    checkPageSize(first);
    const params: unknown[] = [];
    const where = findingWhere(ctx, filter ?? {}, params);
    const total = Number(((await ctx.db.query(`SELECT count(*) AS n FROM finding WHERE ${where}`, params)) as { n: string }[])[0].n);
    const bySeen = orderBy === FindingOrder.LAST_SEEN_DESC;
    // Keyset on the sort key: (rule, child) or (last seen descending, rule, child).
    const key = decodeCursor(
      after,
      bySeen ? /^\d{4}-\d{2}-\d{2}\|[A-Z-]{1,40}\|[A-Za-z0-9_-]{1,64}$/ : /^[A-Z-]{1,40}\|[A-Za-z0-9_-]{1,64}$/,
    );
    let sql = `SELECT * FROM finding WHERE ${where}`;
    const pageParams = [...params];
    if (key) {
      const parts = key.split('|');
      pageParams.push(...parts);
      const n = pageParams.length;
      sql += bySeen
        ? ` AND (last_seen_on < $${n - 2}::date OR (last_seen_on = $${n - 2}::date AND (rule, child_id) > ($${n - 1}, $${n})))`
        : ` AND (rule, child_id) > ($${n - 1}, $${n})`;
    }
    sql += bySeen ? ` ORDER BY last_seen_on DESC, rule, child_id LIMIT ${first + 1}` : ` ORDER BY rule, child_id LIMIT ${first + 1}`;
    const rows = (await ctx.db.query(sql, pageParams)) as RunRow[];
    const page = toPage(
      rows.map((r) => toFinding(r, ctx.principal.scopes)),
      first,
      (f) => (bySeen ? `${f.lastSeenOn}|${f.rule}|${f.childId}` : `${f.rule}|${f.childId}`),
    );
    return { ...page, totalCount: total };
  }

  @RequiresScopes('welfare:write', 'crosscheck:read')
  @Mutation(() => Finding, { description: '处理问题线索：指派、标记处理中、办结或排除（附说明）；记入审计日志' })
  async updateFinding(
    @Arg('rule', () => String, { description: '规则编号' }) rule: string,
    @Arg('childId', () => ID, { description: '儿童标识' }) childId: string,
    @Arg('status', () => FindingStatus, { nullable: true, description: '新状态' }) status: FindingStatus | null,
    @Arg('assignee', () => String, { nullable: true, description: '承办人' }) assignee: string | null,
    @Arg('note', () => String, { nullable: true, description: '处理说明（办结、排除时必填）' }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Finding> {
    checkRules([rule]);
    const params: unknown[] = [rule, childId];
    const rows = (await ctx.db.query(
      `SELECT * FROM finding WHERE rule = $1 AND child_id = $2 AND ${findingWhere(ctx, {}, params)}`,
      params,
    )) as RunRow[];
    if (!rows.length) throw badUserInput('没有此问题线索，或不在您的辖区内');
    const current = rows[0].status as FindingStatus;
    if (status && status !== current && !TRANSITIONS[current].includes(status)) {
      throw badUserInput(`不能从 ${current} 变为 ${status}`);
    }
    if ((status === FindingStatus.RESOLVED || status === FindingStatus.DISMISSED) && !note?.trim())
      throw badUserInput('办结或排除须填写处理说明');
    if (note && note.length > 2000) throw badUserInput('处理说明最多 2000 字');
    const updated = await ctx.db.transaction(async (m) => {
      const result = (await m.query(
        `UPDATE finding SET status = COALESCE($3, status), assignee = COALESCE($4, assignee),
              note = CASE WHEN $5::text IS NULL THEN note ELSE COALESCE(note || E'\\n', '') || $5::text END,
              resolved_on = CASE WHEN $3 = 'RESOLVED' THEN (now() AT TIME ZONE 'Asia/Shanghai')::date WHEN $3 = 'OPEN' THEN NULL ELSE resolved_on END,
              resolved_by_run = CASE WHEN $3 IN ('OPEN', 'RESOLVED', 'DISMISSED') THEN NULL ELSE resolved_by_run END,
              updated_at = now(), updated_by = $6
        WHERE rule = $1 AND child_id = $2 RETURNING *`,
        [rule, childId, status, assignee, note, ctx.principal.sub],
      )) as [RunRow[], number] | RunRow[];
      // The finding's case keeps the step in its history.
      await mirrorFindingUpdate(m, ctx, rule, childId, { status: status && status !== current ? status : null, assignee, note });
      return result;
    });
    const row = Array.isArray(updated[0]) ? (updated[0] as RunRow[])[0] : (updated as RunRow[])[0];
    return toFinding(row, ctx.principal.scopes);
  }
}
