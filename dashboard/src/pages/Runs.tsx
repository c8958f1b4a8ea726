import { useCallback, useEffect, useState } from 'react';
import { isRole, ROLES } from '@hub/domain';
import { gql, NOT_PERMITTED, refused, ruleName, RUN_STATUS, type Session } from '../api';
import { subjectOf, timeOf } from '../cases';
import { usePlaces } from '../regions';

interface Run {
  id: string;
  asOf: string;
  region: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  pagesDone: number;
  children: number;
  counts: { rule: string; flagged: number; unavailable: number }[];
}
const QUERY = `{ reconciliationRuns(first: 20) { id asOf region status startedAt finishedAt startedBy pagesDone children counts { rule flagged unavailable } } }`;

/** Beijing time, as every page prints it (not the browser's zone: the run's 基准日 is a Beijing date). */
const time = (iso: string | null) => timeOf(iso) || '—';

/**
 * Who started a run, in words: the run keeps the token's subject, an account id nobody should read. The nightly
 * job's account (`service:…`, or the service role's demo token) is the system; a demo login's subject names its
 * role (`demo:<role>:<jurisdiction>`), shown by its title; the user's own runs say so; anyone else is a person
 * whose title the run does not record.
 */
function starterOf(startedBy: string, session: Session): string {
  const demo = /^demo:([^:]+):/.exec(startedBy);
  const role = demo?.[1] ?? '';
  if (startedBy.startsWith('service:') || role === 'reconciliation-service') return '系统夜间核查';
  if (startedBy === subjectOf(session)) return `本人（${session.title}）`;
  if (isRole(role)) return ROLES[role].title;
  return '工作人员手动发起';
}

/** 核查任务: run history, starting a run (crosscheck:run) and watching it, and each run's report. */
export function Runs({ session }: { session: Session }) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const canRun = session.scopes.includes('crosscheck:run') && session.purpose === 'reconciliation';
  const place = usePlaces([...session.jurisdiction, ...(runs ?? []).map((r) => r.region)]);
  const load = useCallback(
    () =>
      gql<{ reconciliationRuns: Run[] }>(session, QUERY).then(
        (r) => (refused(r, 'reconciliationRuns') ? setError(NOT_PERMITTED) : setRuns(r.data.reconciliationRuns)),
        (e: Error) => setError(e.message),
      ),
    [session],
  );
  useEffect(() => {
    void load();
  }, [load]);
  // While a run is going, watch it.
  useEffect(() => {
    if (!runs?.some((r) => r.status === 'RUNNING')) return;
    const t = setInterval(() => void load(), 2000);
    return () => clearInterval(t);
  }, [runs, load]);

  async function start() {
    setError('');
    const res = await fetch('/jobs/reconcile', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'x-purpose': session.purpose },
      body: JSON.stringify({ region: session.jurisdiction[0] }),
    });
    const body = (await res.json().catch(() => ({}))) as { runId?: string; message?: string };
    if (!res.ok) setError(body.message ?? '无法发起核查');
    else setMessage(`已发起核查任务 ${body.runId}`);
    await load();
  }

  async function download(run: Run) {
    const res = await fetch(`/reports/${run.id}.xlsx`, {
      headers: { authorization: `Bearer ${session.token}`, 'x-purpose': session.purpose },
    });
    if (!res.ok) {
      setError(res.status === 404 ? '该任务暂无报告' : '无法下载报告');
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `核查报告-${run.asOf}-${run.id.slice(0, 8)}.xlsx`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section>
      <h2>核查任务</h2>
      {canRun ? (
        <button onClick={start} disabled={runs?.some((r) => r.status === 'RUNNING')}>
          发起核查（{place(session.jurisdiction[0])}）
        </button>
      ) : (
        <p className="muted">
          {session.scopes.includes('crosscheck:run')
            ? '发起核查须以「比对核查」用途登录。'
            : '发起核查由市级民政儿童福利主管进行；您可查看核查任务及其结果。'}
        </p>
      )}
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!runs ? (
        !error && <p className="muted">加载中…</p>
      ) : runs.length === 0 ? (
        <p className="muted">尚无核查任务。</p>
      ) : (
        <table className="table cards-on-phone" data-testid="runs">
          <thead>
            <tr>
              <th>基准日</th>
              <th>区划</th>
              <th>状态</th>
              <th>开始（北京时间）</th>
              <th>结束（北京时间）</th>
              <th>进度</th>
              <th>发现问题</th>
              <th>发起者</th>
              <th>报告</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td data-label="基准日">{r.asOf}</td>
                <td data-label="区划">{place(r.region)}</td>
                <td data-label="状态">
                  {RUN_STATUS[r.status] ?? r.status}
                  {r.status === 'PARTIAL' && (
                    <div className="warn small">
                      数据不可用：
                      {r.counts
                        .filter((c) => c.unavailable > 0)
                        .map((c) => ruleName(c.rule))
                        .join('、')}
                    </div>
                  )}
                </td>
                <td data-label="开始" className="nowrap">
                  {time(r.startedAt)}
                </td>
                <td data-label="结束" className="nowrap">
                  {time(r.finishedAt)}
                </td>
                <td data-label="进度">
                  {r.children} 人次 / {r.pagesDone} 页
                </td>
                <td data-label="发现问题">{r.counts.reduce((n, c) => n + c.flagged, 0)}</td>
                <td data-label="发起者" data-testid="run-starter">
                  {starterOf(r.startedBy, session)}
                </td>
                <td data-label="报告">
                  {r.status === 'RUNNING' ? (
                    '—'
                  ) : (
                    <button className="link" onClick={() => void download(r)}>
                      下载
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
