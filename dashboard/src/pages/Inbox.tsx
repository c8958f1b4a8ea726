import { Fragment, useCallback, useEffect, useState } from 'react';
import { AGENCY_INFO } from '@hub/domain';
import { gql, NOT_PERMITTED, refused, zh, type Session } from '../api';
import {
  agencyOf,
  ANSWER,
  CASE_STATUS,
  childIdNumber,
  childName,
  childSelection,
  mayWork,
  SOURCE,
  subjectOf,
  TASK_STATUS,
  type CaseChild,
  shortPlace,
} from '../cases';
import { downloadXlsx, exportedMessage, fetchAll } from '../export';
import { Pager } from '../Pager';
import { codesIn, usePlaces, withPlaces } from '../regions';
import { useFilters } from '../route';
import { TaskActions } from './TaskActions';

export interface Task extends CaseChild {
  id: string;
  caseId: string;
  agency: string;
  region: string;
  office: string;
  action: string;
  ruleName: string | null;
  caseSource: string;
  dueOn: string;
  overdue: boolean;
  status: string;
  assignee: string | null;
  answer: string | null;
  answerNote: string | null;
  placeName: string;
  caseStatus: string;
  facts: { agency: string; fact: string; value: string }[];
}
interface Page {
  caseTasks: { totalCount: number; nodes: Task[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export const TASK_FIELDS = (session: Session) =>
  `id caseId agency region office action ruleName caseSource dueOn overdue status assignee answer answerNote placeName caseStatus
   facts { agency fact value } ${childSelection(session)}`;

/** The inbox's query, for the page shown and for the export (which pages through every task of the filter). */
const LIST = (fields: string) => `query($filter: CaseTaskFilter, $first: Int!, $after: String) {
  caseTasks(filter: $filter, first: $first, after: $after) { totalCount nodes { ${fields} } pageInfo { endCursor hasNextPage } } }`;

const DEFAULTS = { status: '', overdue: '', mine: '', source: '' };
const ASSIGN = `mutation($taskId: ID!, $assignee: String!) { assignCaseTask(taskId: $taskId, assignee: $assignee) { id } }`;
/** Tasks that may still be assigned (the hub refuses an answered or closed one). */
const ASSIGNABLE = ['PENDING', 'ACCEPTED'];
const PAGE_SIZE = 20;

/**
 * 收件箱: the tasks routed to the user's agency in their jurisdiction (caseTasks), earliest due first; 逾期 stands
 * out. Filters (status, only overdue, only mine) are kept in the address. A row opens its actions in place.
 */
export function Inbox({ session }: { session: Session }) {
  const [{ status, overdue, mine, source }, setFilters] = useFilters(DEFAULTS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page['caseTasks'] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ task: string; text: string } | null>(null);
  const [error, setError] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ busy: boolean; ok?: string; failed?: string[] }>({ busy: false });
  const place = usePlaces((page?.nodes ?? []).flatMap((t) => codesIn(...t.facts.map((f) => f.value))));
  const filter = (patch: Partial<typeof DEFAULTS>) => {
    setFilters(patch);
    setCursors([null]);
    setMessage(null);
    setPicked(new Set());
    setExported('');
  };
  const canPick = (t: Task) => ASSIGNABLE.includes(t.status) && mayWork(session, t);
  const pickable = (page?.nodes ?? []).filter(canPick);
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** One assignCaseTask per task picked, one after another; says how many went through and which did not, and why. */
  async function assignPicked(assignee: string) {
    const tasks = (page?.nodes ?? []).filter((t) => picked.has(t.id));
    setBulk({ busy: true });
    setMessage(null);
    const failed: string[] = [];
    for (const t of tasks) {
      try {
        await gql(session, ASSIGN, { taskId: t.id, assignee });
      } catch (e) {
        failed.push(`${childName(t)} · ${t.action}：${(e as Error).message}`);
      }
    }
    const done = tasks.length - failed.length;
    setBulk({
      busy: false,
      ok: `批量指派给 ${assignee}：${done} 项成功${failed.length ? `，${failed.length} 项未成功` : ''}。`,
      failed,
    });
    setPicked(new Set());
    load();
  }

  const taskFilter = useCallback(
    () => ({
      statuses: status === 'ALL' ? Object.keys(TASK_STATUS) : status ? [status] : null,
      overdue: overdue === '1' ? true : null,
      assignedToMe: mine === '1' ? true : null,
      source: source || null,
    }),
    [status, overdue, mine, source],
  );

  const load = useCallback(() => {
    setError('');
    gql<Page>(session, LIST(TASK_FIELDS(session)), { filter: taskFilter(), first: PAGE_SIZE, after: cursors[cursors.length - 1] }).then(
      (r) => (refused(r, 'caseTasks') ? setError(NOT_PERMITTED) : setPage(r.data.caseTasks)),
      (e: Error) => setError(e.message),
    );
  }, [session, taskFilter, cursors]);
  useEffect(load, [load]);

  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState('');
  /**
   * Every task of the current filter to a sheet with Chinese headers: the child by name (the ID number only with
   * child:identity), never the pseudonymous id.
   */
  async function exportAll() {
    const identity = session.scopes.includes('child:identity');
    const query = LIST(`action ruleName office dueOn overdue status assignee placeName ${childSelection(session, { idNumber: identity })}`);
    setExporting(true);
    setExported('');
    setError('');
    try {
      const done = await fetchAll<Task>(async (first, after) => {
        const r = await gql<Page>(session, query, { filter: taskFilter(), first, after });
        if (refused(r, 'caseTasks')) throw new Error(NOT_PERMITTED);
        return r.data.caseTasks;
      });
      await downloadXlsx(
        `收件箱-${new Date().toISOString().slice(0, 10)}.xlsx`,
        '收件箱',
        ['儿童姓名', ...(identity ? ['身份证号'] : []), '所在地', '事项', '来源', '承办单位', '期限', '逾期', '状态', '承办人'],
        done.rows.map((t) => [
          childName(t),
          ...(identity ? [childIdNumber(t)] : []),
          shortPlace(t.placeName),
          t.action,
          t.ruleName ?? SOURCE[t.caseSource],
          t.office,
          t.dueOn,
          t.overdue ? '逾期' : '',
          TASK_STATUS[t.status] ?? t.status,
          t.assignee,
        ]),
      );
      setExported(exportedMessage(done, '项'));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section>
      <h2>收件箱</h2>
      <div className="filters">
        <label>
          任务状态
          <select name="status" value={status} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">待办（待签收、已签收）</option>
            {Object.entries(TASK_STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
            <option value="ALL">全部</option>
          </select>
        </label>
        <label>
          来源
          <select name="source" value={source} onChange={(e) => filter({ source: e.target.value })}>
            <option value="">全部</option>
            {Object.entries(SOURCE).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="overdue"
            checked={overdue === '1'}
            onChange={(e) => filter({ overdue: e.target.checked ? '1' : '' })}
          />
          只看逾期
        </label>
        <label className="inline">
          <input type="checkbox" name="mine" checked={mine === '1'} onChange={(e) => filter({ mine: e.target.checked ? '1' : '' })} />
          指派给我
        </label>
        {!error && (
          <span className="muted" data-testid="inbox-total">
            共 {page?.totalCount ?? '…'} 项
          </span>
        )}
        <button onClick={exportAll} disabled={exporting || !page?.totalCount}>
          {exporting ? '导出中…' : '导出 Excel'}
        </button>
      </div>
      {exported && (
        <p className="ok" role="status" data-testid="export-message">
          {exported}
        </p>
      )}
      {message && !page?.nodes.some((t) => t.id === message.task) && (
        <p className="ok" role="status" data-testid="inbox-message">
          {message.text}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {/* The count says "none to do" only for the default list (the open tasks), not for a filtered one. */}
      <OfficeNote session={session} count={status || overdue || mine ? undefined : page?.totalCount} />
      {pickable.length > 0 && <BulkAssign count={picked.size} busy={bulk.busy} me={subjectOf(session)} onAssign={assignPicked} />}
      {bulk.ok && (
        <div className={bulk.failed?.length ? 'notice' : 'ok'} role="status" data-testid="bulk-message">
          {bulk.ok}
          {!!bulk.failed?.length && (
            <ul className="small" data-testid="bulk-failed">
              {bulk.failed.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!page ? (
        !error && <p className="muted">加载中…</p>
      ) : page.nodes.length === 0 ? (
        <p className="muted">没有符合条件的任务。</p>
      ) : (
        <table className="table cards-on-phone" data-testid="inbox">
          <thead>
            <tr>
              <th className="pick">
                <input
                  type="checkbox"
                  aria-label="全选本页可指派的任务"
                  name="pick-all"
                  disabled={!pickable.length}
                  checked={pickable.length > 0 && pickable.every((t) => picked.has(t.id))}
                  onChange={(e) => setPicked(new Set(e.target.checked ? pickable.map((t) => t.id) : []))}
                />
              </th>
              <th>儿童</th>
              <th>所在地</th>
              <th>事项</th>
              <th>期限</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((t) => (
              <Fragment key={t.id}>
                <tr
                  className={`${open === t.id ? 'selected' : ''} ${t.overdue ? 'late' : ''}`}
                  data-testid="task-row"
                  data-task={t.id}
                  onClick={() => {
                    setOpen(open === t.id ? null : t.id);
                    setMessage(null);
                  }}
                >
                  <td className="pick" onClick={(e) => e.stopPropagation()}>
                    {canPick(t) && (
                      <input
                        type="checkbox"
                        name="pick"
                        aria-label={`选择：${childName(t)} · ${t.action}`}
                        checked={picked.has(t.id)}
                        onChange={(e) => toggle(t.id, e.target.checked)}
                      />
                    )}
                  </td>
                  <td data-label="儿童">{childName(t)}</td>
                  <td data-label="所在地">{shortPlace(t.placeName)}</td>
                  <td data-label="事项">
                    {t.action}
                    <div className="muted small">
                      {t.ruleName ?? SOURCE[t.caseSource]} · {t.office}
                      {!t.ruleName && t.facts[0] && <div className="report-line">{t.facts[0].value}</div>}
                    </div>
                  </td>
                  <td data-label="期限" className="nowrap due">
                    {t.dueOn}
                    {t.overdue && <span className="badge late">逾期</span>}
                  </td>
                  <td data-label="状态">
                    {TASK_STATUS[t.status] ?? t.status}
                    {t.assignee && <div className="muted small">承办人 {t.assignee}</div>}
                    {t.answer && <div className="muted small">{ANSWER[t.answer]}</div>}
                  </td>
                </tr>
                {open === t.id && (
                  <tr className="panel">
                    <td colSpan={6}>
                      {t.facts.length > 0 && (
                        <ul className="evidence">
                          {t.facts.map((f, i) => (
                            <li key={i}>
                              {f.fact}：{withPlaces(zh(f.value), place)}
                            </li>
                          ))}
                        </ul>
                      )}
                      {message?.task === t.id && (
                        <p className="ok" role="status" data-testid="inbox-message">
                          {message.text}
                        </p>
                      )}
                      <p className="muted small">个案状态：{CASE_STATUS[t.caseStatus] ?? t.caseStatus}</p>
                      <TaskActions
                        session={session}
                        task={t}
                        onDone={(m) => {
                          setMessage({ task: t.id, text: `${childName(t)} · ${t.action}：${m}` });
                          load();
                        }}
                      />
                      <a href={`#/case/${encodeURIComponent(t.caseId)}`}>查看个案 →</a>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} />
    </section>
  );
}

/**
 * Where a user below the district (a township's supervisor, a village's child director) looks for work: the hub
 * routes a case's tasks to an agency's office named after the district (大足区民政部门), and such a user's inbox
 * holds only the tasks of that office placed inside their own township or village — often none. Said by name, with
 * where to follow the cases of their area instead (个案, which lists the cases placed or registered there
 * whichever office works them), so that an empty inbox does not read as a fault or as nothing to follow.
 */
export function OfficeNote({ session, count }: { session: Session; count: number | undefined }) {
  const agency = agencyOf(session);
  const districts = [...new Set(session.jurisdiction.filter((j) => j.length > 6).map((j) => j.slice(0, 6)))];
  const place = usePlaces(districts);
  if (!agency || !districts.length) return null;
  const office = (d: string) => `${place(d, { short: true })}${AGENCY_INFO[agency].title}${agency === 'disabled-persons' ? '' : '部门'}`;
  const cases = session.scopes.includes('case:task') && session.scopes.includes('welfare:read');
  return (
    <p className="notice" data-testid="office-note">
      本辖区的个案任务由{districts.map(office).join('、')}承办
      {count === 0 ? '，目前没有落在您辖区内、待您处理的任务。' : '；这里只列出其中落在您辖区内的任务。'}
      {cases && (
        <>
          本辖区儿童的个案及各部门的办理进度，请在<a href="#/cases">「个案」</a>中查看。
        </>
      )}
    </p>
  );
}

/** The bar over the inbox for the tasks picked: an account typed in (or the user's own), and one button for all. */
function BulkAssign(props: { count: number; busy: boolean; me: string; onAssign: (assignee: string) => void }) {
  const { count, busy, me, onAssign } = props;
  const [assignee, setAssignee] = useState('');
  return (
    <div className="filters bulk" data-testid="bulk-assign">
      <span className="muted" data-testid="bulk-count">
        已选 {count} 项
      </span>
      <label>
        批量指派给
        <input name="bulk-assignee" value={assignee} placeholder="承办人账号" onChange={(e) => setAssignee(e.target.value)} />
      </label>
      <span>
        <button disabled={busy || !count || !assignee.trim()} onClick={() => onAssign(assignee.trim())}>
          {busy ? '正在指派…' : '批量指派'}
        </button>
        {me && (
          <button className="secondary" disabled={busy || !count} onClick={() => onAssign(me)}>
            批量指派给我
          </button>
        )}
      </span>
    </div>
  );
}
