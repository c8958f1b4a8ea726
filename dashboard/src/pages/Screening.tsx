import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { labelsOf, SCREENING_ROUND_KIND, SCREENING_ROUND_STATUS, todayInChina } from '@hub/domain';
import { ApiError, gql, NOT_PERMITTED, refused, type Session } from '../api';
import { timeOf } from '../cases';
import { downloadXlsx } from '../export';
import { newRequestKey, recordEntry, useOutbox } from '../outbox';
import { loadPlaces, RegionPicker, usePlaces } from '../regions';
import { pct } from '../scorecard';

/**
 * 摸底排查 (docs/ledger.md#screening-rounds, docs/dashboard.md): the rounds covering the user's area, each with its
 * completion by township or village — villages reported, children checked, newly registered and changed, the
 * children every round must see at home and how many have been — and, by role, the work: a village reports its
 * result (child directors, supervisors, district caseworkers), a district or the city opens and closes rounds.
 */
const KIND = labelsOf(SCREENING_ROUND_KIND);
const ROUND_STATUS = labelsOf(SCREENING_ROUND_STATUS);

interface Progress {
  region: string;
  villages: number;
  villagesReported: number;
  childrenInScope: number;
  childrenChecked: number;
  newlyRegistered: number;
  changed: number;
  priorityChildren: number;
  priorityVisited: number;
  lastReportedAt: string | null;
}
interface Round {
  id: string;
  kind: string;
  title: string;
  region: string;
  openedOn: string;
  dueOn: string;
  status: string;
  closedAt: string | null;
  closeNote: string | null;
  total: Progress;
}
interface Detail extends Round {
  areas: Progress[];
  villages: Progress[];
}

const PROGRESS = `region villages villagesReported childrenInScope childrenChecked newlyRegistered changed priorityChildren priorityVisited lastReportedAt`;
const ROUND = `id kind title region openedOn dueOn status closedAt closeNote total { ${PROGRESS} }`;
const LIST = `{ screeningRounds { ${ROUND} } }`;
const DETAIL = `query($id: ID!, $level: Int) { screeningRound(id: $id) { ${ROUND} areas(level: $level) { ${PROGRESS} } villages: areas(level: 12) { ${PROGRESS} } } }`;
const OPEN = `mutation($input: OpenScreeningRoundInput!) { openScreeningRound(input: $input) { id } }`;
const REPORT = `mutation($input: ReportScreeningInput!) { reportScreening(input: $input) { id } }`;
const CLOSE = `mutation($input: CloseScreeningRoundInput!) { closeScreeningRound(input: $input) { id status } }`;

