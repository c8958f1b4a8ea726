import { useEffect, useState } from 'react';
import { gql, NOT_PERMITTED, refused, type Session } from '../api';
import { agencyOf, CASE_STATUS, childName, childSelection, REPORT_KIND, shortPlace, SOURCE, type CaseChild } from '../cases';
import { Pager } from '../Pager';
import { RegionPicker } from '../regions';
import { useFilters } from '../route';

interface CaseRow extends CaseChild {
  id: string;
  source: string;
  ruleName: string | null;
  reportKind: string | null;
  placeName: string;
  hukouName: string | null;
  responsibleOffice: string;
  status: string;
  openedOn: string;
}
interface Page {
  cases: { totalCount: number; nodes: CaseRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null;
}

const OPEN = ['OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL'];
const DEFAULTS = { status: '', region: '', source: '' };
const PAGE_SIZE = 20;

/**
 * 个案 (#/cases): the cases the hub lets the user see — for civil affairs those placed in the jurisdiction or with a
 * hukou there, so a hukou district finds its migrant children's cases opened where they live. Filters (status,
 * place or hukou place picked by name, source) are kept in the address; a row opens the case.
 */
export function Cases({ session }: { session: Session }) {
  const [{ status, region, source }, setFilters] = useFilters(DEFAULTS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<{ key: string; data: NonNullable<Page['cases']> } | null>(null);
  const [error, setError] = useState<{ key: string; text: string } | null>(null);
  const filter = (patch: Partial<typeof DEFAULTS>) => {
    setFilters(patch);
    setCursors([null]);
  };
  const key = JSON.stringify([status, region, source, cursors]);

  useEffect(() => {
    let live = true;
    gql<Page>(
      session,
      `query($filter: CaseFilter, $first: Int!, $after: String) { cases(filter: $filter, first: $first, after: $after) {
         totalCount pageInfo { endCursor hasNextPage }
         nodes { id source ruleName reportKind placeName hukouName responsibleOffice status openedOn ${childSelection(session)} } } }`,
      {
        filter: {
          statuses: status === 'ALL' ? null : status ? [status] : OPEN,
          regionPrefix: region || null,
          source: source || null,
        },
        first: PAGE_SIZE,
        after: cursors[cursors.length - 1],
      },
    ).then(
      (r) => {
        if (!live) return;
        if (refused(r, 'cases')) setError({ key, text: NOT_PERMITTED });
        else setPage({ key, data: r.data.cases! });
      },
      (e: Error) => live && setError({ key, text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session, key, status, region, source, cursors]);

  const failed = error?.key === key ? error.text : '';
  const shown = page?.key === key ? page.data : null;
  return (
    <section>
      <h2>个案</h2>
      <div className="filters">
        <label>
          个案状态
          <select name="status" value={status} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">未结</option>
            {Object.entries(CASE_STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
            <option value="ALL">全部</option>
          </select>
        </label>
        <label>
          所在地或户籍地
          <RegionPicker name="region" roots={session.jurisdiction} value={region} onChange={(code) => filter({ region: code })} />
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
        {!failed && (
          <span className="muted" data-testid="cases-total">
            共 {shown ? shown.totalCount : '…'} 件
          </span>
        )}
      </div>
      <p className="muted small">
        {agencyOf(session) === 'civil-affairs'
          ? '本辖区的个案：所在地在本辖区的，以及户籍地在本辖区、在居住地开启的个案（如流动儿童）。'
          : '本辖区内有转交本部门任务的个案。'}
        未结为待处理、处理中和待审批结案；按最近更新排列。
      </p>
      {failed ? (
        <p className="error" role="alert">
          {failed}
        </p>
      ) : !shown ? (
        <p className="muted">加载中…</p>
      ) : shown.nodes.length === 0 ? (
        <p className="muted">没有符合条件的个案。</p>
      ) : (
        <table className="table cards-on-phone" data-testid="cases">
          <thead>
            <tr>
              <th>儿童</th>
              <th>所在地</th>
              <th>事由</th>
              <th>负责单位</th>
              <th>状态</th>
              <th>开启日期</th>
            </tr>
          </thead>
          <tbody>
            {shown.nodes.map((c) => (
              <tr key={c.id} data-testid="case-row" data-case={c.id}>
                <td data-label="儿童">
                  <a href={`#/case/${encodeURIComponent(c.id)}`}>{childName(c)}</a>
                </td>
                <td data-label="所在地">
                  {shortPlace(c.placeName)}
                  {c.hukouName && c.hukouName !== c.placeName && (
                    <div className="muted small" data-testid="case-hukou">
                      户籍地 {shortPlace(c.hukouName)}
                    </div>
                  )}
                </td>
                <td data-label="事由">
                  {c.ruleName ?? (c.reportKind ? (REPORT_KIND[c.reportKind] ?? c.reportKind) : '')}
                  <div className="muted small">{SOURCE[c.source] ?? c.source}</div>
                </td>
                <td data-label="负责单位">{c.responsibleOffice}</td>
                <td data-label="状态">{CASE_STATUS[c.status] ?? c.status}</td>
                <td data-label="开启日期" className="nowrap">
                  {c.openedOn}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={shown?.pageInfo} />
    </section>
  );
}
