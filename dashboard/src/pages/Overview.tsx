import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import { CATEGORY, COLOUR, gql, NOT_PERMITTED, refused, ruleName, RUN_STATUS, type Session } from '../api';
import { Chart } from '../Chart';
import { timeOf } from '../cases';
import { usePlaces } from '../regions';

interface Stats {
  /** null when the role may not see the ledger (welfare:read). */
  rosterStats: { total: number; byCategory: Count[]; byRiskColour: Count[]; byDistrict: Count[] } | null;
  findingStats:
    { rule: string; name: string; family: string; open: number; inProgress: number; resolved: number; dismissed: number }[] | null;
  reconciliationRuns:
    | {
        id: string;
        asOf: string;
        region: string;
        status: string;
        startedAt: string;
        finishedAt: string | null;
        children: number;
        newFindings: number;
        resolvedFindings: number;
        counts: { rule: string; flagged: number; unavailable: number }[];
      }[]
    | null;
}
interface Count {
  key: string;
  count: number;
}

const ROSTER = 'rosterStats { total byCategory { key count } byRiskColour { key count } byDistrict { key count } }';
// Asked only of roles that may read the cross-checks (crosscheck:read): nobody else gets a refusal to show.
const CHECKS = `findingStats { rule name family open inProgress resolved dismissed }
  reconciliationRuns(first: 30) { id asOf region status startedAt finishedAt children newFindings resolvedFindings counts { rule flagged unavailable } }`;

