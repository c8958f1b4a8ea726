import { useEffect, useState } from 'react';
import { familyMissing, mayReadFamily } from '../access';
import { COLOUR, gql, NOT_PERMITTED, OUTCOME, refused, zh, type Session } from '../api';
import { Pager } from '../Pager';
import { codesIn, usePlaces, withPlaces } from '../regions';
import { useFilters } from '../route';

const DEFAULTS = { colour: '' };

interface Result {
  rule: string;
  name: string;
  outcome: 'FLAGGED' | 'CLEAR' | 'INCONCLUSIVE';
  reason: string;
}
interface Node {
  id: string;
  welfare: { name: string | null; riskColour: string; residenceRegion: string; hukouRegion: string | null } | null;
  visits?: { visitedOn: string }[] | null;
  checks: Result[] | null;
}
interface Page {
  roster: { totalCount: number; nodes: Node[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * A roster view with one family of live checks per child, paged by the hub: 流动儿童核验 (the migrant
 * ledger with its five verification rules) and 走访情况 (visits against the risk colour's interval).
 */
export function Checklist({ session, kind }: { session: Session; kind: 'migrant' | 'visits' }) {
  const [{ colour }, setFilters] = useFilters(DEFAULTS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page['roster'] | null>(null);
  const [denied, setDenied] = useState(false);
  const [error, setError] = useState('');
  const title = kind === 'migrant' ? '流动儿童核验' : '走访情况';
  const family = kind === 'migrant' ? 'migrantVerification' : 'careChecks';
  // Asked only when the role may read them: otherwise the list alone, and a sentence saying why.
  const mayCheck = mayReadFamily(session, family);
  const place = usePlaces(
    (page?.nodes ?? []).flatMap((n) => [
      n.welfare?.residenceRegion,
      n.welfare?.hukouRegion,
      ...codesIn(...(n.checks ?? []).map((c) => c.reason)),
    ]),
  );

  useEffect(() => {
    const filter = kind === 'migrant' ? { categories: ['MIGRANT'] } : colour ? { riskColours: [colour] } : null;
    const checks = !mayCheck
      ? ''
      : kind === 'migrant'
        ? 'checks: migrantVerification { rule name outcome reason }'
        : 'checks: careChecks { rule name outcome reason }';
    const fields = kind === 'migrant' ? checks : `visits(last: 1) { visitedOn } ${checks}`;
    setError('');
    gql<Page>(
      session,
      `query($filter: RosterFilter, $after: String) { roster(filter: $filter, first: 25, after: $after) { totalCount
         nodes { id welfare { name riskColour residenceRegion hukouRegion } ${fields} } pageInfo { endCursor hasNextPage } } }`,
      { filter, after: cursors[cursors.length - 1] },
    ).then(
      (r) => {
        if (refused(r, 'roster')) return setError(NOT_PERMITTED);
        setPage(r.data.roster);
        setDenied(!mayCheck || [...r.denied].some((p) => p.endsWith('checks')));
      },
      (e: Error) => setError(e.message),
    );
  }, [session, kind, colour, cursors, mayCheck]);

  const rules = kind === 'migrant' ? null : ['CARE-VISIT-OVERDUE'];
  const shown = (n: Node) => (n.checks ?? []).filter((c) => !rules || rules.includes(c.rule));
  return (
    <section>
      <h2>{title}</h2>
      {kind === 'visits' && (
        <div className="filters">
          <label>
            风险等级
            <select
              name="colour"
              value={colour}
              onChange={(e) => {
                setFilters({ colour: e.target.value });
                setCursors([null]);
              }}
            >
              <option value="">全部</option>
              {Object.entries(COLOUR).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {!error && (
        <p className="muted" data-testid="checklist-total">
          共 {page?.totalCount ?? '…'} 名儿童（核查基准日：今天）
        </p>
      )}
      {denied && (
        <p className="notice" data-testid="checks-denied">
          {mayCheck
            ? '您的角色无权查看这些核查结果，只列出名单。'
            : `核查结果依据${familyMissing(session, family)}等数据，您的角色无权查看这些数据，只列出名单。`}
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
        <p className="muted">没有符合条件的儿童。</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>姓名</th>
              <th>风险等级</th>
              <th>居住地 / 户籍地</th>
              {kind === 'visits' && <th>最近走访</th>}
              {!denied && <th>核查结果</th>}
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((n) => (
              <tr key={n.id} onClick={() => (location.hash = `/child/${encodeURIComponent(n.id)}`)}>
                <td>{n.welfare?.name ?? '无权限查看'}</td>
                <td>
                  <span className="dot" style={{ background: COLOUR[n.welfare?.riskColour ?? '']?.hex }} />{' '}
                  {COLOUR[n.welfare?.riskColour ?? '']?.name}
                </td>
                <td>
                  {place(n.welfare?.residenceRegion)}
                  <div className="muted small">户籍 {n.welfare?.hukouRegion ? place(n.welfare.hukouRegion) : '无户籍'}</div>
                </td>
                {kind === 'visits' && <td>{n.visits?.[0]?.visitedOn ?? '无记录'}</td>}
                {!denied && (
                  <td>
                    {n.checks == null
                      ? '无权限查看'
                      : shown(n).map((c) => (
                          <div key={c.rule} className={c.outcome.toLowerCase()} title={withPlaces(zh(c.reason), place)}>
                            {c.name}：{OUTCOME[c.outcome]}
                            {c.outcome !== 'CLEAR' ? ` — ${withPlaces(zh(c.reason), place)}` : ''}
                          </div>
                        ))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} />
    </section>
  );
}
