import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AGENCY_INFO,
  DEFAULT_ROUTING,
  isAgency,
  regionName,
  routingWith,
  RULE_NAMES,
  type Agency,
  type RoutingPolicy,
  type RuleId,
  type TaskRoute,
} from '@hub/domain';
import type { SubgraphContext } from '@hub/subgraph-kit';

/**
 * How nightly runs drive cases (docs/cases.md, "Runs drive cases"), in the transaction that records a page:
 * a new finding opens a case and routes its tasks; still flagged keeps it open and notes when it was last seen;
 * no longer flagged closes it with the run; a case a person closed that is still flagged reopens with the reason;
 * a dismissed case stays closed until the facts it was judged on change. INCONCLUSIVE opens and closes nothing.
 */

type Manager = Pick<SubgraphContext['db'], 'query'>;

interface Evidence {
  agency: string;
  fact: string;
  value: string;
}

export interface FlaggedFinding {
  rule: string;
  childId: string;
  reason: string;
  evidence: Evidence[];
  /** The region the job gave (children off the ledger); the ledger's residence wins. */
  region: string | null;
  /** The region of the school the finding cites (education's data, given by the job), for routes `at: 'school'`. */
  schoolRegion?: string | null;
}

interface RunRef {
  id: string;
  asOf: string;
}

/** What a caller who may not read a finding's facts sees instead of its reason: a sentence, not scope codes. */
export const REASON_WITHHELD = '此线索的依据含其他部门数据，按您的岗位权限不予显示；请按个案任务办理或联系区县民政部门';

/** The facts a decision judged: the rule and its evidence, order-independent. A dismissal keeps it. */
function fingerprintOf(rule: string, evidence: readonly Evidence[]): string {
  const facts = evidence.map((e) => `${e.agency}\u0001${e.fact}\u0001${e.value}`).sort();
  return createHash('sha256')
    .update(JSON.stringify([rule, facts]))
    .digest('hex');
}

/** The hukou place cited by a finding (public security's 户籍地), when the rule read it. */
function hukouOf(evidence: readonly Evidence[]): string | null {
  const v = evidence.find((e) => e.agency === '公安' && e.fact === '户籍地')?.value ?? '';
  return /^\d{6}(\d{3}(\d{3})?)?$/.test(v) ? v : null;
}

/** "渝北区 · 龙溪街道 · 金龙路社区": the names of a region's county, township and village, as far as the code goes. */
export function placeName(region: string | null | undefined): string {
  if (!region) return '未知地点';
  const parts: string[] = [];
  for (const n of [6, 9, 12]) {
    if (region.length < n) break;
    const name = regionName(region.slice(0, n));
    if (name) parts.push(name);
  }
  if (!parts.length) parts.push(regionName(region.slice(0, 4)) ?? regionName(region.slice(0, 2)) ?? region);
  return parts.join(' · ');
}

/** "渝北区民政部门": the agency's office at the county of a region. */
export function officeName(agency: string, region: string): string {
  const county = regionName(region.slice(0, 6)) ?? regionName(region.slice(0, 4)) ?? '';
  const title = isAgency(agency) ? AGENCY_INFO[agency].title : agency;
  return `${county}${title}${agency === 'disabled-persons' ? '' : '部门'}`;
}

let routingCache: RoutingPolicy | undefined;

