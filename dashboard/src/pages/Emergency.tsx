import { useState } from 'react';
import { ApiError, CATEGORY, COLOUR, gql, NOT_PERMITTED, refused, type Session } from '../api';
import { downloadXlsx } from '../export';
import { placeName, RegionPicker, usePlaces } from '../regions';

interface Row {
  id: string;
  welfare: {
    name: string | null;
    riskColour: string;
    categories: string[];
    residenceRegion: string;
    idNumber: string | null;
    guardian: { name: string | null; phone: string | null } | null;
  } | null;
  childDirector: { name: string; phone: string | null } | null;
}
interface Page {
  emergencyRoster: { totalCount: number; nodes: Row[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}
const QUERY = `query($codes: [String!]!, $cats: [ChildCategory!], $colours: [RiskColour!], $after: String) {
  emergencyRoster(regionCodes: $codes, categories: $cats, riskColours: $colours, first: 1000, after: $after) {
    totalCount nodes { id welfare { name riskColour categories residenceRegion idNumber guardian { name phone } } childDirector { name phone } }
    pageInfo { endCursor hasNextPage } } }`;

/** 突发事件: pick the affected areas, get every child to reach there (by category and risk colour), export the list. */
export function Emergency({ session }: { session: Session }) {
  // The affected areas, picked by name (the graph takes their codes): those added, or else the one in the picker
  // (the whole jurisdiction when nothing is picked).
  const [codes, setCodes] = useState<string[]>([]);
  const [pick, setPick] = useState(session.jurisdiction.length === 1 ? session.jurisdiction[0] : '');
  // A jurisdiction of one village (a child director) has nothing below it to pick: the page names the place instead.
  const village = session.jurisdiction.length === 1 && session.jurisdiction[0].length === 12 ? session.jurisdiction[0] : null;
  const identity = session.scopes.includes('child:identity');
  const [colours, setColours] = useState<string[]>(['RED', 'YELLOW']);
  const [cats, setCats] = useState<string[]>([]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const place = usePlaces([...codes, pick, ...(rows ?? []).map((r) => r.welfare?.residenceRegion)]);

  const toggle = (list: string[], set: (x: string[]) => void, v: string) =>
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  async function search(e: React.FormEvent) {
    e.preventDefault();
    const areas = codes.length ? codes : pick ? [pick] : session.jurisdiction;
    setBusy(true);
    setError('');
    try {
      const all: Row[] = [];
      let after: string | null = null;
      let count = 0;
      for (;;) {
        const r: { data: Page; denied: Set<string> } = await gql<Page>(session, QUERY, {
          codes: areas,
          cats: cats.length ? cats : null,
          colours: colours.length ? colours : null,
          after,
        });
        if (refused(r, 'emergencyRoster')) throw new ApiError(NOT_PERMITTED);
        all.push(...r.data.emergencyRoster.nodes);
        count = r.data.emergencyRoster.totalCount;
        if (!r.data.emergencyRoster.pageInfo.hasNextPage) break;
        after = r.data.emergencyRoster.pageInfo.endCursor;
      }
      setRows(all);
      setTotal(count);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h2>突发事件应急查询</h2>
      <form onSubmit={search} className="card">
        <fieldset>
          <legend>{village ? '受影响区划' : '受影响区划（可选多个区县、乡镇或村）'}</legend>
          {village ? (
            <p data-testid="emergency-fixed">
              {place(village)}
              <span className="muted small">（您的辖区）</span>
            </p>
          ) : (
            <>
              <div className="chips" data-testid="emergency-regions">
                {codes.length === 0 && <span className="muted">未添加：查询下方所选区划</span>}
                {codes.map((c) => (
                  <span key={c} className="chip">
                    {place(c)}
                    <button
                      type="button"
                      className="link"
                      aria-label={`移除 ${place(c)}`}
                      onClick={() => setCodes(codes.filter((x) => x !== c))}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>
              <RegionPicker name="emergency-region" roots={session.jurisdiction} value={pick} onChange={setPick} allLabel="请选择" />{' '}
              <button
                type="button"
                name="add-region"
                disabled={!pick || codes.includes(pick)}
                onClick={() =>
                  // A region inside one already chosen adds nothing; one enclosing others replaces them.
                  setCodes(
                    [...codes.filter((c) => !c.startsWith(pick)), pick].filter((c, _, all) => !all.some((o) => o !== c && c.startsWith(o))),
                  )
                }
              >
                添加
              </button>{' '}
              <button type="button" className="link" onClick={() => setCodes([])}>
                清空
              </button>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>风险等级</legend>
          {Object.entries(COLOUR).map(([k, v]) => (
            <label key={k} className="inline">
              <input type="checkbox" checked={colours.includes(k)} onChange={() => toggle(colours, setColours, k)} /> {v.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>儿童类别（不选为全部）</legend>
          {Object.entries(CATEGORY).map(([k, v]) => (
            <label key={k} className="inline">
              <input type="checkbox" checked={cats.includes(k)} onChange={() => toggle(cats, setCats, k)} /> {v}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? '查询中…' : '查询'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows && (
        <>
          <p>
            <span data-testid="emergency-total">共 {total} 名儿童</span>{' '}
            <button
              disabled={!rows.length}
              onClick={() =>
                void downloadXlsx(
                  `突发事件-${new Date().toISOString().slice(0, 10)}.xlsx`,
                  '应急排查名单',
                  [
                    '姓名',
                    ...(identity ? ['身份证号'] : []),
                    '风险等级',
                    '类别',
                    '居住地',
                    '监护人',
                    '监护人电话',
                    '儿童主任',
                    '儿童主任电话',
                  ],
                  rows.map((r) => [
                    r.welfare?.name ?? '',
                    ...(identity ? [r.welfare?.idNumber ?? ''] : []),
                    COLOUR[r.welfare?.riskColour ?? '']?.name ?? '',
                    (r.welfare?.categories ?? []).map((c) => CATEGORY[c] ?? c).join('、'),
                    placeName(r.welfare?.residenceRegion),
                    r.welfare?.guardian?.name ?? '',
                    r.welfare?.guardian?.phone ?? '',
                    r.childDirector?.name ?? '',
                    r.childDirector?.phone ?? '',
                  ]),
                )
              }
            >
              导出 Excel
            </button>
          </p>
          {rows.length === 0 ? (
            <p className="muted">所选区划内没有符合条件的儿童。</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>风险等级</th>
                  <th>类别</th>
                  <th>居住地</th>
                  <th>监护人</th>
                  <th>儿童主任</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} onClick={() => (location.hash = `/child/${encodeURIComponent(r.id)}`)}>
                    <td>{r.welfare?.name ?? '无权限查看'}</td>
                    <td>
                      <span className="dot" style={{ background: COLOUR[r.welfare?.riskColour ?? '']?.hex }} />{' '}
                      {COLOUR[r.welfare?.riskColour ?? '']?.name}
                    </td>
                    <td>{(r.welfare?.categories ?? []).map((c) => CATEGORY[c] ?? c).join('、')}</td>
                    <td>{place(r.welfare?.residenceRegion)}</td>
                    <td>{r.welfare?.guardian ? `${r.welfare.guardian.name ?? ''} ${r.welfare.guardian.phone ?? ''}` : '—'}</td>
                    <td>{r.childDirector ? `${r.childDirector.name} ${r.childDirector.phone ?? ''}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
