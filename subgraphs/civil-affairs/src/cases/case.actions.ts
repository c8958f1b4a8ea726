import { AGENCY_INFO, isAgency } from '@hub/domain';
import { agenciesOf, type SubgraphContext } from '@hub/subgraph-kit';
import type { CaseEventKind } from './case.types';

/**
 * The steps people take on a case, shared by the case API and the findings list (whose actions are written into
 * the finding's case so its history keeps them). Each runs inside the caller's transaction.
 */

type Db = SubgraphContext['db'];
type Row = Record<string, unknown>;

export const OPEN_STATUSES = ['OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL'];

export function rowsOf(result: unknown): Row[] {
  // pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query runner.
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Row[];
}

export function agencyName(agency: string): string {
  return isAgency(agency) ? AGENCY_INFO[agency].title : agency;
}

function actorAgency(ctx: SubgraphContext): string | null {
  const a = agenciesOf(ctx)[0];
  return a ? agencyName(a) : null;
}

export async function addEvent(
  db: Pick<Db, 'query'>,
  ctx: SubgraphContext,
  caseId: string,
  kind: CaseEventKind,
  note: string | null,
  taskId: string | null = null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await db.query(
    `INSERT INTO case_event (case_id, task_id, actor, actor_agency, kind, note, detail) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [caseId, taskId, ctx.principal.sub, actorAgency(ctx), kind, note, detail ? JSON.stringify(detail) : null],
  );
}

export async function closeNow(m: Pick<Db, 'query'>, ctx: SubgraphContext, id: string, note: string | null): Promise<void> {
  await m.query(`UPDATE hub_case SET status = 'CLOSED', closed_at = now(), closed_by_run = NULL, updated_at = now() WHERE id = $1`, [id]);
  await m.query(`UPDATE case_task SET status = 'CLOSED', updated_at = now() WHERE case_id = $1 AND status IN ('PENDING', 'ACCEPTED')`, [
    id,
  ]);
  await addEvent(m, ctx, id, 'CLOSED', note);
  // The finding behind it reads the same in the findings list.
  await m.query(
    `UPDATE finding f SET status = 'RESOLVED', resolved_on = (now() AT TIME ZONE 'Asia/Shanghai')::date, resolved_by_run = NULL,
            updated_at = now(), updated_by = $2 FROM hub_case c
      WHERE c.id = $1 AND c.source = 'FINDING' AND f.rule = c.rule AND f.child_id = c.child_id AND f.status IN ('OPEN', 'IN_PROGRESS')`,
    [id, ctx.principal.sub],
  );
}

export async function dismissNow(m: Pick<Db, 'query'>, ctx: SubgraphContext, kase: Row, reason: string): Promise<void> {
  await m.query(
    `UPDATE hub_case SET status = 'DISMISSED', dismissed_fingerprint = fingerprint, closed_at = now(), closed_by_run = NULL, updated_at = now() WHERE id = $1`,
    [kase.id],
  );
  await m.query(`UPDATE case_task SET status = 'CLOSED', updated_at = now() WHERE case_id = $1 AND status IN ('PENDING', 'ACCEPTED')`, [
    kase.id,
  ]);
  await addEvent(m, ctx, kase.id as string, 'DISMISSED', reason, null, { fingerprint: kase.fingerprint ?? null });
  await m.query(
    `UPDATE finding f SET status = 'DISMISSED', updated_at = now(), updated_by = $2 FROM hub_case c
      WHERE c.id = $1 AND c.source = 'FINDING' AND f.rule = c.rule AND f.child_id = c.child_id AND f.status IN ('OPEN', 'IN_PROGRESS')`,
    [kase.id, ctx.principal.sub],
  );
}

/**
 * The findings list's actions (updateFinding) written into the finding's case, so its history keeps them: an
 * assignment, work started, resolved, dismissed (with the facts judged), or reopened by a person.
 */
export async function mirrorFindingUpdate(
  m: Pick<Db, 'query'>,
  ctx: SubgraphContext,
  rule: string,
  childId: string,
  change: { status: string | null; assignee: string | null; note: string | null },
): Promise<void> {
  const kase = rowsOf(
    await m.query(`SELECT * FROM hub_case WHERE source = 'FINDING' AND rule = $1 AND child_id = $2 FOR UPDATE`, [rule, childId]),
  )[0];
  if (!kase) return;
  const id = kase.id as string;
  if (change.assignee) {
    await m.query(`UPDATE hub_case SET assignee = $2, updated_at = now() WHERE id = $1`, [id, change.assignee]);
    await addEvent(m, ctx, id, 'ASSIGNED', `指派 ${change.assignee}`);
  }
  const open = OPEN_STATUSES.includes(kase.status as string);
  if (change.status === 'RESOLVED' && open) await closeNow(m, ctx, id, change.note);
  else if (change.status === 'DISMISSED' && open) await dismissNow(m, ctx, kase, change.note ?? '');
  else if (change.status === 'OPEN' && !open) {
    await m.query(`UPDATE hub_case SET status = 'OPEN', closed_at = NULL, dismissed_fingerprint = NULL, updated_at = now() WHERE id = $1`, [
      id,
    ]);
    await addEvent(m, ctx, id, 'REOPENED', change.note ?? '人工重新开启');
  } else if (change.status === 'IN_PROGRESS' && kase.status === 'OPEN') {
    await m.query(`UPDATE hub_case SET status = 'IN_PROGRESS', updated_at = now() WHERE id = $1`, [id]);
    await addEvent(m, ctx, id, 'NOTE', change.note ? `处理中：${change.note}` : '开始处理');
  } else if (change.note && !change.status) await addEvent(m, ctx, id, 'NOTE', change.note);
}