/** The routing in force: `domain/src/routing.ts`, with the rules a `HUB_ROUTING_FILE` (JSON) replaces. */
export function routing(): RoutingPolicy {
  if (routingCache) return routingCache;
  const file = process.env.HUB_ROUTING_FILE;
  if (!file) return (routingCache = DEFAULT_ROUTING);
  try {
    return (routingCache = routingWith(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>));
  } catch (err) {
    throw new Error(`HUB_ROUTING_FILE ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function routeOf(rule: string): RoutingPolicy[RuleId] | undefined {
  return (routing() as Partial<Record<string, RoutingPolicy[RuleId]>>)[rule];
}

function taskRegion(t: TaskRoute, place: string, hukou: string | null, school: string | null): string {
  if (t.at === 'hukou' && hukou) return hukou;
  if (t.at === 'school' && school) return school;
  return place;
}

interface NewTask {
  id: string;
  case_id: string;
  agency: Agency;
  region: string;
  action: string;
  due_days: number;
}

interface NewEvent {
  case_id: string;
  task_id: string | null;
  kind: string;
  note: string | null;
  detail: string | null;
}

/** The tasks a rule's route sends, and their ROUTED events. */
function routeTasks(
  caseId: string,
  rule: string,
  place: string,
  hukou: string | null,
  school: string | null,
  tasks: NewTask[],
  events: NewEvent[],
): void {
  for (const t of routeOf(rule)?.tasks ?? []) {
    const task: NewTask = {
      id: randomUUID(),
      case_id: caseId,
      agency: t.agency,
      region: taskRegion(t, place, hukou, school),
      action: t.action,
      due_days: t.dueDays,
    };
    tasks.push(task);
    events.push({
      case_id: caseId,
      task_id: task.id,
      kind: 'ROUTED',
      note: `转交${officeName(t.agency, task.region)}：${t.action}（${t.dueDays} 日内）`,
      detail: JSON.stringify({ agency: t.agency, region: task.region, action: t.action }),
    });
  }
}

async function insertTasksAndEvents(m: Manager, tasks: NewTask[], events: NewEvent[], actor: string, runId: string | null): Promise<void> {
  if (tasks.length) {
    await m.query(
      `INSERT INTO case_task (id, case_id, agency, region, action, due_on, status)
       SELECT x.id, x.case_id, x.agency, x.region, x.action, (now() AT TIME ZONE 'Asia/Shanghai')::date + x.due_days, 'PENDING'
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, case_id uuid, agency text, region text, action text, due_days int)`,
      [JSON.stringify(tasks)],
    );
  }
  if (events.length) {
    await m.query(
      `INSERT INTO case_event (case_id, task_id, actor, actor_agency, kind, note, detail, run_id)
       SELECT x.case_id, x.task_id, $2, '民政', x.kind, x.note, x.detail::jsonb, $3::uuid
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, task_id uuid, kind text, note text, detail text)`,
      [JSON.stringify(events), actor, runId],
    );
  }
}

/** The run saw these (rule, child) pairs, flagged or inconclusive: its close-out leaves them alone. */
export async function recordSeen(m: Manager, runId: string, pairs: readonly [string, string][]): Promise<void> {
  if (!pairs.length) return;
  await m.query(
    `INSERT INTO finding_run (run_id, rule, child_id)
     SELECT $1::uuid, x.rule, x.child_id FROM jsonb_to_recordset($2::jsonb) AS x(rule text, child_id text)
     ON CONFLICT DO NOTHING`,
    [runId, JSON.stringify(pairs.map(([rule, child_id]) => ({ rule, child_id })))],
  );
}

/** Opens, keeps, reopens or leaves closed the cases of a page's flagged findings. */
export async function driveFlagged(m: Manager, run: RunRef, flagged: readonly FlaggedFinding[], actor: string): Promise<void> {
  if (!flagged.length) return;
  const keys = JSON.stringify(flagged.map((f) => ({ rule: f.rule, child_id: f.childId })));
  const existing = (await m.query(
    `SELECT c.id, c.rule, c.child_id, c.status, c.dismissed_fingerprint, c.place_region, c.hukou_region,
            c.closed_by_run
       FROM hub_case c JOIN jsonb_to_recordset($1::jsonb) AS x(rule text, child_id text) ON c.rule = x.rule AND c.child_id = x.child_id
      WHERE c.source = 'FINDING'`,
    [keys],
  )) as {
    id: string;
    rule: string;
    child_id: string;
    status: string;
    dismissed_fingerprint: string | null;
    place_region: string;
    hukou_region: string | null;
    closed_by_run: string | null;
  }[];
  const byKey = new Map(existing.map((c) => [`${c.rule} ${c.child_id}`, c]));
  const fresh = flagged.filter((f) => !byKey.has(`${f.rule} ${f.childId}`));
  const residence = new Map<string, string>();
  /** Findings dismissed before cases existed: their case starts dismissed, on the facts seen now. */
  const dismissedBefore = new Set<string>();
  if (fresh.length) {
    const rows = (await m.query(`SELECT id, residence_region FROM child_record WHERE id = ANY($1)`, [
      [...new Set(fresh.map((f) => f.childId))],
    ])) as { id: string; residence_region: string }[];
    for (const r of rows) residence.set(r.id, r.residence_region);
    const dismissed = (await m.query(
      `SELECT f.rule, f.child_id FROM finding f JOIN jsonb_to_recordset($1::jsonb) AS x(rule text, child_id text)
         ON f.rule = x.rule AND f.child_id = x.child_id WHERE f.status = 'DISMISSED'`,
      [JSON.stringify(fresh.map((f) => ({ rule: f.rule, child_id: f.childId })))],
    )) as { rule: string; child_id: string }[];
    for (const d of dismissed) dismissedBefore.add(`${d.rule} ${d.child_id}`);
  }

  const newCases: Record<string, unknown>[] = [];
  const seen: Record<string, unknown>[] = [];
  const reopened: Record<string, unknown>[] = [];
  const tasks: NewTask[] = [];
  const events: NewEvent[] = [];
  for (const f of flagged) {
    const fp = fingerprintOf(f.rule, f.evidence);
    const current = byKey.get(`${f.rule} ${f.childId}`);
    const route = routeOf(f.rule);
    if (!current) {
      const place = residence.get(f.childId) ?? f.region;
      if (!place || !route) continue;
      const hukou = hukouOf(f.evidence);
      const id = randomUUID();
      const responsibleTask = route.tasks.find((t) => t.agency === route.responsible);
      const wasDismissed = dismissedBefore.has(`${f.rule} ${f.childId}`);
      newCases.push({
        status: wasDismissed ? 'DISMISSED' : 'OPEN',
        dismissed_fingerprint: wasDismissed ? fp : null,
        id,
        rule: f.rule,
        child_id: f.childId,
        place_region: place,
        hukou_region: hukou,
        responsible_agency: route.responsible,
        responsible_region: responsibleTask ? taskRegion(responsibleTask, place, hukou, f.schoolRegion ?? null) : place,
        summary: f.reason,
        closure_approval: route.closureApproval,
        fingerprint: fp,
      });
      events.push({
        case_id: id,
        task_id: null,
        kind: 'OPENED',
        note: `核查于 ${run.asOf} 发现：${RULE_NAMES[f.rule as RuleId] ?? f.rule}`,
        detail: JSON.stringify({ rule: f.rule }),
      });
      if (wasDismissed) {
        events.push({
          case_id: id,
          task_id: null,
          kind: 'DISMISSED',
          note: '此线索在启用个案之前已被排除；以本次核查的事实为准，事实变化前不再开启',
          detail: JSON.stringify({ fingerprint: fp }),
        });
        continue;
      }
      routeTasks(id, f.rule, place, hukou, f.schoolRegion ?? null, tasks, events);
      continue;
    }
    const open = current.status === 'OPEN' || current.status === 'IN_PROGRESS' || current.status === 'AWAITING_APPROVAL';
    const dismissedSame = current.status === 'DISMISSED' && current.dismissed_fingerprint === fp;
    if (open || dismissedSame) {
      seen.push({ id: current.id, summary: f.reason, fingerprint: fp });
      continue;
    }
    const why =
      current.status === 'DISMISSED'
        ? `排除时所判断的事实已变化，核查于 ${run.asOf} 仍发现：${f.reason}`
        : current.closed_by_run
          ? `核查于 ${run.asOf} 再次发现：${f.reason}`
          : `已人工结案，但核查于 ${run.asOf} 仍发现：${f.reason}`;
    reopened.push({ id: current.id, summary: f.reason, fingerprint: fp, rule: f.rule, child_id: f.childId, note: why });
    events.push({ case_id: current.id, task_id: null, kind: 'REOPENED', note: why, detail: JSON.stringify({ fingerprint: fp }) });
    routeTasks(current.id, f.rule, current.place_region, current.hukou_region, f.schoolRegion ?? null, tasks, events);
  }

  if (newCases.length) {
    const inserted = (await m.query(
      `INSERT INTO hub_case (id, source, rule, child_id, place_region, hukou_region, responsible_agency, responsible_region, status,
                             summary, closure_approval, fingerprint, dismissed_fingerprint, closed_at, opened_on, last_seen_on, last_run)
       SELECT x.id, 'FINDING', x.rule, x.child_id, x.place_region, x.hukou_region, x.responsible_agency, x.responsible_region, x.status,
              x.summary, x.closure_approval, x.fingerprint, x.dismissed_fingerprint, CASE WHEN x.status = 'DISMISSED' THEN now() END,
              $2::date, $2::date, $3::uuid
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, rule text, child_id text, place_region text, hukou_region text,
              responsible_agency text, responsible_region text, summary text, closure_approval boolean, fingerprint text,
              status text, dismissed_fingerprint text)
       ON CONFLICT (rule, child_id) WHERE source = 'FINDING' DO NOTHING
       RETURNING id`,
      [JSON.stringify(newCases), run.asOf, run.id],
    )) as { id: string }[];
    // A case another run opened a moment ago keeps its own tasks and history.
    const kept = new Set(inserted.map((r) => r.id));
    const lost = new Set(newCases.map((c) => c.id as string).filter((id) => !kept.has(id)));
    if (lost.size) {
      const keepTasks = tasks.filter((t) => !lost.has(t.case_id));
      const keepEvents = events.filter((e) => !lost.has(e.case_id));
      tasks.splice(0, tasks.length, ...keepTasks);
      events.splice(0, events.length, ...keepEvents);
    }
  }
  if (seen.length) {
    await m.query(
      `UPDATE hub_case c SET last_seen_on = GREATEST(c.last_seen_on, $2::date), last_run = $3::uuid,
              summary = CASE WHEN c.last_seen_on IS NULL OR c.last_seen_on <= $2::date THEN x.summary ELSE c.summary END,
              fingerprint = CASE WHEN c.last_seen_on IS NULL OR c.last_seen_on <= $2::date THEN x.fingerprint ELSE c.fingerprint END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, summary text, fingerprint text) WHERE c.id = x.id`,
      [JSON.stringify(seen), run.asOf, run.id],
    );
  }
  if (reopened.length) {
    await m.query(
      `UPDATE hub_case c SET status = 'OPEN', closed_at = NULL, closed_by_run = NULL, dismissed_fingerprint = NULL, assignee = NULL,
              summary = x.summary, fingerprint = x.fingerprint, last_seen_on = $2::date, last_run = $3::uuid, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, summary text, fingerprint text) WHERE c.id = x.id`,
      [JSON.stringify(reopened), run.asOf, run.id],
    );
    // The findings list shows the same: open again, with the reason in its notes.
    await m.query(
      `UPDATE finding f SET status = 'OPEN', resolved_on = NULL, resolved_by_run = NULL, updated_at = now(), updated_by = $2,
              note = COALESCE(f.note || E'\\n', '') || '重新开启：' || x.note
         FROM jsonb_to_recordset($1::jsonb) AS x(rule text, child_id text, note text) WHERE f.rule = x.rule AND f.child_id = x.child_id`,
      [JSON.stringify(reopened), actor],
    );
  }
  await insertTasksAndEvents(m, tasks, events, actor, run.id);
}

/** Which open finding cases a run closes: the (rule, child) pairs it found CLEAR, or — at the end of a complete
 * run — those of its rules and region it did not see at all (no longer in the check's scope). */
export type Closing =
  { pairs: readonly { rule: string; child_id: string }[] } | { notSeenBy: { region: string; rules: readonly string[] } };

/** Closes the open cases a run no longer flags (or no longer reaches), with the run and why. */
export async function closeByData(m: Manager, runId: string, closing: Closing, note: string, actor: string): Promise<number> {
  let selector: string;
  const params: unknown[] = [runId, actor, note];
  if ('pairs' in closing) {
    if (!closing.pairs.length) return 0;
    params.push(JSON.stringify(closing.pairs));
    selector = `(c.rule, c.child_id) IN (SELECT x.rule, x.child_id FROM jsonb_to_recordset($4::jsonb) AS x(rule text, child_id text))`;
  } else {
    params.push(closing.notSeenBy.rules, `${closing.notSeenBy.region}%`);
    selector = `c.rule = ANY($4) AND c.place_region LIKE $5
      AND NOT EXISTS (SELECT 1 FROM finding_run s WHERE s.run_id = $1::uuid AND s.rule = c.rule AND s.child_id = c.child_id)`;
  }
  const rows = (await m.query(
    `WITH closed AS (
       UPDATE hub_case c SET status = 'CLOSED', closed_at = now(), closed_by_run = $1::uuid, updated_at = now()
        WHERE c.source = 'FINDING' AND c.status IN ('OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL') AND ${selector}
        RETURNING c.id),
     tasks AS (
       UPDATE case_task t SET status = 'CLOSED', updated_at = now() WHERE t.case_id IN (SELECT id FROM closed) AND t.status IN ('PENDING', 'ACCEPTED')
        RETURNING t.case_id)
     INSERT INTO case_event (case_id, actor, actor_agency, kind, note, run_id, detail)
     SELECT id, $2, '民政', 'RESOLVED_BY_DATA', $3, $1::uuid,
            jsonb_build_object('tasksClosed', (SELECT count(*) FROM tasks WHERE tasks.case_id = closed.id))
       FROM closed
     RETURNING case_id`,
    params,
  )) as unknown[];
  return rows.length;
}
