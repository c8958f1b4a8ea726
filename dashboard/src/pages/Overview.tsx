import { useEffect, useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import { CATEGORY, COLOUR, gql, RUN_STATUS, type Session } from '../api';
import { Chart } from '../Chart';

interface Stats {
  /** null when the role may not see the ledger (welfare:read). */
  rosterStats: { total: number; byCategory: Count[]; byRiskColour: Count[]; byDistrict: Count[] } | null;
  findingStats:
    { rule: string; name: string; family: string; open: number; inProgress: number; resolved: number; dismissed: number }[] | null;
  reconciliationRuns:
    | {
        id: string;
        asOf: string;
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

const QUERY = `{
  rosterStats { total byCategory { key count } byRiskColour { key count } byDistrict { key count } }
  findingStats { rule name family open inProgress resolved dismissed }
  reconciliationRuns(first: 10) { id asOf status startedAt finishedAt children newFindings resolvedFindings counts { rule flagged unavailable } }
}`;

/** 总览: the user's jurisdiction at a glance, every number aggregated by the hub inside that jurisdiction. */
export function Overview({ session }: { session: Session }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    gql<Stats>(session, QUERY).then(
      (r) => setStats(r.data),
      (e: Error) => setError(e.message),
    );
  }, [session]);

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
    const district: EChartsOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 10, bottom: 40 },
      xAxis: { type: 'category', data: s.byDistrict.slice(0, 20).map((d) => d.key), axisLabel: { rotate: 45 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: s.byDistrict.slice(0, 20).map((d) => d.count), itemStyle: { color: '#91cc75' } }],
    };
    const findings: EChartsOption | null = stats.findingStats && {
      tooltip: { trigger: 'axis' },
      legend: { data: ['待处理', '处理中'] },
      grid: { left: 170, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: stats.findingStats.map((f) => f.name) },
      series: [
        { name: '待处理', type: 'bar', stack: 'open', data: stats.findingStats.map((f) => f.open), itemStyle: { color: '#d93025' } },
        { name: '处理中', type: 'bar', stack: 'open', data: stats.findingStats.map((f) => f.inProgress), itemStyle: { color: '#f2b705' } },
      ],
    };
    // Oldest first, left to right: what each run found, opened and closed.
    const runs = [...(stats.reconciliationRuns ?? [])].filter((r) => r.status !== 'RUNNING').reverse();
    const trend: EChartsOption | null = runs.length
      ? {
          tooltip: { trigger: 'axis' },
          legend: { data: ['发现问题', '新增线索', '办结线索'] },
          grid: { left: 50, right: 20, top: 30, bottom: 40 },
          xAxis: {
            type: 'category',
            data: runs.map((r) => `${r.asOf}\n${new Date(r.startedAt).toLocaleTimeString('zh-CN', { hour12: false })}`),
          },
          yAxis: { type: 'value' },
          series: [
            { name: '发现问题', type: 'line', data: runs.map((r) => r.counts.reduce((n, c) => n + c.flagged, 0)) },
            { name: '新增线索', type: 'line', data: runs.map((r) => r.newFindings) },
            { name: '办结线索', type: 'line', data: runs.map((r) => r.resolvedFindings) },
          ],
        }
      : null;
    return { category, colour, district, findings, trend };
  }, [stats]);

  if (error) return <p className="error">{error}</p>;
  if (stats && !stats.rosterStats) {
    return (
      <section>
        <h2>总览</h2>
        <p className="denied" data-testid="overview-denied">
          无权限查看：总览统计民政台账，您的角色没有民政台账权限（welfare:read）。
        </p>
      </section>
    );
  }
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
        <div className="card stat">
          <div className="muted">未结问题线索</div>
          <div className="big" data-testid="open-findings">
            {open ?? '无权限查看'}
          </div>
        </div>
        <div className="card stat">
          <div className="muted">最近一次核查</div>
          <div data-testid="last-run">
            {last ? (
              <>
                {RUN_STATUS[last.status] ?? last.status}（基准日 {last.asOf}，{last.children} 人次）
                {last.status === 'PARTIAL' && (
                  <div className="warn">
                    数据不可用的规则：
                    {last.counts
                      .filter((c) => c.unavailable > 0)
                      .map((c) => `${c.rule}（${c.unavailable} 人）`)
                      .join('、')}
                  </div>
                )}
              </>
            ) : stats.reconciliationRuns ? (
              '尚未运行'
            ) : (
              '无权限查看'
            )}
          </div>
        </div>
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
          <h3>按区县</h3>
          <Chart option={charts.district} label="按区县统计" />
        </div>
        <div className="card">
          <h3>近期核查趋势</h3>
          {charts.trend ? (
            <Chart option={charts.trend} label="近期核查的发现、新增与办结" />
          ) : (
            <p className="muted">{stats.reconciliationRuns ? '尚无已完成的核查' : '无权限查看'}</p>
          )}
        </div>
        <div className="card">
          <h3>未结问题线索（按规则）</h3>
          {charts.findings ? (
            <Chart
              option={charts.findings}
              height={Math.max(200, 60 + 28 * (stats.findingStats?.length ?? 0))}
              label="按规则统计未结问题线索"
            />
          ) : (
            <p className="muted">无权限查看</p>
          )}
        </div>
      </div>
    </section>
  );
}
