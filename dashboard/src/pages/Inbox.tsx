import { Fragment, useCallback, useEffect, useState } from 'react';
import { gql, NOT_PERMITTED, refused, zh, type Session } from '../api';
import { ANSWER, CASE_STATUS, childName, childSelection, TASK_STATUS, type CaseChild, shortPlace } from '../cases';
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
  `id caseId agency region office action ruleName dueOn overdue status assignee answer answerNote placeName caseStatus
   facts { agency fact value } ${childSelection(session)}`;

const DEFAULTS = { status: '', overdue: '', mine: '' };
const PAGE_SIZE = 20;

/**
 * 收件箱: the tasks routed to the user's agency in their jurisdiction (caseTasks), earliest due first; 逾期 stands
 * out. Filters (status, only overdue, only mine) are kept in the address. A row opens its actions in place.
 */
export function Inbox({ session }: { session: Session }) {
  const [{ status, overdue, mine }, setFilters] = useFilters(DEFAULTS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page['caseTasks'] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ task: string; text: string } | null>(null);
  const [error, setError] = useState('');
  const place = usePlaces((page?.nodes ?? []).flatMap((t) => codesIn(...t.facts.map((f) => f.value))));
  const filter = (patch: Partial<typeof DEFAULTS>) => {
    setFilters(patch);
    setCursors([null]);
    setMessage(null);
  };

  const load = useCallback(() => {
    setError('');
    gql<Page>(
      session,
      `query($filter: CaseTaskFilter, $first: Int!, $after: String) { caseTasks(filter: $filter, first: $first, after: $after) {
         totalCount nodes { ${TASK_FIELDS(session)} } pageInfo { endCursor hasNextPage } } }`,
      {
        filter: {
          statuses: status === 'ALL' ? Object.keys(TASK_STATUS) : status ? [status] : null,
          overdue: overdue === '1' ? true : null,
          assignedToMe: mine === '1' ? true : null,
        },
        first: PAGE_SIZE,
        after: cursors[cursors.length - 1],
      },
    ).then(
      (r) => (refused(r, 'caseTasks') ? setError(NOT_PERMITTED) : setPage(r.data.caseTasks)),
      (e: Error) => setError(e.message),
    );
  }, [session, status, overdue, mine, cursors]);
  useEffect(load, [load]);

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
      </div>
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
      {!page ? (
        !error && <p className="muted">加载中…</p>
      ) : page.nodes.length === 0 ? (
        <p className="muted">没有符合条件的任务。</p>
      ) : (
        <table className="table cards-on-phone" data-testid="inbox">
          <thead>
            <tr>
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
                  <td data-label="儿童">{childName(t)}</td>
                  <td data-label="所在地">{shortPlace(t.placeName)}</td>
                  <td data-label="事项">
                    {t.action}
                    <div className="muted small">
                      {t.ruleName ?? '强制报告或人工登记'} · {t.office}
                    </div>
                  </td>
                  <td data-label="期限" className="nowrap">
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
                    <td colSpan={5}>
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
