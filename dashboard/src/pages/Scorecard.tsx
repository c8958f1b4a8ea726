import { lazy, Suspense, useEffect, useState } from 'react';
import { gql, type Session } from '../api';
import { usePlaces } from '../regions';
import { pct, SCORECARD_FIGURES, type ScorecardRow } from '../scorecard';

/**
 * 台账工作考核 on 工作台 for civil-affairs staff (docs/ledger.md#scorecard): per area one level below the user's
 * (district → townships, township → villages, a village itself), left-behind children with a valid agreement, children
 * visited at home within their interval, and this month's cases opened and closed on time. Counted by the hub on the
 * day; the ledger entries of the day move it.
 */
interface Card {
  asOf: string;
  month: string;
  areas: ScorecardRow[];
  total: ScorecardRow;
}

const SCORE = `{ ledgerScorecard { asOf month areas { ${SCORECARD_FIGURES} } total { ${SCORECARD_FIGURES} } } }`;
// The month-by-month trend, with its chart library, loads only when opened.
const ScorecardTrend = lazy(() => import('./ScorecardTrend').then((m) => ({ default: m.ScorecardTrend })));

export function Scorecard({ session }: { session: Session }) {
  const [card, setCard] = useState<Card | null>(null);
  const [error, setError] = useState('');
  const [trend, setTrend] = useState(false);
  const place = usePlaces((card?.areas ?? []).map((a) => a.region));
  useEffect(() => {
    gql<{ ledgerScorecard: Card | null }>(session, SCORE).then(
      (r) => (r.data.ledgerScorecard ? setCard(r.data.ledgerScorecard) : setError('您的角色无权查看台账工作考核。')),
      (e: Error) => setError(e.message),
    );
  }, [session]);
  if (error) return null;
  if (!card) return <p className="muted">加载中…</p>;
  const rows = [...card.areas, { ...card.total, region: '' }];
  return (
    <div className="card" data-testid="scorecard">
      <h3>
        台账工作考核{' '}
        <span className="muted small">
          （统计日 {card.asOf}；个案按 {card.month} 计）
        </span>
      </h3>
      <table className="table cards-on-phone">
        <thead>
          <tr>
            <th>区划</th>
            <th>台账儿童</th>
            <th>留守儿童委托照护协议</th>
            <th>按期入户走访</th>
            <th>儿童主任培训</th>
            <th>本月新增个案</th>
            <th>本月按期办结</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.region || 'total'} data-testid={r.region ? 'scorecard-row' : 'scorecard-total'} data-region={r.region}>
              <td data-label="区划">{r.region ? place(r.region) : <strong>合计</strong>}</td>
              <td data-label="台账儿童">{r.children}</td>
              <td data-label="委托照护协议">{pct(r.withAgreement, r.leftBehind)}</td>
              <td data-label="按期入户走访" data-testid="visited-in-time">
                {pct(r.visitedInTime, r.children)}
              </td>
              <td data-label="儿童主任培训" data-testid="trained-directors">
                {pct(r.trainedDirectors, r.directors)}
              </td>
              <td data-label="本月新增个案">{r.newCases}</td>
              <td data-label="本月按期办结">{pct(r.closedInTime, r.casesClosed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" className="link" onClick={() => setTrend(!trend)} data-testid="open-trend">
          {trend ? '收起月度趋势' : '月度趋势与导出'}
        </button>
      </p>
      {trend && (
        <Suspense fallback={<p className="muted">加载中…</p>}>
          <ScorecardTrend session={session} />
        </Suspense>
      )}
    </div>
  );
}
