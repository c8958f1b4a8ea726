import { useCallback, useEffect, useRef, useState } from 'react';
import type { RuleFamily } from '@hub/domain';
import { ageOf, COLOUR, FAMILIES, FAMILY, gql, NOT_PERMITTED, refused, ruleName, RULES, STATUS, zh, type Session } from '../api';
import { downloadXlsx } from '../export';
import { Pager } from '../Pager';
import { codesIn, loadPlaces, placeName, RegionPicker, usePlaces, withPlaces } from '../regions';
import { useFilters } from '../route';

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
  /** Who the child is, as the graph shows them to this role (ID numbers masked without child:identity). */
  child: {
    welfare: { name: string | null; dateOfBirth: string | null; idNumber: string | null } | null;
    household?: { name: string | null; dateOfBirth: string | null; idNumber: string | null } | null;
  } | null;
}
interface Page {
  findings: { totalCount: number; nodes: Finding[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * The work-list with who each child is: the ledger's record, and public security's for a child not (yet) on the
 * ledger (the discovery rules' findings) when the role may read it.
 */
const list = (session: Session) => `query($filter: FindingFilter, $first: Int!, $after: String, $orderBy: FindingOrder) {
  findings(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    nodes { rule name family childId status reason region firstSeenOn lastSeenOn resolvedOn assignee note evidence { agency fact value }
      child { welfare { name dateOfBirth idNumber } ${session.scopes.includes('ps:household') ? 'household { name dateOfBirth idNumber }' : ''} } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** The child's name, age and ID number as far as the role may see them. */
function who(f: Finding): { name: string; age: number | null; idNumber: string | null } {
  const w = f.child?.welfare;
  const h = f.child?.household;
  const dob = w?.dateOfBirth ?? h?.dateOfBirth ?? null;
  return { name: w?.name ?? h?.name ?? '（未纳入台账）', age: dob ? ageOf(dob) : null, idNumber: w?.idNumber ?? h?.idNumber ?? null };
}

const DEFAULTS = { status: 'OPEN', family: '', rule: '', region: '', colour: '', ages: '', orderBy: 'LAST_SEEN_DESC' };
const UPDATE = `mutation($rule: String!, $childId: ID!, $status: FindingStatus, $note: String, $assignee: String) {
  updateFinding(rule: $rule, childId: $childId, status: $status, note: $note, assignee: $assignee) { rule childId status note resolvedOn assignee }
}`;
const PAGE_SIZE = 20;

/** 问题线索: the work-list, filtered and paged by the hub; a finding opens with its evidence and can be worked on. */
export function Findings({ session, onOpenChild }: { session: Session; onOpenChild: (id: string) => void }) {
  // The filters live in the route (#/findings?status=…): Back from a child's file finds the list as it was.
  const [filters, setFilters] = useFilters(DEFAULTS);
  const { status, family, rule, region, colour, ages, orderBy } = filters;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page['findings'] | null>(null);
  const [selected, setSelected] = useState<Finding | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  // The detail opens below the table and the pager, out of sight of the row clicked: a click brings it into view and
  // moves the focus to its heading (a screen reader reads what opened; Tab goes on to its buttons).
  // Counted per click, so that clicking the open row again (after scrolling back up) brings it back too.
  const detail = useRef<HTMLDivElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (!opened || !detail.current) return;
    detail.current.scrollIntoView({ block: 'start' });
    detailHeading.current?.focus({ preventScroll: true });
  }, [opened]);
  const canWrite = session.scopes.includes('welfare:write');
  const identity = session.scopes.includes('child:identity');
  const place = usePlaces([
    ...(page?.nodes ?? []).flatMap((f) => [f.region, ...codesIn(f.reason, ...f.evidence.map((e) => e.value))]),
    region,
  ]);
  const filter = (patch: Partial<typeof DEFAULTS>) => {
    setFilters(patch);
    setCursors([null]);
  };

  const filterOf = useCallback(() => {
    const [minAge, maxAge] = ages ? ages.split('-').map(Number) : [null, null];
    return {
      statuses: status ? [status] : null,
      families: family ? [family] : null,
      rules: rule ? [rule] : null,
      regionPrefix: /^\d{2,12}$/.test(region) ? region : null,
      riskColours: colour ? [colour] : null,
      minAge,
      maxAge,
    };
  }, [status, family, rule, region, colour, ages]);

  const load = useCallback(() => {
    const filter = filterOf();
    setError('');
    gql<Page>(session, list(session), { filter, first: PAGE_SIZE, after: cursors[cursors.length - 1], orderBy }).then(
      (r) => (refused(r, 'findings') ? setError(NOT_PERMITTED) : setPage(r.data.findings)),
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
        const r: { data: Page; denied: Set<string> } = await gql<Page>(session, list(session), { filter, first: 1000, after, orderBy });
        if (refused(r, 'findings')) throw new Error(NOT_PERMITTED);
        all.push(...r.data.findings.nodes);
        if (!r.data.findings.pageInfo.hasNextPage) break;
        after = r.data.findings.pageInfo.endCursor;
      }
      // The places by name in the sheet too: the names of every code in it, before it is built.
      await loadPlaces(all.flatMap((f) => [f.region, ...codesIn(f.reason, ...f.evidence.map((e) => e.value))]));
      await downloadXlsx(
        `问题线索-${new Date().toISOString().slice(0, 10)}.xlsx`,
        '问题线索',
        [
          '规则名称',
          '核查类别',
          '儿童姓名',
          ...(identity ? ['身份证号'] : []),
          '年龄',
          '所在村（社区）',
          '所在地',
          '处理状态',
          '理由',
          '首次发现',
          '最近发现',
          '办结日期',
          '承办人',
          '处理说明',
          '依据',
          '规则编号',
        ],
        all.map((f) => [
          ruleName(f.rule),
          FAMILY[f.family as RuleFamily] ?? f.family,
          who(f).name,
          ...(identity ? [who(f).idNumber] : []),
          who(f).age,
          placeName(f.region, { short: true }),
          placeName(f.region),
          STATUS[f.status] ?? f.status,
          withPlaces(zh(f.reason)),
          f.firstSeenOn,
          f.lastSeenOn,
          f.resolvedOn,
          f.assignee,
          f.note,
          f.evidence.map((e) => `${e.agency}·${e.fact}：${withPlaces(zh(e.value))}`).join('；'),
          f.rule,
        ]),
      );
      setMessage(`已导出 ${all.length} 条`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  /** The finding's case (one per rule and child), opened where its tasks and history are. */
  async function openCase(f: Finding) {
    setError('');
    try {
      const r = await gql<{ cases: { nodes: { id: string }[] } | null }>(
        session,
        `query($filter: CaseFilter) { cases(filter: $filter, first: 1) { nodes { id } } }`,
        { filter: { childId: f.childId, rules: [f.rule] } },
      );
      const id = r.data.cases?.nodes[0]?.id;
      if (id) location.hash = `/case/${encodeURIComponent(id)}`;
      else setMessage('此问题线索尚未建立个案（下一次核查时建立）。');
    } catch (e) {
      setError((e as Error).message);
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
          <select name="status" value={status} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">全部</option>
            {Object.entries(STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          核查类别
          <select name="family" value={family} onChange={(e) => filter({ family: e.target.value, rule: '' })}>
            <option value="">全部</option>
            {FAMILIES.map((f) => (
              <option key={f} value={f}>
                {FAMILY[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          规则
          <select name="rule" value={rule} onChange={(e) => filter({ rule: e.target.value })}>
            <option value="">全部</option>
            {FAMILIES.filter((f) => !family || f === family).map((f) => (
              <optgroup key={f} label={FAMILY[f]}>
                {RULES[f].map((r) => (
                  <option key={r} value={r}>
                    {ruleName(r)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {session.jurisdiction.some((j) => j.length < 12) && (
          <label>
            所在地
            <RegionPicker name="region" roots={session.jurisdiction} value={region} onChange={(code) => filter({ region: code })} />
          </label>
        )}
        <label>
          风险等级
          <select name="colour" value={colour} onChange={(e) => filter({ colour: e.target.value })}>
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
          <select name="ages" value={ages} onChange={(e) => filter({ ages: e.target.value })}>
            <option value="">全部</option>
            <option value="0-5">0–5 岁</option>
            <option value="6-15">6–15 岁（义务教育）</option>
            <option value="16-17">16–17 岁</option>
            <option value="18-30">18 岁及以上</option>
          </select>
        </label>
        <label>
          排序
          <select name="orderBy" value={orderBy} onChange={(e) => filter({ orderBy: e.target.value })}>
            <option value="LAST_SEEN_DESC">最近发现（新在前）</option>
            <option value="RULE">按规则</option>
          </select>
        </label>
        {!error && (
          <span className="muted" data-testid="findings-total">
            共 {page?.totalCount ?? '…'} 条
          </span>
        )}
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
        <table className="table cards-on-phone" data-testid="findings">
          <thead>
            <tr>
              <th>规则</th>
              <th>儿童</th>
              <th>所在地</th>
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
                  setOpened((n) => n + 1);
                }}
                className={selected?.rule === f.rule && selected.childId === f.childId ? 'selected' : ''}
              >
                <td data-label="规则">
                  {ruleName(f.rule)}
                  <div className="muted small">{FAMILY[f.family as RuleFamily] ?? f.family}</div>
                </td>
                <td data-label="儿童" data-testid="finding-child">
                  {who(f).name}
                  <div className="muted small">{who(f).age === null ? '' : `${who(f).age} 岁`}</div>
                </td>
                <td data-label="所在地">{place(f.region)}</td>
                <td data-label="状态">{STATUS[f.status] ?? f.status}</td>
                <td data-label="最近发现">{f.lastSeenOn}</td>
                <td data-label="理由" className="reason">
                  {withPlaces(zh(f.reason), place)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} />
      {selected && (
        <div className="card detail" data-testid="finding-detail" ref={detail}>
          <h3 ref={detailHeading} tabIndex={-1}>
            {ruleName(selected.rule)}（{FAMILY[selected.family as RuleFamily] ?? selected.family}）
          </h3>
          <p>
            儿童：{who(selected).name}
            {who(selected).age !== null && `，${who(selected).age} 岁`}
            {selected.region && `，${placeName(selected.region)}`}
            {who(selected).idNumber && `，身份证号 ${who(selected).idNumber}`}
          </p>
          <p>{withPlaces(zh(selected.reason), place)}</p>
          <p className="muted">
            首次发现 {selected.firstSeenOn} · 最近发现 {selected.lastSeenOn} · 状态 {STATUS[selected.status]}
            {selected.assignee ? ` · 承办人 ${selected.assignee}` : ''}
          </p>
          {selected.evidence.length > 0 && <h4>依据</h4>}
          <ul>
            {selected.evidence.map((e, i) => (
              <li key={i}>
                <span className="tag">{e.agency}</span> {e.fact}：{withPlaces(zh(e.value), place)}
              </li>
            ))}
          </ul>
          {selected.note && <pre className="note">{selected.note}</pre>}
          <button className="link" onClick={() => onOpenChild(selected.childId)}>
            查看一人一档 →
          </button>
          {session.scopes.includes('case:task') && (
            <button className="link" onClick={() => openCase(selected)}>
              查看个案与办理记录 →
            </button>
          )}
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