/** The day `n` days after today in Beijing. */
const inDays = (n: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const message = (e: unknown) => (e instanceof ApiError ? e.message : '提交失败，请稍后再试。');

export function Screening({ session }: { session: Session }) {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const place = usePlaces((rounds ?? []).map((r) => r.region));
  const mayOpen = session.scopes.includes('welfare:write');

  const load = useCallback(
    () =>
      gql<{ screeningRounds: Round[] | null }>(session, LIST).then(
        (r) => {
          // Refused (the list came back null): say so, not "no rounds".
          if (refused(r, 'screeningRounds')) return setError(NOT_PERMITTED);
          const list = r.data.screeningRounds ?? [];
          setRounds(list);
          setSelected((s) => s ?? list[0]?.id ?? null);
        },
        (e: Error) => setError(e.message),
      ),
    [session],
  );
  useEffect(() => void load(), [load]);

  if (error)
    return (
      <section>
        <h2>摸底排查</h2>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!rounds)
    return (
      <section>
        <h2>摸底排查</h2>
        <p className="muted">加载中…</p>
      </section>
    );
  return (
    <section data-testid="screening">
      <h2>摸底排查</h2>
      <p className="muted">
        一年两排、流动儿童每季度摸底排查与专项排查：各村（社区）报送排查结果，重点儿童（红、黄色及残疾、重病、监护困难、事实无人抚养、散居孤儿）每次排查须入户走访。
      </p>
      {mayOpen && (
        <p>
          <button type="button" onClick={() => setOpening(!opening)} data-testid="open-round">
            {opening ? '收起' : '部署新一轮排查'}
          </button>
        </p>
      )}
      {opening && (
        <OpenRoundForm
          session={session}
          onOpened={(id) => {
            setOpening(false);
            setSelected(id);
            void load();
          }}
        />
      )}
      {rounds.length === 0 ? (
        <p className="muted" data-testid="no-rounds">
          本辖区暂无摸底排查。{mayOpen ? '可点击「部署新一轮排查」。' : '区县民政部署后，将在此报送本村（社区）的排查结果。'}
        </p>
      ) : (
        <table className="table cards-on-phone" data-testid="round-list">
          <thead>
            <tr>
              <th>排查</th>
              <th>区划</th>
              <th>期限</th>
              <th>已报送的村</th>
              <th>重点儿童入户</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id} className={r.id === selected ? 'selected' : ''} data-testid="round-row">
                <td data-label="排查">
                  <button type="button" className="link" onClick={() => setSelected(r.id)}>
                    {r.title}
                  </button>
                  <span className="muted small">（{KIND[r.kind] ?? r.kind}）</span>
                </td>
                <td data-label="区划">{place(r.region)}</td>
                <td data-label="期限">
                  {r.openedOn} 至 {r.dueOn}
                  {r.status === 'OPEN' && r.dueOn < todayInChina() && <span className="error small">（已逾期）</span>}
                </td>
                <td data-label="已报送的村">{pct(r.total.villagesReported, r.total.villages)}</td>
                <td data-label="重点儿童入户">{pct(r.total.priorityVisited, r.total.priorityChildren)}</td>
                <td data-label="状态">{ROUND_STATUS[r.status] ?? r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <RoundDetail key={selected} session={session} id={selected} onChanged={() => void load()} />}
    </section>
  );
}

function RoundDetail({ session, id, onChanged }: { session: Session; id: string; onChanged: () => void }) {
  const [round, setRound] = useState<Detail | null>(null);
  const [error, setError] = useState('');
  // A township's supervisor or a village's director sees their own villages, one row each.
  const [byVillage, setByVillage] = useState(session.jurisdiction.every((j) => j.length >= 9));
  const load = useCallback(
    () =>
      gql<{ screeningRound: Detail | null }>(session, DETAIL, { id, level: null }).then(
        (r) => {
          if (!r.data.screeningRound) return setError('您的角色无权查看此排查。');
          setError('');
          setRound(r.data.screeningRound);
        },
        (e: Error) => setError(e.message),
      ),
    [session, id],
  );
  useEffect(() => void load(), [load]);
  const place = usePlaces([...(round?.areas ?? []), ...(round?.villages ?? [])].map((a) => a.region).concat(round ? [round.region] : []));
  // A reload that fails (no signal after a report) keeps the round on screen, and the form on it.
  if (error && !round)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!round) return <p className="muted">加载中…</p>;
  // A township's round (or a user who sees only villages) is shown by village already.
  const villageLevel = byVillage || round.areas.every((a) => a.region.length === 12);
  const rows = villageLevel ? round.villages : round.areas;
  const mayReport = round.status === 'OPEN' && session.scopes.includes('ledger:write');
  const mayClose =
    round.status === 'OPEN' && session.scopes.includes('welfare:write') && session.jurisdiction.some((j) => round.region.startsWith(j));
  const changed = () => {
    void load();
    onChanged();
  };
  async function exportSheet() {
    const codes = rows.map((r) => r.region);
    await loadPlaces(codes);
    await downloadXlsx(
      `摸底排查-${round!.title}.xlsx`,
      '完成情况',
      ['区划', '应报送的村', '已报送的村', '范围内台账儿童', '已排查', '新纳入', '信息变更', '重点儿童', '重点儿童已入户'],
      rows.map((r) => [
        place(r.region),
        r.villages,
        r.villagesReported,
        r.childrenInScope,
        r.childrenChecked,
        r.newlyRegistered,
        r.changed,
        r.priorityChildren,
        r.priorityVisited,
      ]),
    );
  }
  return (
    <div className="card" data-testid="round-detail">
      <h3>
        {round.title}{' '}
        <span className="muted small">
          {place(round.region)} · {KIND[round.kind] ?? round.kind} · {ROUND_STATUS[round.status] ?? round.status}
        </span>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {round.status === 'CLOSED' && (
        <p className="muted">
          已于 {timeOf(round.closedAt).slice(0, 10)} 结束{round.closeNote ? `：${round.closeNote}` : ''}。
        </p>
      )}
      <p>
        {round.areas.some((a) => a.region.length < 12) && (
          <label className="inline">
            <input type="checkbox" checked={villageLevel} onChange={(e) => setByVillage(e.target.checked)} data-testid="by-village" />{' '}
            按村（社区）显示
          </label>
        )}{' '}
        <button type="button" className="link" onClick={() => void exportSheet()} data-testid="export-round">
          导出 Excel
        </button>
      </p>
      <table className="table cards-on-phone" data-testid="round-areas">
        <thead>
          <tr>
            <th>区划</th>
            <th>已报送的村</th>
            <th>已排查 / 范围内儿童</th>
            <th>新纳入</th>
            <th>信息变更</th>
            <th>重点儿童已入户</th>
          </tr>
        </thead>
        <tbody>
          {[...rows, { ...round.total, region: '' }].map((r) => (
            <tr key={r.region || 'total'} data-testid={r.region ? 'round-area' : 'round-total'} data-region={r.region}>
              <td data-label="区划">{r.region ? place(r.region) : <strong>合计</strong>}</td>
              <td data-label="已报送的村" data-testid="reported">
                {r.region.length === 12 ? (
                  r.villagesReported ? (
                    `已报送 ${timeOf(r.lastReportedAt).slice(0, 10)}`
                  ) : (
                    <span className="warn">未报送</span>
                  )
                ) : (
                  pct(r.villagesReported, r.villages)
                )}
              </td>
              <td data-label="已排查 / 范围内儿童">
                {r.childrenChecked} / {r.childrenInScope}
              </td>
              <td data-label="新纳入">{r.newlyRegistered}</td>
              <td data-label="信息变更">{r.changed}</td>
              <td data-label="重点儿童已入户" data-testid="priority">
                {pct(r.priorityVisited, r.priorityChildren)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayReport && <ReportForm session={session} round={round} villages={round.villages.map((v) => v.region)} onSent={changed} />}
      {mayClose && <CloseForm session={session} round={round} onClosed={changed} />}
    </div>
  );
}

function ReportForm(props: { session: Session; round: Detail; villages: string[]; onSent: () => void }) {
  const { session, round, villages, onSent } = props;
  const place = usePlaces(villages);
  const [village, setVillage] = useState(villages.length === 1 ? villages[0] : '');
  const [checked, setChecked] = useState('');
  const [added, setAdded] = useState('0');
  const [changed, setChanged] = useState('0');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  // A report made where the signal drops waits on the phone with the visits and goes when the link returns, once
  // (its key is made when it is made).
  const waiting = useOutbox(session, (sent, refusals) => {
    if (refusals.length) setError(refusals.join('；'));
    if (sent.length) onSent();
  }).filter((w) => w.mutation === REPORT);
  async function go(e: FormEvent) {
    e.preventDefault();
    setError('');
    setDone('');
    if (!village) return setError('请选择村（社区）');
    if (checked === '') return setError('请填写已排查儿童数');
    setBusy(true);
    const result = await recordEntry(session, {
      label: `排查报送 · ${place(village, { short: true })}`,
      mutation: REPORT,
      childId: '',
      input: {
        roundId: round.id,
        villageCode: village,
        childrenChecked: Number(checked),
        newlyRegistered: Number(added || 0),
        changed: Number(changed || 0),
        notes: notes.trim() || null,
      },
    });
    if (result.outcome === 'refused') setError(result.text);
    else setDone(result.text);
    if (result.outcome === 'sent') onSent();
    setBusy(false);
  }
  return (
    <form className="report-form" onSubmit={go} data-testid="screening-report-form">
      <h4>报送本村（社区）排查结果</h4>
      <label>
        村（社区）
        <select name="village" value={village} onChange={(e) => setVillage(e.target.value)}>
          <option value="">请选择</option>
          {villages.map((v) => (
            <option key={v} value={v}>
              {place(v, { short: true })}
            </option>
          ))}
        </select>
      </label>
      <label>
        已排查儿童数
        <input
          type="number"
          name="childrenChecked"
          min={0}
          inputMode="numeric"
          value={checked}
          onChange={(e) => setChecked(e.target.value)}
        />
      </label>
      <label>
        新纳入台账儿童数
        <input type="number" name="newlyRegistered" min={0} inputMode="numeric" value={added} onChange={(e) => setAdded(e.target.value)} />
      </label>
      <label>
        信息变更儿童数
        <input type="number" name="changed" min={0} inputMode="numeric" value={changed} onChange={(e) => setChanged(e.target.value)} />
      </label>
      <label>
        说明（可不填）
        <textarea name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        报送
      </button>
      {done && (
        <p className="ok" role="status" data-testid="screening-message">
          {done}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="screening-error">
          {error}
        </p>
      )}
      {waiting.length > 0 && (
        <p className="warn" data-testid="screening-waiting">
          待发送 {waiting.length} 条（网络恢复后自动发送）：{waiting.map((w) => w.label).join('、')}
        </p>
      )}
    </form>
  );
}

function CloseForm({ session, round, onClosed }: { session: Session; round: Detail; onClosed: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const missing = round.total.villages - round.total.villagesReported;
  async function go(e: FormEvent) {
    e.preventDefault();
    setError('');
    setBusy(true);
    try {
      await gql(session, CLOSE, { input: { roundId: round.id, note: note.trim() || null } });
      onClosed();
    } catch (err) {
      setError(message(err));
    }
    setBusy(false);
  }
  return (
    <form className="report-form" onSubmit={go} data-testid="close-round-form">
      <h4>结束本轮排查</h4>
      {missing > 0 && <p className="warn">尚有 {missing} 个村（社区）未报送；如需结束，请填写结束说明。</p>}
      <label>
        结束说明{missing > 0 ? '' : '（可不填）'}
        <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        结束排查
      </button>
      {error && (
        <p className="error" role="alert" data-testid="close-error">
          {error}
        </p>
      )}
    </form>
  );
}

function OpenRoundForm({ session, onOpened }: { session: Session; onOpened: (id: string) => void }) {
  const [kind, setKind] = useState('TWICE_YEARLY');
  const [title, setTitle] = useState('');
  const [region, setRegion] = useState(session.jurisdiction.length === 1 ? session.jurisdiction[0] : '');
  const [dueOn, setDueOn] = useState(inDays(30));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [requestKey, setRequestKey] = useState(newRequestKey);
  async function go(e: FormEvent) {
    e.preventDefault();
    setError('');
    if (!title.trim()) return setError('请填写名称');
    if (!region) return setError('请选择排查区划');
    setBusy(true);
    try {
      const r = await gql<{ openScreeningRound: { id: string } }>(session, OPEN, {
        input: { kind, title: title.trim(), region, dueOn, requestKey },
      });
      setRequestKey(newRequestKey());
      onOpened(r.data.openScreeningRound.id);
    } catch (err) {
      setError(message(err));
    }
    setBusy(false);
  }
  return (
    <form className="report-form card" onSubmit={go} data-testid="open-round-form">
      <label>
        类型
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {Object.entries(KIND).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        名称
        <input
          name="title"
          value={title}
          placeholder="如：2026年下半年农村留守儿童和困境儿童摸底排查"
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label>
        排查区划
        <RegionPicker name="round-region" roots={session.jurisdiction} value={region} onChange={setRegion} depth={9} allLabel="全辖区" />
      </label>
      <label>
        完成期限
        <input type="date" name="dueOn" value={dueOn} min={inDays(1)} max={inDays(366)} onChange={(e) => setDueOn(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        部署
      </button>
      {error && (
        <p className="error" role="alert" data-testid="open-round-error">
          {error}
        </p>
      )}
    </form>
  );
}
