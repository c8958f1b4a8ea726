import { useCallback, useEffect, useState } from 'react';
import { gql, NOT_PERMITTED, refused, type Session } from '../api';
import { agencyOf, CASE_STATUS, childIdNumber, childName, childSelection, REPORT_KIND, shortPlace, SOURCE, type CaseChild } from '../cases';
import { downloadXlsx, exportedMessage, fetchAll } from '../export';
import { Pager } from '../Pager';
import { loadPlaces, RegionPicker, usePlaces } from '../regions';
import { useFilters } from '../route';

interface CaseRow extends CaseChild {
  id: string;
  source: string;
  ruleName: string | null;
  reportKind: string | null;
  placeRegion: string;
  placeName: string;
  hukouRegion: string | null;
  hukouName: string | null;
  responsibleOffice: string;
  status: string;
  openedOn: string;
}
interface Page {
  cases: { totalCount: number; nodes: CaseRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null;
}

const OPEN = ['OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL'];
/** The list's query, for the page shown and for the export (which pages through every case of the filter). */
const LIST = (fields: string) => `query($filter: CaseFilter, $first: Int!, $after: String) {
  cases(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ${fields} } } }`;
const FIELDS = 'id source ruleName reportKind placeRegion placeName hukouRegion hukouName responsibleOffice status openedOn';
/** What a case is about in Chinese: its rule, or the kind of mandatory report that opened it. */
const reason = (c: CaseRow) => c.ruleName ?? (c.reportKind ? (REPORT_KIND[c.reportKind] ?? c.reportKind) : '');
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
  const caseFilter = useCallback(
    () => ({ statuses: status === 'ALL' ? null : status ? [status] : OPEN, regionPrefix: region || null, source: source || null }),
    [status, region, source],
  );

  useEffect(() => {
    let live = true;
    gql<Page>(session, LIST(`${FIELDS} ${childSelection(session)}`), {
      filter: caseFilter(),
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1],
    }).then(
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
  }, [session, key, caseFilter, cursors]);

  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ key: string; text: string; error?: boolean } | null>(null);
  /**
   * Every case of the current filter to a sheet with Chinese headers: the child by name (the ID number only with
   * child:identity), never the pseudonymous id.
   */
  async function exportAll() {
    const identity = session.scopes.includes('child:identity');
    const query = LIST(`${FIELDS} ${childSelection(session, { idNumber: identity })}`);
    setExporting(true);
    setExported(null);
    try {
      const done = await fetchAll<CaseRow>(async (first, after) => {
        const r = await gql<Page>(session, query, { filter: caseFilter(), first, after });
        if (refused(r, 'cases')) throw new Error(NOT_PERMITTED);
        return r.data.cases!;
      });
      // The provinces of places outside the user's (shortPlace) before the sheet is written.
      await loadPlaces(done.rows.flatMap((c) => [c.placeRegion, c.hukouRegion]));
      await downloadXlsx(
        `个案-${new Date().toISOString().slice(0, 10)}.xlsx`,
        '个案',
        ['儿童姓名', ...(identity ? ['身份证号'] : []), '所在地', '户籍地', '事由', '来源', '负责单位', '状态', '开启日期'],
        done.rows.map((c) => [
          childName(c),
          ...(identity ? [childIdNumber(c)] : []),
          shortPlace(c.placeName, c.placeRegion),
          c.hukouName ? shortPlace(c.hukouName, c.hukouRegion) : '',
          reason(c),
          SOURCE[c.source] ?? c.source,
          c.responsibleOffice,
          CASE_STATUS[c.status] ?? c.status,
          c.openedOn,
        ]),
      );
      setExported({ key, text: exportedMessage(done, '件') });
    } catch (e) {
      setExported({ key, text: (e as Error).message, error: true });
    } finally {
      setExporting(false);
    }
  }

  const failed = error?.key === key ? error.text : '';
  const shown = page?.key === key ? page.data : null;
  // Re-rendered when the names arrive: a place outside the user's province is shown with it.
  usePlaces((shown?.nodes ?? []).flatMap((c) => [c.placeRegion, c.hukouRegion]));
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
        <button onClick={exportAll} disabled={exporting || !shown?.totalCount}>
          {exporting ? '导出中…' : '导出 Excel'}
        </button>
      </div>
      {exported?.key === key && (
        <p className={exported.error ? 'error' : 'ok'} role={exported.error ? 'alert' : 'status'} data-testid="export-message">
          {exported.text}
        </p>
      )}
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
                  {shortPlace(c.placeName, c.placeRegion)}
                  {c.hukouName && c.hukouName !== c.placeName && (
                    <div className="muted small" data-testid="case-hukou">
                      户籍地 {shortPlace(c.hukouName, c.hukouRegion)}
                    </div>
                  )}
                </td>
                <td data-label="事由">
                  {reason(c)}
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
