import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  AGENCY_INFO,
  CASE_ANSWER,
  CASE_TASK_STATUS,
  citeBasis,
  holdsAll,
  INTERVENTION_KIND,
  MANDATORY_REPORT_KIND,
  isAgency,
  isRuleId,
  RULE_NAMES,
  todayInChina,
  type Agency,
  type RuleId,
} from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import {
  agenciesOf,
  checkPageSize,
  checkRegionPrefix,
  decodeCursor,
  ID_KEY_SHAPE,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { reasonScopes } from '../crosschecks/rules';
import { addEvent, agencyName, closeNow, dismissNow, OPEN_STATUSES, rowsOf } from './case.actions';
import { officeName, placeName, REASON_WITHHELD, routeOf } from './case.store';
import {
  Case,
  CaseAlerts,
  CaseAnswer,
  CaseEvent,
  CaseFilter,
  CasePage,
  type CaseSource,
  CaseStatus,
  CaseTask,
  CaseTaskFilter,
  CaseTaskPage,
  CaseTaskStatus,
  InterventionKind,
  MandatoryReportInput,
  MyMandatoryReport,
  OpenCaseInput,
  type CaseEventKind,
} from './case.types';

type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_NOTE = 2000;
/** Public security accepts (受案) a mandatory report within this many days (立即受案; one day at most). */
const REPORT_ACCEPTANCE_DAYS = 1;

function isCivilAffairs(ctx: SubgraphContext): boolean {
  return agenciesOf(ctx).includes('civil-affairs');
}

function checkId(id: string, what: string): string {
  if (!UUID.test(id)) throw badUserInput(`无效的${what}标识: ${id.slice(0, 40)}`);
  return id;
}

function checkNote(note: string | null | undefined, required: string | null): string | null {
  const n = note?.trim() || null;
  if (required && !n) throw badUserInput(required);
  if (n && n.length > MAX_NOTE) throw badUserInput(`说明最多 ${MAX_NOTE} 字`);
  return n;
}

/**
 * Which cases a caller sees: civil-affairs staff those placed, or with a hukou place, in their jurisdiction (a
 * migrant child's case is seen by both districts); every agency's staff those with a task for their agency in
 * their jurisdiction. `$JP` and `$AG` are bound by the caller.
 */
function caseVisibility(ctx: SubgraphContext, params: unknown[]): string {
  params.push(jurisdictionPatterns(ctx.principal));
  const jp = `$${params.length}`;
  params.push(agenciesOf(ctx));
  const ag = `$${params.length}`;
  const task = `EXISTS (SELECT 1 FROM case_task t WHERE t.case_id = c.id AND t.agency = ANY(${ag}) AND t.region LIKE ANY(${jp}))`;
  return isCivilAffairs(ctx) ? `(c.place_region LIKE ANY(${jp}) OR c.hukou_region LIKE ANY(${jp}) OR ${task})` : task;
}

/** A task is worked by its agency's staff whose jurisdiction covers the task's office. */
function canWorkTask(ctx: SubgraphContext, t: Row): boolean {
  return agenciesOf(ctx).includes(t.agency as Agency) && ctx.principal.jurisdiction.some((j) => (t.region as string).startsWith(j));
}

function toTask(t: Row, c: Row, names: ReadonlyMap<string, string>): CaseTask {
  const agency = t.agency as string;
  const dueOn = t.due_on as string;
  const status = t.status as CaseTaskStatus;
  // Minimum necessary: the facts of the task's own agency from the finding that opened the case.
  const evidence = (c.evidence as { agency: string; fact: string; value: string }[] | null) ?? [];
  return {
    id: t.id as string,
    caseId: t.case_id as string,
    agency,
    agencyName: agencyName(agency),
    region: t.region as string,
    office: officeName(agency, t.region as string),
    action: t.action as string,
    transfer: t.transfer === true,
    caseSource: c.source as CaseSource,
    ruleName: c.rule ? (RULE_NAMES[c.rule as RuleId] ?? (c.rule as string)) : null,
    dueOn,
    overdue: (status === 'PENDING' || status === 'ACCEPTED') && dueOn < todayInChina(),
    status,
    assignee: (t.assignee as string | null) ?? null,
    answer: (t.answer as CaseAnswer | null) ?? null,
    answerNote: (t.answer_note as string | null) ?? null,
    answeredBy: (t.answered_by as string | null) ?? null,
    answeredAt: t.answered_at ? (t.answered_at as Date).toISOString() : null,
    facts: c.source === 'FINDING' ? evidence.filter((e) => e.agency === agencyName(agency)) : reportFacts(c),
    child: c.child_id ? { id: c.child_id as string } : null,
    childName: c.child_id ? (names.get(c.child_id as string) ?? null) : null,
    childDescription: (c.child_description as string | null) ?? null,
    placeName: placeName(c.place_region as string),
    caseStatus: c.status as CaseStatus,
  };
}

/**
 * What an office acting on a report or a staff-entered case needs to tell it from another and to act: the
 * situation, what was seen, who reported it (a 受案 row that says only 强制报告 is no work-list), and the
 * description of a child whose identity is not yet known. Every office with a task on such a case reads the
 * summary anyway (see the case's `summary`).
 */
function reportFacts(c: Row): { agency: string; fact: string; value: string }[] {
  const by = c.source === 'MANDATORY_REPORT' ? '报告' : '登记';
  const out = [{ agency: by, fact: c.source === 'MANDATORY_REPORT' ? '报告内容' : '事由', value: c.summary as string }];
  if (c.reporter_org) out.push({ agency: by, fact: '报告单位', value: c.reporter_org as string });
  if (!c.child_id && c.child_description) out.push({ agency: by, fact: '儿童描述（身份未确认）', value: c.child_description as string });
  return out;
}

function toEvent(e: Row): CaseEvent {
  return {
    seq: String(e.seq),
    at: (e.at as Date).toISOString(),
    actor: e.actor as string,
    actorAgency: (e.actor_agency as string | null) ?? null,
    kind: e.kind as CaseEventKind,
    note: (e.note as string | null) ?? null,
    taskId: (e.task_id as string | null) ?? null,
    runId: (e.run_id as string | null) ?? null,
  };
}

/** The ledger names of the cases' children (`childName`, under `child:basic` like every name of the graph). */
async function childNames(ctx: SubgraphContext, cases: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(cases.map((c) => c.child_id as string | null).filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const rows = (await ctx.db.query(`SELECT id, name FROM child_record WHERE id = ANY($1)`, [ids])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A case with its tasks and history, as this caller may see them. */
async function loadCases(ctx: SubgraphContext, rows: Row[]): Promise<Case[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as string);
  const [tasks, events, evidence] = await Promise.all([
    ctx.db.query(`SELECT * FROM case_task WHERE case_id = ANY($1) ORDER BY created_at, id`, [ids]) as Promise<Row[]>,
    ctx.db.query(`SELECT * FROM case_event WHERE case_id = ANY($1) ORDER BY seq`, [ids]) as Promise<Row[]>,
    ctx.db.query(
      `SELECT c.id, f.evidence FROM hub_case c JOIN finding f ON f.rule = c.rule AND f.child_id = c.child_id WHERE c.id = ANY($1)`,
      [ids],
    ) as Promise<Row[]>,
  ]);
  const evidenceOf = new Map(evidence.map((e) => [e.id as string, e.evidence]));
  const names = await childNames(ctx, rows);
  const civil = isCivilAffairs(ctx);
  return rows.map((c) => {
    const withEvidence = { ...c, evidence: evidenceOf.get(c.id as string) ?? null };
    const own = tasks.filter((t) => t.case_id === c.id);
    // Civil affairs, which coordinates, and the agency responsible for the case see all of it; other agencies
    // see their own tasks and the steps about them, not the whole file.
    const whole = civil || agenciesOf(ctx).includes(c.responsible_agency as Agency);
    const visibleTasks = whole ? own : own.filter((t) => canWorkTask(ctx, t));
    const taskIds = new Set(visibleTasks.map((t) => t.id));
    const history = events
      .filter((e) => e.case_id === c.id)
      .filter(
        (e) =>
          whole || (e.task_id && taskIds.has(e.task_id)) || ['OPENED', 'CLOSED', 'RESOLVED_BY_DATA', 'REOPENED'].includes(e.kind as string),
      );
    const rule = c.rule as string | null;
    // A finding's summary repeats its rule's facts (by their scopes); a report's or an entry's summary is what
    // was seen, which every office that has to act on the case needs.
    const entitled = rule && isRuleId(rule) ? holdsAll(ctx.principal.scopes, reasonScopes(rule)) : true;
    const responsible = c.responsible_agency as string;
    const route = rule ? routeOf(rule) : undefined;
    return {
      id: c.id as string,
      source: c.source as Case['source'],
      rule,
      ruleName: rule ? (RULE_NAMES[rule as RuleId] ?? rule) : null,
      child: c.child_id ? { id: c.child_id as string } : null,
      childName: c.child_id ? (names.get(c.child_id as string) ?? null) : null,
      childDescription: (c.child_description as string | null) ?? null,
      placeRegion: c.place_region as string,
      placeName: placeName(c.place_region as string),
      hukouRegion: (c.hukou_region as string | null) ?? null,
      hukouName: c.hukou_region ? placeName(c.hukou_region as string) : null,
      responsibleAgency: responsible,
      responsibleOffice: officeName(responsible, c.responsible_region as string),
      status: c.status as CaseStatus,
      summary: entitled ? (c.summary as string) : REASON_WITHHELD,
      basis: route ? citeBasis(route.basis) : null,
      closureApproval: c.closure_approval as boolean,
      reportKind: (c.report_kind as Case['reportKind']) ?? null,
      reporterOrg: (c.reporter_org as string | null) ?? null,
      openedOn: c.opened_on as string,
      lastSeenOn: (c.last_seen_on as string | null) ?? null,
      closedAt: c.closed_at ? (c.closed_at as Date).toISOString() : null,
      assignee: (c.assignee as string | null) ?? null,
      tasks: visibleTasks.map((t) => toTask(t, withEvidence, names)),
      history: history.map(toEvent),
    };
  });
}

async function visibleCase(ctx: SubgraphContext, id: string, lock = false): Promise<Row> {
  checkId(id, '个案');
  const params: unknown[] = [id];
  const rows = (await ctx.db.query(
    `SELECT c.* FROM hub_case c WHERE c.id = $1 AND ${caseVisibility(ctx, params)}${lock ? ' FOR UPDATE' : ''}`,
    params,
  )) as Row[];
  if (!rows.length) throw badUserInput('没有此个案，或不在您的辖区内');
  return rows[0];
}

async function loadTask(ctx: SubgraphContext, id: string): Promise<{ task: Row; kase: Row }> {
  checkId(id, '任务');
  const rows = (await ctx.db.query(`SELECT * FROM case_task WHERE id = $1`, [id])) as Row[];
  if (!rows.length || !canWorkTask(ctx, rows[0])) throw badUserInput('没有此任务，或不是转交您所在部门与辖区的任务');
  const kase = ((await ctx.db.query(`SELECT * FROM hub_case WHERE id = $1`, [rows[0].case_id])) as Row[])[0];
  return { task: rows[0], kase };
}

/** Only the responsible agency's staff (or civil affairs, which coordinates) close, dismiss or refer a case. */
function checkResponsible(ctx: SubgraphContext, c: Row): void {
  const mine = agenciesOf(ctx);
  if (
    !mine.includes(c.responsible_agency as Agency) &&
    !(mine.includes('civil-affairs') && ctx.principal.scopes.includes('welfare:write'))
  ) {
    throw new GraphQLError(
      `此个案由${officeName(c.responsible_agency as string, c.responsible_region as string)}负责，您只能办理转交给您的任务`,
      {
        extensions: { code: 'FORBIDDEN' },
      },
    );
  }
}

function checkOpen(c: Row): void {
  if (!OPEN_STATUSES.includes(c.status as string)) throw badUserInput(`个案已${c.status === 'DISMISSED' ? '排除' : '结案'}`);
}

/**
 * Cases and each agency's inbox (docs/cases.md). Cases live in civil affairs' database — civil affairs runs the
 * cross-checks and coordinates the protection work — but every agency reads and answers its tasks only
 * through the graph, under its own scopes and jurisdiction; the hub never writes another agency's registry.
 */
@Resolver()
export class CaseResolver {
  @RequiresScopes('case:task')
  @Query(() => CasePage, { description: '个案（民政按所在地或户籍地；其他部门为有本部门任务的个案）' })
  async cases(
    @Arg('filter', () => CaseFilter, { nullable: true, description: '筛选条件' }) filter: CaseFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CasePage> {
    checkPageSize(first);
    const params: unknown[] = [];
    const conds = [caseVisibility(ctx, params)];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      conds.push(sql.replaceAll('?', `$${params.length}`));
    };
    const f = filter ?? {};
    if (f.statuses?.length) add('c.status = ANY(?)', f.statuses);
    if (f.rules?.length) {
      for (const r of f.rules) if (!isRuleId(r)) throw badUserInput(`未知规则: ${r.slice(0, 40)}`);
      add('c.rule = ANY(?)', f.rules);
    }
    if (f.source) add('c.source = ?', f.source);
    if (f.childId) {
      if (!ID_KEY_SHAPE.test(f.childId)) throw badUserInput('无效的儿童标识');
      add('c.child_id = ?', f.childId);
    }
    if (f.regionPrefix) {
      checkRegionPrefix(f.regionPrefix);
      add('(c.place_region LIKE ? OR c.hukou_region LIKE ?)', `${f.regionPrefix}%`);
    }
    const where = conds.join(' AND ');
    const total = Number(((await ctx.db.query(`SELECT count(*) AS n FROM hub_case c WHERE ${where}`, params)) as { n: string }[])[0].n);
    const key = decodeCursor(after, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/);
    const pageParams = [...params];
    let sql = `SELECT c.* FROM hub_case c WHERE ${where}`;
    if (key) {
      const [at, id] = key.split('|');
      pageParams.push(at, id);
      sql += ` AND (c.updated_at, c.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
    }
    sql += ` ORDER BY c.updated_at DESC, c.id DESC LIMIT ${first + 1}`;
    const rows = (await ctx.db.query(sql, pageParams)) as Row[];
    const page = toPage(rows, first, (r) => `${(r.updated_at as Date).toISOString()}|${r.id as string}`);
    return { nodes: await loadCases(ctx, page.nodes), pageInfo: page.pageInfo, totalCount: total };
  }

  @RequiresScopes('case:task')
  @Query(() => Case, { description: '一个个案，含各部门任务与全过程记录（按调用者权限）' })
  async case(@Arg('id', () => ID, { description: '个案标识' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Case> {
    return (await loadCases(ctx, [await visibleCase(ctx, id)]))[0];
  }

  @RequiresScopes('case:task')
  @Query(() => CaseTaskPage, { description: '本部门收件箱：转交本部门、在本人辖区内的任务（到期早的在前）' })
  async caseTasks(
    @Arg('filter', () => CaseTaskFilter, { nullable: true, description: '筛选条件' }) filter: CaseTaskFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseTaskPage> {
    checkPageSize(first);
    const f = filter ?? {};
    const params: unknown[] = [agenciesOf(ctx), jurisdictionPatterns(ctx.principal)];
    const conds = ['t.agency = ANY($1)', 't.region LIKE ANY($2)'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      conds.push(sql.replaceAll('?', `$${params.length}`));
    };
    add('t.status = ANY(?)', f.statuses?.length ? f.statuses : ['PENDING', 'ACCEPTED']);
    if (f.overdue) add(`t.status IN ('PENDING', 'ACCEPTED') AND t.due_on < ?::date`, todayInChina());
    if (f.assignedToMe) add('t.assignee = ?', ctx.principal.sub);
    if (f.regionPrefix) {
      checkRegionPrefix(f.regionPrefix);
      add('t.region LIKE ?', `${f.regionPrefix}%`);
    }
    if (f.source) add('EXISTS (SELECT 1 FROM hub_case c WHERE c.id = t.case_id AND c.source = ?)', f.source);
    const where = conds.join(' AND ');
    const total = Number(((await ctx.db.query(`SELECT count(*) AS n FROM case_task t WHERE ${where}`, params)) as { n: string }[])[0].n);
    const key = decodeCursor(after, /^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/);
    const pageParams = [...params];
    let sql = `SELECT t.*, t.due_on::text AS due_on FROM case_task t WHERE ${where}`;
    if (key) {
      const [due, id] = key.split('|');
      pageParams.push(due, id);
      sql += ` AND (t.due_on, t.id) > ($${pageParams.length - 1}::date, $${pageParams.length}::uuid)`;
    }
    sql += ` ORDER BY t.due_on, t.id LIMIT ${first + 1}`;
    const rows = (await ctx.db.query(sql, pageParams)) as Row[];
    const page = toPage(rows, first, (r) => `${r.due_on as string}|${r.id as string}`);
    const caseIds = [...new Set(page.nodes.map((t) => t.case_id as string))];
    const cases = caseIds.length
      ? ((await ctx.db.query(
          `SELECT c.*, f.evidence FROM hub_case c LEFT JOIN finding f ON f.rule = c.rule AND f.child_id = c.child_id WHERE c.id = ANY($1)`,
          [caseIds],
        )) as Row[])
      : [];
    const byId = new Map(cases.map((c) => [c.id as string, c]));
    const names = await childNames(ctx, cases);
    return { nodes: page.nodes.map((t) => toTask(t, byId.get(t.case_id as string)!, names)), pageInfo: page.pageInfo, totalCount: total };
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '签收任务（承办部门）' })
  async acceptCaseTask(@Arg('taskId', () => ID, { description: '任务标识' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<Case> {
    const { task, kase } = await loadTask(ctx, taskId);
    if (task.status !== 'PENDING')
      throw badUserInput(`任务当前为「${CASE_TASK_STATUS.codes[task.status as CaseTaskStatus].label}」，不能签收`);
    await ctx.db.transaction(async (m) => {
      await m.query(`UPDATE case_task SET status = 'ACCEPTED', updated_at = now() WHERE id = $1`, [taskId]);
      await m.query(`UPDATE hub_case SET status = 'IN_PROGRESS', updated_at = now() WHERE id = $1 AND status = 'OPEN'`, [kase.id]);
      await addEvent(
        m,
        ctx,
        kase.id as string,
        'ACCEPTED',
        `${officeName(task.agency as string, task.region as string)}签收：${task.action as string}`,
        taskId,
      );
      if (task.transfer === true) {
        // The receiving office's district is the case's responsible office from now on.
        const region = (task.region as string).slice(0, 6);
        await m.query(`UPDATE hub_case SET responsible_agency = $2, responsible_region = $3, updated_at = now() WHERE id = $1`, [
          kase.id,
          task.agency,
          region,
        ]);
        await addEvent(
          m,
          ctx,
          kase.id as string,
          'TRANSFERRED',
          `${officeName(kase.responsible_agency as string, kase.responsible_region as string)}移交${officeName(task.agency as string, region)}主办`,
          taskId,
          { from: kase.responsible_agency, to: task.agency, region },
        );
      }
    });
    return this.case(kase.id as string, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '指派任务承办人（承办部门）' })
  async assignCaseTask(
    @Arg('taskId', () => ID, { description: '任务标识' }) taskId: string,
    @Arg('assignee', () => String, { description: '承办人（账号）' }) assignee: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const { task, kase } = await loadTask(ctx, taskId);
    const who = checkNote(assignee, '须填写承办人')!;
    if (who.length > 100) throw badUserInput('承办人最多 100 字');
    if (!['PENDING', 'ACCEPTED'].includes(task.status as string)) throw badUserInput('任务已办结，不能指派');
    await ctx.db.transaction(async (m) => {
      await m.query(`UPDATE case_task SET assignee = $2, updated_at = now() WHERE id = $1`, [taskId, who]);
      await addEvent(m, ctx, kase.id as string, 'ASSIGNED', `指派 ${who}`, taskId);
    });
    return this.case(kase.id as string, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '反馈核实结果（核实反馈）：情况属实、已在本部门更正数据、或情况不属实（须说明理由）' })
  async answerCaseTask(
    @Arg('taskId', () => ID, { description: '任务标识' }) taskId: string,
    @Arg('answer', () => CaseAnswer, { description: '结论' }) answer: CaseAnswer,
    @Arg('note', () => String, { nullable: true, description: '说明（情况不属实时必填）' }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const { task, kase } = await loadTask(ctx, taskId);
    if (!['PENDING', 'ACCEPTED'].includes(task.status as string)) throw badUserInput('任务已反馈或已关闭');
    const n = checkNote(note, answer === 'NOT_CONFIRMED' ? '情况不属实须说明理由' : null);
    await ctx.db.transaction(async (m) => {
      await m.query(
        `UPDATE case_task SET status = 'ANSWERED', answer = $2, answer_note = $3, answered_by = $4, answered_at = now(), updated_at = now() WHERE id = $1`,
        [taskId, answer, n, ctx.principal.sub],
      );
      await m.query(
        `UPDATE hub_case SET status = CASE WHEN status = 'OPEN' THEN 'IN_PROGRESS' ELSE status END, updated_at = now() WHERE id = $1`,
        [kase.id],
      );
      const label = CASE_ANSWER.codes[answer].label;
      await addEvent(m, ctx, kase.id as string, 'ANSWERED', n ? `${label}：${n}` : label, taskId, { answer });
    });
    return this.case(kase.id as string, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '退回任务（不属本部门职责等，须说明理由）' })
  async declineCaseTask(
    @Arg('taskId', () => ID, { description: '任务标识' }) taskId: string,
    @Arg('reason', () => String, { description: '退回理由' }) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const { task, kase } = await loadTask(ctx, taskId);
    if (!['PENDING', 'ACCEPTED'].includes(task.status as string)) throw badUserInput('任务已反馈或已关闭');
    const n = checkNote(reason, '退回须说明理由');
    await ctx.db.transaction(async (m) => {
      await m.query(
        `UPDATE case_task SET status = 'DECLINED', answer_note = $2, answered_by = $3, answered_at = now(), updated_at = now() WHERE id = $1`,
        [taskId, n, ctx.principal.sub],
      );
      await addEvent(m, ctx, kase.id as string, 'DECLINED', n, taskId);
    });
    return this.case(kase.id as string, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, {
    description:
      '转介：向另一部门（或另一地）发出任务，由接收单位签收或退回；移交主办时，接收单位签收后成为个案负责单位（公安转介民政的强制报告默认移交）',
  })
  async referCase(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('agency', () => String, { description: '接收部门（agency 标识）' }) agency: string,
    @Arg('action', () => String, { description: '要求办理的事项' }) action: string,
    @Arg('region', () => String, { nullable: true, description: '接收地区划（默认个案所在地）' }) region: string | null,
    @Arg('dueDays', () => Int, { defaultValue: 15, description: '期限（日）' }) dueDays: number,
    @Arg('transfer', () => Boolean, {
      nullable: true,
      description: '移交主办（默认：公安转介民政的强制报告移交，其余不移交）',
    })
    transfer: boolean | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const kase = await visibleCase(ctx, id);
    checkResponsible(ctx, kase);
    checkOpen(kase);
    if (!isAgency(agency)) throw badUserInput(`未知部门: ${agency.slice(0, 40)}`);
    const what = checkNote(action, '须填写要求办理的事项')!;
    if (!Number.isInteger(dueDays) || dueDays < 1 || dueDays > 365) throw badUserInput('期限须为 1–365 日');
    // Agencies keep their offices at the district: a referral goes to the district of the case's place unless one is named.
    const at = region ?? (kase.place_region as string).slice(0, 6);
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(at)) throw badUserInput('接收地须为县级及以下区划代码（6、9 或 12 位）');
    // The seeds' chain for a mandatory report: public security accepts (受案) and hands over to civil affairs (评估帮扶).
    const handOver =
      transfer ?? (kase.source === 'MANDATORY_REPORT' && kase.responsible_agency === 'public-security' && agency === 'civil-affairs');
    const taskId = randomUUID();
    await ctx.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO case_task (id, case_id, agency, region, action, due_on, status, transfer)
         VALUES ($1, $2, $3, $4, $5, (now() AT TIME ZONE 'Asia/Shanghai')::date + $6::int, 'PENDING', $7)`,
        [taskId, id, agency, at, what, dueDays, handOver],
      );
      await m.query(`UPDATE hub_case SET updated_at = now() WHERE id = $1`, [id]);
      await addEvent(
        m,
        ctx,
        id,
        'REFERRED',
        `转介${officeName(agency, at)}：${what}（${dueDays} 日内${handOver ? '；签收后移交主办' : ''}）`,
        taskId,
        { agency, region: at, transfer: handOver },
      );
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '记录干预、帮扶措施或工作记录' })
  async recordCaseIntervention(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('note', () => String, { description: '措施与情况' }) note: string,
    @Arg('kind', () => InterventionKind, { defaultValue: 'OTHER', description: '措施类别' }) kind: InterventionKind,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const kase = await visibleCase(ctx, id);
    checkResponsible(ctx, kase);
    checkOpen(kase);
    const n = checkNote(note, '须填写措施与情况');
    await ctx.db.transaction(async (m) => {
      await m.query(
        `UPDATE hub_case SET status = CASE WHEN status = 'OPEN' THEN 'IN_PROGRESS' ELSE status END, updated_at = now() WHERE id = $1`,
        [id],
      );
      await addEvent(m, ctx, id, 'INTERVENTION', `${INTERVENTION_KIND.codes[kind].label}：${n}`, null, { kind });
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '结案（负责单位）；须主管审批的个案进入待审批' })
  async closeCase(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('note', () => String, { description: '结案说明' }) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const n = checkNote(note, '结案须填写说明');
    await ctx.db.transaction(async (m) => {
      const kase = rowsOf(await m.query(`SELECT * FROM hub_case WHERE id = $1 FOR UPDATE`, [checkId(id, '个案')]))[0];
      await visibleCase(ctx, id);
      checkResponsible(ctx, kase);
      if (kase.status === 'AWAITING_APPROVAL') throw badUserInput('已申请结案，待主管审批');
      checkOpen(kase);
      if (kase.closure_approval) {
        await m.query(`UPDATE hub_case SET status = 'AWAITING_APPROVAL', updated_at = now() WHERE id = $1`, [id]);
        await addEvent(m, ctx, id, 'CLOSURE_REQUESTED', n);
      } else {
        await closeNow(m, ctx, id, n);
      }
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:approve')
  @Mutation(() => Case, { description: '审批结案申请（主管）：同意则结案，不同意则退回处理中' })
  async approveCaseClosure(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('approve', () => Boolean, { description: '是否同意' }) approve: boolean,
    @Arg('note', () => String, { nullable: true, description: '意见（不同意时必填）' }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const n = checkNote(note, approve ? null : '退回须填写意见');
    await ctx.db.transaction(async (m) => {
      const kase = rowsOf(await m.query(`SELECT * FROM hub_case WHERE id = $1 FOR UPDATE`, [checkId(id, '个案')]))[0];
      await visibleCase(ctx, id);
      if (kase.status !== 'AWAITING_APPROVAL') throw badUserInput('此个案没有待审批的结案申请');
      if (approve) await closeNow(m, ctx, id, n ? `同意结案：${n}` : '同意结案');
      else {
        await m.query(`UPDATE hub_case SET status = 'IN_PROGRESS', updated_at = now() WHERE id = $1`, [id]);
        await addEvent(m, ctx, id, 'CLOSURE_REJECTED', n);
      }
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:task', 'child:identity')
  @Mutation(() => Case, {
    description:
      '确认身份不明儿童的身份：负责单位按公民身份号码在公安户籍中查到此人后，把其标识记入个案（身份核实由公安户籍完成，本服务不读他部门数据库）',
  })
  async identifyCaseChild(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('childId', () => ID, { description: '儿童标识（personByIdNumber 返回的 id）' }) childId: string,
    @Arg('note', () => String, { nullable: true, description: '如何确认（选填）' }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const kase = await visibleCase(ctx, id);
    checkResponsible(ctx, kase);
    checkOpen(kase);
    if (kase.child_id) throw badUserInput('此个案的儿童身份已确认');
    if (!ID_KEY_SHAPE.test(childId)) throw badUserInput('无效的儿童标识');
    const n = checkNote(note, null);
    await ctx.db.transaction(async (m) => {
      await m.query(`UPDATE hub_case SET child_id = $2, updated_at = now() WHERE id = $1 AND child_id IS NULL`, [id, childId]);
      await addEvent(m, ctx, id, 'IDENTIFIED', n ? `身份已确认：${n}` : '身份已确认（公安户籍）', null, { childId });
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, {
    description: '排除（经核实非问题）：记录所判断事实的指纹；这些事实变化前，核查不再重开此个案',
  })
  async dismissCase(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('reason', () => String, { description: '排除理由' }) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const n = checkNote(reason, '排除须说明理由');
    await ctx.db.transaction(async (m) => {
      const kase = rowsOf(await m.query(`SELECT * FROM hub_case WHERE id = $1 FOR UPDATE`, [checkId(id, '个案')]))[0];
      await visibleCase(ctx, id);
      checkResponsible(ctx, kase);
      checkOpen(kase);
      await dismissNow(m, ctx, kase, n!);
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:task')
  @Mutation(() => Case, { description: '记录个案会商：参加的部门与会商意见' })
  async recordCaseConference(
    @Arg('id', () => ID, { description: '个案标识' }) id: string,
    @Arg('agencies', () => [String], { description: '参加部门（agency 标识，至少两个）' }) agencies: string[],
    @Arg('note', () => String, { description: '会商意见' }) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    const kase = await visibleCase(ctx, id);
    checkResponsible(ctx, kase);
    checkOpen(kase);
    const bad = agencies.filter((a) => !isAgency(a));
    if (bad.length) throw badUserInput(`未知部门: ${bad.join(', ').slice(0, 80)}`);
    const unique = [...new Set(agencies)] as Agency[];
    if (unique.length < 2) throw badUserInput('个案会商至少须有两个部门参加');
    const n = checkNote(note, '须填写会商意见');
    await ctx.db.transaction(async (m) => {
      await m.query(
        `UPDATE hub_case SET status = CASE WHEN status = 'OPEN' THEN 'IN_PROGRESS' ELSE status END, updated_at = now() WHERE id = $1`,
        [id],
      );
      await addEvent(m, ctx, id, 'CONFERENCE', `参加：${unique.map((a) => AGENCY_INFO[a].title).join('、')}；${n}`, null, {
        agencies: unique,
      });
    });
    return this.case(id, ctx);
  }

  @RequiresScopes('case:report')
  @Mutation(() => MyMandatoryReport, {
    description: '提交强制报告：转交发现地公安机关受案（1 日内），由公安转介民政开展监护评估与干预；报告人可查看办理进度',
  })
  async fileMandatoryReport(
    @Arg('input', () => MandatoryReportInput, { description: '报告内容' }) input: MandatoryReportInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MyMandatoryReport> {
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(input.placeRegion)) throw badUserInput('发现地点须为县级及以下区划代码（6、9 或 12 位）');
    if (!ctx.principal.jurisdiction.some((j) => input.placeRegion.startsWith(j)))
      throw new GraphQLError('发现地点不在您的辖区内', { extensions: { code: 'FORBIDDEN' } });
    if (input.childId && !ID_KEY_SHAPE.test(input.childId)) throw badUserInput('无效的儿童标识');
    const description = input.childId ? null : checkNote(input.childDescription, '身份不明的儿童须填写描述（年龄、体貌、所在位置）');
    const account = checkNote(input.account, '须填写发现的情况')!;
    const org = checkNote(input.reporterOrg, '须填写报告单位')!;
    if (org.length > 100) throw badUserInput('报告单位最多 100 字');
    const id = randomUUID();
    const taskId = randomUUID();
    const kind = MANDATORY_REPORT_KIND.codes[input.kind].label;
    await ctx.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO hub_case (id, source, child_id, child_description, place_region, responsible_agency, responsible_region, status, summary,
                               closure_approval, opened_on, reporter, reporter_org, report_kind)
         VALUES ($1, 'MANDATORY_REPORT', $2, $3, $4, 'public-security', $4, 'OPEN', $5, true, (now() AT TIME ZONE 'Asia/Shanghai')::date, $6, $7, $8)`,
        [id, input.childId ?? null, description, input.placeRegion, `${kind}：${account}`, ctx.principal.sub, org, input.kind],
      );
      await m.query(
        `INSERT INTO case_task (id, case_id, agency, region, action, due_on, status)
         VALUES ($1, $2, 'public-security', $3, '受案', (now() AT TIME ZONE 'Asia/Shanghai')::date + $4::int, 'PENDING')`,
        [taskId, id, input.placeRegion, REPORT_ACCEPTANCE_DAYS],
      );
      await addEvent(m, ctx, id, 'OPENED', `${org}报告：${kind}`, null, { reportKind: input.kind });
      await addEvent(
        m,
        ctx,
        id,
        'ROUTED',
        `转交${officeName('public-security', input.placeRegion)}：受案（${REPORT_ACCEPTANCE_DAYS} 日内）`,
        taskId,
      );
    });
    return (await myReports(ctx, id))[0];
  }

  @RequiresScopes('case:report')
  @Query(() => [MyMandatoryReport], { description: '本人提交的强制报告及办理进度（最新在前；不含儿童档案）' })
  async myMandatoryReports(
    @Arg('first', () => Int, { defaultValue: 50, description: '条数' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MyMandatoryReport[]> {
    checkPageSize(first);
    return myReports(ctx, null, first);
  }

  @RequiresScopes('case:task')
  @Query(() => CaseAlerts, { description: '工作提醒：本人收件箱的待办、逾期与将到期任务，待受案的强制报告，待审批的结案' })
  async caseAlerts(
    @Arg('since', () => String, { nullable: true, description: '统计此时刻（ISO 8601，如上次登录时间）之后新开启的个案' })
    since: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseAlerts> {
    if (since != null && (since.length > 40 || Number.isNaN(Date.parse(since)))) throw badUserInput(`无效的时间: ${since.slice(0, 40)}`);
    const [t] = (await ctx.db.query(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE t.due_on < $3::date)::int AS overdue,
              count(*) FILTER (WHERE t.due_on >= $3::date AND t.due_on <= $3::date + 3)::int AS due_soon,
              count(*) FILTER (WHERE t.status = 'PENDING' AND t.agency = 'public-security' AND c.source = 'MANDATORY_REPORT')::int AS reports
         FROM case_task t JOIN hub_case c ON c.id = t.case_id
        WHERE t.agency = ANY($1) AND t.region LIKE ANY($2) AND t.status IN ('PENDING', 'ACCEPTED')`,
      [agenciesOf(ctx), jurisdictionPatterns(ctx.principal), todayInChina()],
    )) as { open: number; overdue: number; due_soon: number; reports: number }[];
    let awaitingApproval = 0;
    if (ctx.principal.scopes.includes('case:approve')) {
      const p: unknown[] = [];
      const [a] = (await ctx.db.query(
        `SELECT count(*)::int AS n FROM hub_case c WHERE c.status = 'AWAITING_APPROVAL' AND ${caseVisibility(ctx, p)}`,
        p,
      )) as { n: number }[];
      awaitingApproval = a.n;
    }
    let newCases = 0;
    if (since != null) {
      const p: unknown[] = [new Date(since).toISOString()];
      const [n] = (await ctx.db.query(
        `SELECT count(*)::int AS n FROM hub_case c WHERE c.opened_at > $1::timestamptz AND ${caseVisibility(ctx, p)}`,
        p,
      )) as { n: number }[];
      newCases = n.n;
    }
    return {
      openTasks: t.open,
      overdueTasks: t.overdue,
      dueSoonTasks: t.due_soon,
      reportsAwaitingAcceptance: t.reports,
      awaitingApproval,
      newCases,
    };
  }

  @RequiresScopes('case:task', 'welfare:write')
  @Mutation(() => Case, { description: '登记个案（热线、来访、走访发现）：由所在地民政部门负责，并转交其核实' })
  async openCase(
    @Arg('input', () => OpenCaseInput, { description: '个案信息' }) input: OpenCaseInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case> {
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(input.placeRegion)) throw badUserInput('所在地须为县级及以下区划代码（6、9 或 12 位）');
    if (!ctx.principal.jurisdiction.some((j) => input.placeRegion.startsWith(j)))
      throw new GraphQLError('所在地不在您的辖区内', { extensions: { code: 'FORBIDDEN' } });
    if (input.childId && !ID_KEY_SHAPE.test(input.childId)) throw badUserInput('无效的儿童标识');
    const description = input.childId ? null : checkNote(input.childDescription, '身份不明的儿童须填写描述（年龄、体貌、所在位置）');
    const summary = checkNote(input.summary, '须填写事由')!;
    const id = randomUUID();
    const taskId = randomUUID();
    await ctx.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO hub_case (id, source, child_id, child_description, place_region, responsible_agency, responsible_region, status, summary, opened_on)
         VALUES ($1, 'STAFF', $2, $3, $4, 'civil-affairs', $4, 'OPEN', $5, (now() AT TIME ZONE 'Asia/Shanghai')::date)`,
        [id, input.childId ?? null, description, input.placeRegion, summary],
      );
      await m.query(
        `INSERT INTO case_task (id, case_id, agency, region, action, due_on, status)
         VALUES ($1, $2, 'civil-affairs', $3, '核实情况', (now() AT TIME ZONE 'Asia/Shanghai')::date + 7, 'PENDING')`,
        [taskId, id, input.placeRegion],
      );
      await addEvent(m, ctx, id, 'OPENED', summary);
      await addEvent(m, ctx, id, 'ROUTED', `转交${officeName('civil-affairs', input.placeRegion)}：核实情况（7 日内）`, taskId);
    });
    return this.case(id, ctx);
  }
}

/** The caller's own reports: status and the steps' time, kind and agency — nothing of the child's file or the notes. */
async function myReports(ctx: SubgraphContext, id: string | null, first = 50): Promise<MyMandatoryReport[]> {
  const rows = (await ctx.db.query(
    `SELECT c.* FROM hub_case c WHERE c.source = 'MANDATORY_REPORT' AND c.reporter = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid)
      ORDER BY c.opened_at DESC LIMIT $3`,
    [ctx.principal.sub, id, first],
  )) as Row[];
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as string);
  const [events, tasks] = await Promise.all([
    ctx.db.query(`SELECT case_id, at, kind, actor_agency, task_id FROM case_event WHERE case_id = ANY($1) ORDER BY seq`, [ids]) as Promise<
      Row[]
    >,
    ctx.db.query(
      `SELECT id, case_id, due_on::text AS due_on, status FROM case_task WHERE case_id = ANY($1) AND agency = 'public-security' AND action = '受案'`,
      [ids],
    ) as Promise<Row[]>,
  ]);
  return rows.map((c) => {
    const acceptance = tasks.find((t) => t.case_id === c.id);
    const accepted = events.find(
      (e) => e.case_id === c.id && e.kind === 'ACCEPTED' && acceptance !== undefined && e.task_id === acceptance.id,
    );
    return {
      id: c.id as string,
      kind: c.report_kind as MyMandatoryReport['kind'],
      filedAt: (c.opened_at as Date).toISOString(),
      placeName: placeName(c.place_region as string),
      reporterOrg: c.reporter_org as string,
      // The reporter's own words, to tell their reports apart; nothing the hub learnt about the child since.
      summary: c.summary as string,
      // Whether the reporter named the child: a description means they could not (even once police identified them).
      childIdentified: c.child_description == null,
      childDescription: (c.child_description as string | null) ?? null,
      status: c.status as CaseStatus,
      acceptedAt: accepted ? (accepted.at as Date).toISOString() : null,
      acceptanceOverdue:
        !accepted && acceptance !== undefined && acceptance.status === 'PENDING' && (acceptance.due_on as string) < todayInChina(),
      steps: events
        .filter((e) => e.case_id === c.id)
        .map((e) => ({
          at: (e.at as Date).toISOString(),
          kind: e.kind as CaseEventKind,
          agency: (e.actor_agency as string | null) ?? null,
        })),
    };
  });
}
