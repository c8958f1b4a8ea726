import { useEffect, useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import { gql, type Session } from '../api';
import { Chart } from '../Chart';
import { downloadXlsx } from '../export';
import { loadPlaces, usePlaces } from '../regions';
import { pct, SCORECARD_FIGURES, type ScorecardRow } from '../scorecard';

/**
 * 月度趋势 of 台账工作考核 (docs/ledger.md#statistics): the figures kept month by month — agreements, home visits in
 * time, directors trained, cases closed in time, new cases — for the user's area, drawn as rates and listed by month,
 * and exported by month and area for the yearly report. Loaded only when asked for: the chart library stays off the
 * phone's first pages.
 */
interface Month {
  month: string;
  asOf: string;
  areas: ScorecardRow[];
  total: ScorecardRow;
}

const STATS = `{ ledgerStatistics { month asOf areas { ${SCORECARD_FIGURES} } total { ${SCORECARD_FIGURES} } } }`;

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((1000 * n) / of) / 10);

export function ScorecardTrend({ session }: { session: Session }) {
  const [months, setMonths] = useState<Month[] | null>(null);
  const [error, setError] = useState('');
  const place = usePlaces((months ?? []).flatMap((m) => m.areas.map((a) => a.region)));
  useEffect(() => {
    gql<{ ledgerStatistics: Month[] | null }>(session, STATS).then(
      (r) => (r.data.ledgerStatistics ? setMonths(r.data.ledgerStatistics) : setError('您的角色无权查看台账统计。')),
      (e: Error) => setError(e.message),
    );
  }, [session]);
  const option = useMemo<EChartsOption | null>(() => {
    if (!months?.length) return null;
    const series = (name: string, f: (t: ScorecardRow) => number | null) => ({
      name,
      type: 'line' as const,
      showSymbol: true,
      symbolSize: 8,
      data: months.map((m) => f(m.total)),
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${String(v)}%`) },
      animation: false,
      legend: { top: 0 },
      grid: { left: 10, right: 20, top: 56, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        series('委托照护协议', (t) => rate(t.withAgreement, t.leftBehind)),
        series('按期入户走访', (t) => rate(t.visitedInTime, t.children)),
        series('儿童主任培训', (t) => rate(t.trainedDirectors, t.directors)),
        series('个案按期办结', (t) => rate(t.closedInTime, t.casesClosed)),
      ],
    };
  }, [months]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!months) return <p className="muted">加载中…</p>;
  if (!months.length)
    return (
      <p className="muted" data-testid="trend-empty">
        尚无月度统计：每晚核查后统计本月、补齐上月。
      </p>
    );
  async function exportYear() {
    await loadPlaces(months!.flatMap((m) => m.areas.map((a) => a.region)));
    const rows = months!.flatMap((m) =>
      [...m.areas, { ...m.total, region: '' }].map((a) => [
        m.month,
        m.asOf,
        a.region ? place(a.region) : '合计',
        a.children,
        a.leftBehind,
        a.withAgreement,
        a.visitedInTime,
        a.directors,
        a.trainedDirectors,
        a.newCases,
        a.casesClosed,
        a.closedInTime,
      ]),
    );
    await downloadXlsx(
      `台账工作统计-${months![0].month}至${months!.at(-1)!.month}.xlsx`,
      '月度统计',
      [
        '月份',
        '统计日',
        '区划',
        '台账儿童',
        '留守儿童',
        '有效委托照护协议',
        '按期入户走访',
        '儿童主任',
        '经培训合格',
        '新增个案',
        '办结个案',
        '按期办结',
      ],
      rows,
    );
  }
  return (
    <div data-testid="scorecard-trend">
      {option && <Chart option={option} label="台账工作月度趋势" />}
      <table className="table cards-on-phone">
        <thead>
          <tr>
            <th>月份</th>
            <th>委托照护协议</th>
            <th>按期入户走访</th>
            <th>儿童主任培训</th>
            <th>新增个案</th>
            <th>按期办结</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} data-testid="trend-month" data-month={m.month}>
              <td data-label="月份">
                {m.month} <span className="muted small">（统计日 {m.asOf}）</span>
              </td>
              <td data-label="委托照护协议">{pct(m.total.withAgreement, m.total.leftBehind, { bare: true })}</td>
              <td data-label="按期入户走访">{pct(m.total.visitedInTime, m.total.children, { bare: true })}</td>
              <td data-label="儿童主任培训">{pct(m.total.trainedDirectors, m.total.directors, { bare: true })}</td>
              <td data-label="新增个案">{m.total.newCases}</td>
              <td data-label="按期办结">{pct(m.total.closedInTime, m.total.casesClosed, { bare: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" className="link" onClick={() => void exportYear()} data-testid="export-statistics">
          导出月度统计 Excel（按月份、区划）
        </button>
      </p>
    </div>
  );
}
