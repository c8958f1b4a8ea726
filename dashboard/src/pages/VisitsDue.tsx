import { useEffect, useState } from 'react';
import { COLOUR, gql, type Session } from '../api';
import { usePlaces } from '../regions';

/**
 * 待走访 on 工作台 for the people who visit (`ledger:write`: child directors, township supervisors, district
 * caseworkers; docs/ledger.md#children-due-a-visit): the children living in their area who are overdue a home visit,
 * never visited at home, or due within the week — never-visited first, then most overdue first, as the hub orders
 * them (`visitsDue`). Each name opens the child's page, where the visit is recorded. A home visit moves the child
 * down; a call does not.
 */
interface Due {
  child: { id: string; welfare: { name: string | null } | null };
  residenceRegion: string;
  riskColour: string;
  lastHomeVisitOn: string | null;
  dueOn: string | null;
  daysOverdue: number | null;
  overdue: boolean;
}
interface Page {
  totalCount: number;
  overdueCount: number;
  nodes: Due[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Children due within this many days are listed with the overdue ones. */
const AHEAD = 7;
const PAGE = 10;
const QUERY = `query($first: Int!, $after: String) { visitsDue(first: $first, after: $after, dueWithinDays: ${AHEAD}) {
  totalCount overdueCount pageInfo { endCursor hasNextPage }
  nodes { child { id welfare { name } } residenceRegion riskColour lastHomeVisitOn dueOn daysOverdue overdue } } }`;

/** When the next home visit is due, in words. */
function dueText(d: Due): string {
  if (d.lastHomeVisitOn === null) return '从未入户走访';
  if (d.daysOverdue === null) return '—';
  if (d.daysOverdue > 0) return `逾期 ${d.daysOverdue} 天（${d.dueOn} 前应走访）`;
  if (d.daysOverdue === 0) return `今天到期（${d.dueOn}）`;
  return `还剩 ${-d.daysOverdue} 天（${d.dueOn} 前）`;
}

export function VisitsDue({ session }: { session: Session }) {
  const [page, setPage] = useState<Page | null>(null);
  const [rows, setRows] = useState<Due[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const place = usePlaces(rows.map((r) => r.residenceRegion));

  const load = (after: string | null) => {
    setBusy(true);
    gql<{ visitsDue: Page | null }>(session, QUERY, { first: PAGE, after }).then(
      (r) => {
        setBusy(false);
        const p = r.data.visitsDue;
        if (!p) return setError('您的角色无权查看待走访儿童。');
        setPage(p);
        setRows((old) => (after ? [...old, ...p.nodes] : p.nodes));
      },
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  useEffect(() => {
    load(null);
    // The session decides the list; the first page loads once per session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  // The village (and its township, for a supervisor's several villages), never the code.
  const village = (code: string) => {
    const name = place(code);
    return name === '…' || name === '未知区划' ? name : name.split(' · ').slice(-2).join(' · ');
  };
  return (
    <div className="card visits-due" data-testid="visits-due-card">
      <h3>
        待走访{' '}
        {page && (
          <span className="muted small" data-testid="visits-due-summary">
            （逾期或从未入户走访 {page.overdueCount} 名；{AHEAD} 日内到期的一并列出，共 {page.totalCount} 名）
          </span>
        )}
      </h3>
      {error ? (
        <p className="error">{error}</p>
      ) : !page ? (
        <p className="muted">加载中…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="visits-due-none">
          本辖区没有逾期或 {AHEAD} 日内到期的入户走访。
        </p>
      ) : (
        <>
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>儿童</th>
                <th>村（社区）</th>
                <th>风险等级</th>
                <th>最近入户走访</th>
                <th>走访期限</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.child.id} data-testid="visit-due" data-child={d.child.id} className={d.overdue ? 'late' : ''}>
                  <td data-label="儿童">
                    <a href={`#/child/${encodeURIComponent(d.child.id)}`} data-testid="visit-due-child">
                      {d.child.welfare?.name ?? '（无权查看姓名）'}
                    </a>
                  </td>
                  <td data-label="村（社区）">{village(d.residenceRegion)}</td>
                  <td data-label="风险等级">
                    <span className="dot" style={{ background: COLOUR[d.riskColour]?.hex }} /> {COLOUR[d.riskColour]?.name ?? d.riskColour}
                  </td>
                  <td data-label="最近入户走访">{d.lastHomeVisitOn ?? '无'}</td>
                  <td data-label="走访期限" className="due" data-testid="visit-due-when">
                    {d.overdue ? <strong>{dueText(d)}</strong> : dueText(d)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.pageInfo.hasNextPage && (
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() => load(page.pageInfo.endCursor)}
              data-testid="visits-due-more"
            >
              显示更多
            </button>
          )}
          <p className="muted small">只有入户走访计入「一月一访」；电话、视频、到校会记录在档，但不改变走访期限。</p>
        </>
      )}
    </div>
  );
}
