import { useCallback, useEffect, useState } from 'react';
import { COLOUR, gql, NOT_PERMITTED, STATUS, zh, type Session } from '../api';
import { downloadXlsx } from '../export';
import { Pager } from '../Pager';

interface Finding {
  rule: string;
  name: string;
  family: string;
  childId: string;
  status: string;
  reason: string;
  region: string | null;
  firstSeenOn: string;
  lastSeenOn: string;
  resolvedOn: string | null;
  assignee: string | null;
  note: string | null;
  evidence: { agency: string; fact: string; value: string }[];
}
interface Page {
  findings: { totalCount: number; nodes: Finding[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

const LIST = `query($filter: FindingFilter, $first: Int!, $after: String, $orderBy: FindingOrder) {
  findings(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    nodes { rule name family childId status reason region firstSeenOn lastSeenOn resolvedOn assignee note evidence { agency fact value } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const UPDATE = `mutation($rule: String!, $childId: ID!, $status: FindingStatus, $note: String, $assignee: String) {
  updateFinding(rule: $rule, childId: $childId, status: $status, note: $note, assignee: $assignee) { rule childId status note resolvedOn assignee }
}`;
const PAGE_SIZE = 20;

/** 问题线索: the work-list, filtered and paged by the hub; a finding opens with its evidence and can be worked on. */
export function Findings({ session, onOpenChild }: { session: Session; onOpenChild: (id: string) => void }) {
  const [status, setStatus] = useState('OPEN');
  const [rule, setRule] = useState('');
  const [region, setRegion] = useState('');
  const [colour, setColour] = useState('');
  const [ages, setAges] = useState('');
  const [orderBy, setOrderBy] = useState('LAST_SEEN_DESC');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page['findings'] | null>(null);
  const [selected, setSelected] = useState<Finding | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const canWrite = session.scopes.includes('welfare:write');

  const filterOf = useCallback(() => {
    const [minAge, maxAge] = ages ? ages.split('-').map(Number) : [null, null];
    return {
      statuses: status ? [status] : null,
      rules: rule ? [rule] : null,
      regionPrefix: /^\d{2,12}$/.test(region) ? region : null,
      riskColours: colour ? [colour] : null,
      minAge,
      maxAge,
    };
  }, [status, rule, region, colour, ages]);

  const load = useCallback(() => {
    const filter = filterOf();
    setError('');
    gql<Page>(session, LIST, { filter, first: PAGE_SIZE, after: cursors[cursors.length - 1], orderBy }).then(
      (r) => (r.denied.has('findings') ? setError(NOT_PERMITTED) : setPage(r.data.findings)),
      (e: Error) => setError(e.message),
    );
  }, [session, filterOf, cursors, orderBy]);
  useEffect(load, [load]);

  const [exporting, setExporting] = useState(false);
  /** Every finding of the current filter (paged from the hub), to a sheet with Chinese headers. */
  async function exportAll() {
    setExporting(true);
    setError('');
    try {
      const filter = filterOf();
      const all: Finding[] = [];
      let after: string | null = null;
      for (;;) {
        const r: { data: Page } = await gql<Page>(session, LIST, { filter, first: 1000, after, orderBy });
        all.push(...r.data.findings.nodes);
        if (!r.data.findings.pageInfo.hasNextPage) break;
        after = r.data.findings.pageInfo.endCursor;
      }
      await downloadXlsx(
        `问题线索-${new Date().toISOString().slice(0, 10)}.xlsx`,
        '问题线索',
        ['规则编号', '规则名称', '儿童标识', '区划', '处理状态', '理由', '首次发现', '最近发现', '办结日期', '承办人', '处理说明', '依据'],
        all.map((f) => [
          f.rule,
          f.name,
          f.childId,
          f.region,
          STATUS[f.status] ?? f.status,
          zh(f.reason),
          f.firstSeenOn,
          f.lastSeenOn,
          f.resolvedOn,
          f.assignee,
          f.note,
          f.evidence.map((e) => `${e.agency}·${e.fact}：${zh(e.value)}`).join('；'),
        ]),
      );
      setMessage(`已导出 ${all.length} 条`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  async function act(next: string | null) {
    if (!selected) return;
    setError('');
    try {
      await gql(session, UPDATE, {
        rule: selected.rule,
        childId: selected.childId,
        status: next,
        note: note.trim() || null,
        assignee: assignee.trim() || null,
      });
      setMessage(next === null ? `已将 ${selected.name} 指派给 ${assignee.trim()}` : `已将 ${selected.name} 标记为「${STATUS[next]}」`);
      setAssignee('');
      setSelected(null);
      setNote('');
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section>
      <h2>问题线索</h2>
      <div className="filters">
        <label>
          处理状态
          <select
            name="status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setCursors([null]);
            }}
          >
            <option value="">全部</option>
            {Object.entries(STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          规则编号
          <input
            name="rule"
            placeholder="如 CARE-NO-AGREEMENT"
            value={rule}
            onChange={(e) => {
              setRule(e.target.value.trim().toUpperCase());
              setCursors([null]);
            }}
          />
        </label>
        <label>
          区划代码前缀
          <input
            name="region"
            placeholder="如 500110001"
            value={region}
            onChange={(e) => {
              setRegion(e.target.value.trim());
              setCursors([null]);
            }}
          />
        </label>
        <label>
          风险等级
          <select
            name="colour"
            value={colour}
            onChange={(e) => {
              setColour(e.target.value);
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
        <label>
          年龄
          <select
            name="ages"
            value={ages}
            onChange={(e) => {
              setAges(e.target.value);
              setCursors([null]);
            }}
          >
            <option value="">全部</option>
            <option value="0-5">0–5 岁</option>
            <option value="6-15">6–15 岁（义务教育）</option>
            <option value="16-17">16–17 岁</option>
            <option value="18-30">18 岁及以上</option>
          </select>
        </label>
        <label>
          排序
          <select
            name="orderBy"
            value={orderBy}
            onChange={(e) => {
              setOrderBy(e.target.value);
              setCursors([null]);
            }}
          >
            <option value="LAST_SEEN_DESC">最近发现（新在前）</option>
            <option value="RULE">按规则</option>
          </select>
        </label>
        <span className="muted" data-testid="findings-total">
          共 {page?.totalCount ?? '…'} 条
        </span>
        <button onClick={exportAll} disabled={exporting || !page?.totalCount}>
          {exporting ? '导出中…' : '导出 Excel'}
        </button>
      </div>
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
      {!page ? (
        !error && <p className="muted">加载中…</p>
      ) : page.nodes.length === 0 ? (
        <p className="muted">没有符合条件的问题线索。</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>规则</th>
              <th>儿童</th>
              <th>区划</th>
              <th>状态</th>
              <th>最近发现</th>
              <th>理由</th>
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((f) => (
              <tr
                key={`${f.rule}|${f.childId}`}
                onClick={() => {
                  setSelected(f);
                  setMessage('');
                }}
                className={selected?.rule === f.rule && selected.childId === f.childId ? 'selected' : ''}
              >
                <td>
                  {f.name}
                  <div className="muted small">{f.rule}</div>
                </td>
                <td className="mono small">{f.childId.slice(0, 10)}…</td>
                <td>{f.region}</td>
                <td>{STATUS[f.status] ?? f.status}</td>
                <td>{f.lastSeenOn}</td>
                <td className="reason">{zh(f.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} />
      {selected && (
        <div className="card detail" data-testid="finding-detail">
          <h3>
            {selected.name}（{selected.rule}）
          </h3>
          <p>{zh(selected.reason)}</p>
          <p className="muted">
            首次发现 {selected.firstSeenOn} · 最近发现 {selected.lastSeenOn} · 状态 {STATUS[selected.status]}
            {selected.assignee ? ` · 承办人 ${selected.assignee}` : ''}
          </p>
          <h4>依据</h4>
          <ul>
            {selected.evidence.map((e, i) => (
              <li key={i}>
                <span className="tag">{e.agency}</span> {e.fact}：{zh(e.value)}
              </li>
            ))}
          </ul>
          {selected.note && <pre className="note">{selected.note}</pre>}
          <button className="link" onClick={() => onOpenChild(selected.childId)}>
            查看一人一档 →
          </button>
          {canWrite ? (
            <div className="actions">
              <input name="assignee" placeholder="承办人（指派）" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
              <textarea name="note" placeholder="处理说明（办结、排除时必填）" value={note} onChange={(e) => setNote(e.target.value)} />
              <button disabled={!assignee.trim()} onClick={() => act(null)}>
                指派
              </button>
              {selected.status === 'OPEN' && <button onClick={() => act('IN_PROGRESS')}>标记处理中</button>}
              {['OPEN', 'IN_PROGRESS'].includes(selected.status) && <button onClick={() => act('RESOLVED')}>办结</button>}
              {['OPEN', 'IN_PROGRESS'].includes(selected.status) && <button onClick={() => act('DISMISSED')}>排除</button>}
              {['RESOLVED', 'DISMISSED'].includes(selected.status) && <button onClick={() => act('OPEN')}>重新打开</button>}
            </div>
          ) : (
            <p className="muted">您的角色只能查看问题线索。</p>
          )}
        </div>
      )}
    </section>
  );
}