/** 总览: the user's jurisdiction at a glance, every number aggregated by the hub inside that jurisdiction. */
export function Overview({ session }: { session: Session }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState('');
  const checks = session.scopes.includes('crosscheck:read');
  useEffect(() => {
    gql<Stats>(session, `{ ${ROSTER} ${checks ? CHECKS : ''} }`).then(
      (r) =>
        refused(r, 'rosterStats')
          ? setError(NOT_PERMITTED)
          : setStats({ ...r.data, findingStats: r.data.findingStats ?? null, reconciliationRuns: r.data.reconciliationRuns ?? null }),
      (e: Error) => setError(e.message),
    );
  }, [session, checks]);
  const place = usePlaces([
    ...(stats?.rosterStats?.byDistrict.map((d) => d.key) ?? []),
    ...(stats?.reconciliationRuns?.map((r) => r.region) ?? []),
  ]);
  // The trend compares like with like: the runs of one region at a time (a city's run and a district's differ).
  const runRegions = [...new Set((stats?.reconciliationRuns ?? []).filter((r) => r.status !== 'RUNNING').map((r) => r.region))];
  const [trendRegion, setTrendRegion] = useState('');
  const region = runRegions.includes(trendRegion) ? trendRegion : (runRegions[0] ?? '');
  // A run checks its own region (the nightly one the whole province or city), usually wider than the user's area:
  // its 人次 and 发现问题 are the whole region's, while 新增 and 办结 are counted by the hub inside the user's
  // jurisdiction. Said where the numbers are, so a village's child director does not read a city's as theirs.
  const wider = useCallback((runRegion: string) => !session.jurisdiction.some((j) => runRegion.startsWith(j)), [session.jurisdiction]);

  const charts = useMemo(() => {
    if (!stats?.rosterStats) return null;
    const s = stats.rosterStats;
    const category: EChartsOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 140, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: s.byCategory.map((c) => CATEGORY[c.key] ?? c.key).reverse() },
      series: [{ type: 'bar', data: s.byCategory.map((c) => c.count).reverse(), itemStyle: { color: '#5470c6' } }],
    };
    const colour: EChartsOption = {
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: s.byRiskColour.map((c) => ({
            name: COLOUR[c.key]?.name ?? c.key,
            value: c.count,
            itemStyle: { color: COLOUR[c.key]?.hex },
          })),
        },
      ],
    };
    // Every district, by name, largest on top: horizontal bars, as tall as the list needs.
    const districts = [...s.byDistrict].sort((a, b) => a.count - b.count);
    const district: EChartsOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 10, right: 40, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: districts.map((d) => place(d.key, { short: true })), axisLabel: { interval: 0 } },
      series: [
        { type: 'bar', data: districts.map((d) => d.count), itemStyle: { color: '#91cc75' }, label: { show: true, position: 'right' } },
      ],
    };
    const findings: EChartsOption | null = stats.findingStats && {
      tooltip: { trigger: 'axis' },
      // The legend on top and the grid below it, sized to its labels: ECharts 6 puts a legend at the bottom by
      // default, where it covered the last rule's name, and a fixed left margin cut long names on a phone.
      legend: { data: ['待处理', '处理中'], top: 0 },
      grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: stats.findingStats.map((f) => f.name) },
      series: [
        { name: '待处理', type: 'bar', stack: 'open', data: stats.findingStats.map((f) => f.open), itemStyle: { color: '#d93025' } },
        { name: '处理中', type: 'bar', stack: 'open', data: stats.findingStats.map((f) => f.inProgress), itemStyle: { color: '#f2b705' } },
      ],
    };
    // Oldest first, left to right: what each run found, opened and closed.
    const runs = [...(stats.reconciliationRuns ?? [])].filter((r) => r.status !== 'RUNNING' && r.region === region).reverse();
    // Which count covers what, in the legend itself when the run's region is wider than the user's area.
    const [flagged, opened, closed] = wider(region)
      ? ['发现问题（核查范围）', '新增线索（本辖区）', '办结线索（本辖区）']
      : ['发现问题', '新增线索', '办结线索'];
    const trend: EChartsOption | null = runs.length
      ? {
          tooltip: { trigger: 'axis' },
          // No drawing animation: a single run is one point per line, which the animation leaves blank for a while.
          animation: false,
          legend: { data: [flagged, opened, closed], top: 0 },
          // Room for the legend on two lines: with the scope in the names it wraps in a narrow card.
          grid: { left: 10, right: 20, top: wider(region) ? 60 : 36, bottom: 10, containLabel: true },
          xAxis: {
            type: 'category',
            // When each run started, in Beijing time (the 基准日 is a Beijing date; the browser's zone may differ).
            data: runs.map((r) => timeOf(r.startedAt).replace(' ', '\n')),
          },
          yAxis: { type: 'value' },
          series: [
            {
              name: flagged,
              type: 'line',
              showSymbol: true,
              symbolSize: 8,
              data: runs.map((r) => r.counts.reduce((n, c) => n + c.flagged, 0)),
            },
            { name: opened, type: 'line', showSymbol: true, symbolSize: 8, data: runs.map((r) => r.newFindings) },
            { name: closed, type: 'line', showSymbol: true, symbolSize: 8, data: runs.map((r) => r.resolvedFindings) },
          ],
        }
      : null;
    return { category, colour, district, districtHeight: Math.max(200, 40 + 26 * districts.length), findings, trend };
  }, [stats, place, region, wider]);

  if (error)
    return (
      <section>
        <h2>总览</h2>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!stats || !charts) return <p className="muted">加载中…</p>;
  const open = stats.findingStats?.reduce((n, f) => n + f.open + f.inProgress, 0);
  const last = stats.reconciliationRuns?.[0];
  return (
    <section>
      <h2>总览</h2>
      <div className="cards">
        <div className="card stat">
          <div className="muted">台账儿童</div>
          <div className="big" data-testid="total-children">
            {stats.rosterStats!.total}
          </div>
        </div>
        {checks && (
          <div className="card stat">
            <div className="muted">未结问题线索</div>
            <div className="big" data-testid="open-findings">
              {open ?? '—'}
            </div>
          </div>
        )}
        {checks && (
          <div className="card stat">
            <div className="muted">最近一次核查</div>
            <div data-testid="last-run">
              {last ? (
                <>
                  {RUN_STATUS[last.status] ?? last.status}（基准日 {last.asOf}，{timeOf(last.startedAt)} 开始）
                  <div data-testid="last-run-scope">
                    核查范围：{place(last.region)}，共核查 {last.children} 人次
                  </div>
                  {wider(last.region) && (
                    <div className="muted small" data-testid="last-run-note">
                      人次为整个核查范围的，不限于您的辖区；其中您辖区内新增问题线索 {last.newFindings} 条、办结 {last.resolvedFindings}{' '}
                      条。
                    </div>
                  )}
                  {last.status === 'PARTIAL' && (
                    <div className="warn">
                      数据不可用的规则：
                      {last.counts
                        .filter((c) => c.unavailable > 0)
                        .map((c) => `${ruleName(c.rule)}（${c.unavailable} 人）`)
                        .join('、')}
                    </div>
                  )}
                </>
              ) : (
                '尚未运行'
              )}
            </div>
          </div>
        )}
      </div>
      <div className="grid2">
        <div className="card">
          <h3>按儿童类别</h3>
          <Chart option={charts.category} label="按儿童类别统计" />
        </div>
        <div className="card">
          <h3>按风险等级（四色）</h3>
          <Chart option={charts.colour} label="按风险等级统计" />
        </div>
        <div className="card">
          <h3>按区县（{stats.rosterStats!.byDistrict.length} 个）</h3>
          <div className="chart-scroll">
            <Chart option={charts.district} height={charts.districtHeight} label="按区县统计" />
          </div>
        </div>
        {checks && (
          <div className="card">
            <h3>
              近期核查趋势
              {runRegions.length > 1 && (
                <select name="trendRegion" aria-label="核查区划" value={region} onChange={(e) => setTrendRegion(e.target.value)}>
                  {runRegions.map((r) => (
                    <option key={r} value={r}>
                      {place(r)}
                    </option>
                  ))}
                </select>
              )}
            </h3>
            {charts.trend ? (
              <>
                <p className="muted small" data-testid="trend-scope">
                  核查范围：{place(region)}
                  {wider(region) && '。「发现问题」为整个核查范围的数字，不限于您的辖区；「新增线索」「办结线索」只计您辖区内的。'}
                </p>
                <Chart option={charts.trend} label="近期核查的发现、新增与办结" />
              </>
            ) : (
              <p className="muted">尚无已完成的核查</p>
            )}
          </div>
        )}
        {checks && (
          <div className="card">
            <h3>未结问题线索（按规则）</h3>
            {charts.findings && stats.findingStats?.length ? (
              <Chart
                option={charts.findings}
                height={Math.max(200, 60 + 28 * (stats.findingStats?.length ?? 0))}
                label="按规则统计未结问题线索"
              />
            ) : (
              <p className="muted">暂无问题线索</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
