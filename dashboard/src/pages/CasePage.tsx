import { useCallback, useEffect, useState } from 'react';
import { gql, zh, type Session } from '../api';
import {
  agencyOf,
  AGENCY_NAMES,
  ANSWER,
  CASE_STATUS,
  childName,
  childSelection,
  EVENT,
  INTERVENTION,
  mayWork,
  REPORT_KIND,
  SOURCE,
  TASK_STATUS,
  timeOf,
  type CaseChild,
  shortPlace,
} from '../cases';
import { codesIn, usePlaces, withPlaces } from '../regions';
import { TaskActions } from './TaskActions';

interface CaseTask {
  id: string;
  agency: string;
  agencyName: string;
  region: string;
  office: string;
  action: string;
  dueOn: string;
  overdue: boolean;
  status: string;
  assignee: string | null;
  answer: string | null;
  answerNote: string | null;
  answeredAt: string | null;
}
interface CaseView extends CaseChild {
  id: string;
  source: string;
  ruleName: string | null;
  placeRegion: string;
  placeName: string;
  hukouRegion: string | null;
  hukouName: string | null;
  responsibleAgency: string;
  responsibleOffice: string;
  status: string;
  summary: string;
  basis: string | null;
  closureApproval: boolean;
  reportKind: string | null;
  reporterOrg: string | null;
  openedOn: string;
  lastSeenOn: string | null;
  closedAt: string | null;
  assignee: string | null;
  tasks: CaseTask[];
  history: { seq: string; at: string; actorAgency: string | null; kind: string; note: string | null; taskId: string | null }[];
}

const QUERY = (session: Session) => `query($id: ID!) { case(id: $id) {
  id source ruleName ${childSelection(session)} placeRegion placeName hukouRegion hukouName responsibleAgency responsibleOffice status summary basis closureApproval
  reportKind reporterOrg openedOn lastSeenOn closedAt assignee
  tasks { id agency agencyName region office action dueOn overdue status assignee answer answerNote answeredAt }
  history { seq at actorAgency kind note taskId } } }`;

const OPEN = ['OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL'];

/** 个案 (#/case/<id>): the case as the hub shows it to the user, its tasks, its whole history, and what the user may do. */
export function CasePage({ session, id }: { session: Session; id: string }) {
  const [kase, setKase] = useState<CaseView | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const place = usePlaces(kase ? [kase.placeRegion, kase.hukouRegion, ...codesIn(kase.summary, ...kase.history.map((h) => h.note))] : []);

  const load = useCallback(() => {
    setError('');
    gql<{ case: CaseView | null }>(session, QUERY(session), { id }).then(
      (r) => (r.data.case ? setKase(r.data.case) : setError('没有此个案，或您无权查看。')),
      (e: Error) => setError(e.message),
    );
  }, [session, id]);
  useEffect(load, [load]);
  const done = (m: string) => {
    setMessage(m);
    load();
  };

  if (!kase)
    return (
      <section>
        <h2>个案</h2>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">加载中…</p>
        )}
      </section>
    );
  const mine = agencyOf(session);
  const responsible = mine === kase.responsibleAgency || (mine === 'civil-affairs' && session.scopes.includes('welfare:write'));
  const open = OPEN.includes(kase.status);
  const taskOf = (taskId: string | null) => kase.tasks.find((t) => t.id === taskId);
  return (
    <section data-testid="case">
      <h2>
        个案：{kase.child ? childName(kase) : '身份不明的儿童'}
        <span className={`badge status-${kase.status.toLowerCase()}`} data-testid="case-status">
          {CASE_STATUS[kase.status] ?? kase.status}
        </span>
      </h2>
      <div className="card">
        <dl>
          <dt>来源</dt>
          <dd>
            {SOURCE[kase.source] ?? kase.source}
            {kase.ruleName && `：${kase.ruleName}`}
            {kase.reportKind && `：${REPORT_KIND[kase.reportKind] ?? kase.reportKind}`}
            {kase.reporterOrg && `（${kase.reporterOrg}报告）`}
          </dd>
          <dt>事由</dt>
          <dd data-testid="case-summary">{withPlaces(zh(kase.summary), place)}</dd>
          {kase.childDescription && (
            <>
              {/* What the reporter saw of the child stays part of the case after the child is identified. */}
              <dt>儿童描述</dt>
              <dd data-testid="case-child-description">
                {kase.childDescription}
                {kase.child && <span className="muted">（报告时身份不明，已确认身份）</span>}
              </dd>
            </>
          )}
          <dt>所在地</dt>
          <dd>
            {shortPlace(kase.placeName, kase.placeRegion)}
            {kase.hukouName && kase.hukouName !== kase.placeName && (
              <span className="muted">（户籍地 {shortPlace(kase.hukouName, kase.hukouRegion)}）</span>
            )}
          </dd>
          <dt>负责单位</dt>
          <dd data-testid="case-office">{kase.responsibleOffice}</dd>
          {kase.assignee && (
            <>
              <dt>承办人</dt>
              <dd>{kase.assignee}</dd>
            </>
          )}
          <dt>开启</dt>
          <dd>
            {kase.openedOn}
            {kase.lastSeenOn && <span className="muted">（最近一次核查仍发现：{kase.lastSeenOn}）</span>}
            {kase.closedAt && <span className="muted">（结案于 {timeOf(kase.closedAt)}）</span>}
          </dd>
          {kase.basis && (
            <>
              <dt>分派依据</dt>
              <dd className="small">{kase.basis}</dd>
            </>
          )}
          <dt>结案审批</dt>
          <dd>{kase.closureApproval ? '结案须经主管审批' : '负责单位可直接结案'}</dd>
        </dl>
        {/* 一人一档 rests on the ledger: a child the ledger has no record of for this user (a migrant child found by a
            cross-check, or one on another district's ledger) would open an empty page, so it is not offered. */}
        {kase.child && session.scopes.includes('welfare:read') && (
          <p className="card-foot">
            {kase.child.welfare ? (
              <a href={`#/child/${encodeURIComponent(kase.child.id)}`} data-testid="case-profile-link">
                查看一人一档 →
              </a>
            ) : (
              <span className="muted small" data-testid="case-not-in-ledger">
                此儿童不在您辖区的民政台账中（例如比对核查发现、尚未登记的流动儿童），没有一人一档；请按本个案办理。
              </span>
            )}
          </p>
        )}
      </div>
      {message && (
        <p className="ok" role="status" data-testid="case-message">
          {message}
        </p>
      )}

      <h3>各部门任务</h3>
      {kase.tasks.length === 0 ? (
        <p className="muted">没有您可查看的任务。</p>
      ) : (
        <div data-testid="case-tasks">
          {kase.tasks.map((t) => (
            <div key={t.id} className={`card task ${t.overdue ? 'late' : ''}`} data-testid="case-task">
              <div>
                <strong>{t.office}</strong>：{t.action}
                <span className="muted"> · 期限 {t.dueOn}</span>
                {t.overdue && <span className="badge late">逾期</span>}
                <span className="badge">{TASK_STATUS[t.status] ?? t.status}</span>
              </div>
              {t.assignee && <div className="muted small">承办人 {t.assignee}</div>}
              {(t.answer || t.answerNote) && (
                <div className="answer">
                  {t.answer ? ANSWER[t.answer] : '退回'}
                  {t.answerNote && `：${t.answerNote}`}
                  {t.answeredAt && <span className="muted small">（{timeOf(t.answeredAt)}）</span>}
                </div>
              )}
              {mayWork(session, t) && (
                <TaskActions
                  session={session}
                  task={{ ...t, ruleName: kase.ruleName }}
                  onDone={(m) => done(`${t.office} · ${t.action}：${m}`)}
                />
              )}
            </div>
          ))}
        </div>
      )}

      {open && (responsible || (session.scopes.includes('case:approve') && kase.status === 'AWAITING_APPROVAL')) && (
        <CaseActions session={session} kase={kase} responsible={responsible} onDone={done} />
      )}

      <h3>全过程记录</h3>
      <ol className="timeline" data-testid="case-history">
        {kase.history.map((h) => {
          const task = taskOf(h.taskId);
          return (
            <li key={h.seq} data-kind={h.kind}>
              <span className="time">{timeOf(h.at)}</span>
              <span className="kind">{EVENT[h.kind] ?? h.kind}</span>
              {h.actorAgency && <span className="tag">{h.actorAgency}</span>}
              {task && (
                <span className="muted small">
                  {' '}
                  {task.office} · {task.action}
                </span>
              )}
              {h.note && <div className="note-text">{withPlaces(zh(h.note), place)}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A suggestion for what a referral asks of each agency (editable). */
const REFER_ACTION: Record<string, string> = {
  'civil-affairs': '监护评估与干预',
  'public-security': '调查处置',
  education: '就学保障',
  health: '医疗救治',
  'medical-insurance': '参保资助',
  'disabled-persons': '残疾评定与康复救助',
};

type Mode = '' | 'refer' | 'intervention' | 'conference' | 'close' | 'dismiss' | 'approve' | 'identify';

const MUTATIONS: Record<Exclude<Mode, ''>, string> = {
  refer: `mutation($id: ID!, $agency: String!, $action: String!, $dueDays: Int!, $transfer: Boolean) {
    referCase(id: $id, agency: $agency, action: $action, dueDays: $dueDays, transfer: $transfer) { id status } }`,
  identify: `mutation($id: ID!, $childId: ID!, $note: String) { identifyCaseChild(id: $id, childId: $childId, note: $note) { id status } }`,
  intervention: `mutation($id: ID!, $kind: InterventionKind!, $note: String!) {
    recordCaseIntervention(id: $id, kind: $kind, note: $note) { id status } }`,
  conference: `mutation($id: ID!, $agencies: [String!]!, $note: String!) {
    recordCaseConference(id: $id, agencies: $agencies, note: $note) { id status } }`,
  close: `mutation($id: ID!, $note: String!) { closeCase(id: $id, note: $note) { id status } }`,
  dismiss: `mutation($id: ID!, $reason: String!) { dismissCase(id: $id, reason: $reason) { id status } }`,
  approve: `mutation($id: ID!, $approve: Boolean!, $note: String) { approveCaseClosure(id: $id, approve: $approve, note: $note) { id status } }`,
};

/** What the responsible office (or civil affairs, which coordinates) and a supervisor may do with the case. */
function CaseActions(props: { session: Session; kase: CaseView; responsible: boolean; onDone: (m: string) => void }) {
  const { session, kase, responsible, onDone } = props;
  const [mode, setMode] = useState<Mode>('');
  const [agency, setAgency] = useState('civil-affairs');
  const [action, setAction] = useState(REFER_ACTION['civil-affairs']);
  // A report's child may be alone or in danger: its referrals are due the next day unless the user says otherwise.
  const report = kase.source === 'MANDATORY_REPORT';
  const [dueDays, setDueDays] = useState(report ? '1' : '15');
  // The hub's default: public security hands a report over to civil affairs (移交主办); other referrals do not.
  const handOverDefault = (to: string) => report && kase.responsibleAgency === 'public-security' && to === 'civil-affairs';
  const [transfer, setTransfer] = useState(handOverDefault('civil-affairs'));
  const [kind, setKind] = useState('GUARDIANSHIP_ASSESSMENT');
  const [agencies, setAgencies] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const approver = session.scopes.includes('case:approve') && kase.status === 'AWAITING_APPROVAL';
  // Closing closes these too: the 结案 form names them first.
  const unanswered = kase.tasks.filter((t) => t.status === 'PENDING' || t.status === 'ACCEPTED');

  async function run(m: Exclude<Mode, ''>, variables: Record<string, unknown>, message: (status: string) => string) {
    setBusy(true);
    setError('');
    try {
      const r = await gql<Record<string, { status: string }>>(session, MUTATIONS[m], { id: kase.id, ...variables });
      const status = Object.values(r.data)[0]?.status ?? '';
      setMode('');
      setNote('');
      setAgencies([]);
      onDone(message(status));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const choose = (m: Mode) => {
    setMode(mode === m ? '' : m);
    setNote('');
    setError('');
  };
  const tab = (m: Mode, label: string) => (
    <button className={mode === m ? 'on' : 'secondary'} disabled={busy} onClick={() => choose(m)}>
      {label}
    </button>
  );
  const noteField = (label: string, required = true) => (
    <label>
      {label}
      {required ? '（必填）' : '（选填）'}
      <textarea name="case-note" value={note} onChange={(e) => setNote(e.target.value)} />
    </label>
  );

  return (
    <div className="card case-actions" data-testid="case-actions">
      <h3>办理</h3>
      <div className="buttons">
        {responsible && kase.status !== 'AWAITING_APPROVAL' && (
          <>
            {tab('refer', '转介')}
            {tab('intervention', '干预帮扶')}
            {tab('conference', '个案会商')}
            {tab('close', kase.closureApproval ? '申请结案' : '结案')}
            {tab('dismiss', '排除')}
          </>
        )}
        {responsible &&
          !kase.child &&
          session.scopes.includes('child:identity') &&
          kase.status !== 'AWAITING_APPROVAL' &&
          tab('identify', '确认身份')}
        {approver && tab('approve', '审批结案')}
      </div>
      {kase.status === 'AWAITING_APPROVAL' && !approver && (
        <p className="muted" data-testid="awaiting-approval">
          已申请结案，待有审批权限的主管审批；审批前不能再办理。
        </p>
      )}
      {mode === 'identify' && (
        <IdentifyChild
          session={session}
          busy={busy}
          onConfirm={(childId, n) => run('identify', { childId, note: n || null }, () => '已确认儿童身份')}
        />
      )}
      {mode === 'refer' && (
        <div className="form">
          <label>
            接收部门
            <select
              name="refer-agency"
              value={agency}
              onChange={(e) => {
                setAgency(e.target.value);
                setAction(REFER_ACTION[e.target.value] ?? '');
                setTransfer(handOverDefault(e.target.value));
              }}
            >
              {AGENCY_NAMES.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            要求办理的事项
            <input name="refer-action" value={action} onChange={(e) => setAction(e.target.value)} />
          </label>
          <label>
            期限（日）
            <input name="refer-days" type="number" min={1} max={365} value={dueDays} onChange={(e) => setDueDays(e.target.value)} />
          </label>
          <label className="inline">
            <input type="checkbox" name="refer-transfer" checked={transfer} onChange={(e) => setTransfer(e.target.checked)} />
            移交主办（接收单位签收后由其负责此个案）
          </label>
          <p className="muted small" data-testid="refer-office">
            接收单位：{shortPlace(kase.placeName, kase.placeRegion).split(' · ')[0]}
            {AGENCY_NAMES.find((a) => a.code === agency)?.name ?? ''}部门；由其签收或退回。
          </p>
          <button
            disabled={busy || !action.trim()}
            onClick={() =>
              run('refer', { agency, action: action.trim(), dueDays: Number(dueDays) || 15, transfer }, () => {
                const name = AGENCY_NAMES.find((a) => a.code === agency)?.name ?? agency;
                return `已转介${name}：${action.trim()}`;
              })
            }
          >
            确认转介
          </button>
        </div>
      )}
      {mode === 'intervention' && (
        <div className="form">
          <label>
            措施类别
            <select name="intervention-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {Object.entries(INTERVENTION).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {noteField('措施与情况')}
          <button
            disabled={busy || !note.trim()}
            onClick={() => run('intervention', { kind, note: note.trim() }, () => `已记录${INTERVENTION[kind]}`)}
          >
            记录
          </button>
        </div>
      )}
      {mode === 'conference' && (
        <div className="form">
          <fieldset>
            <legend>参加部门（至少两个）</legend>
            {AGENCY_NAMES.map((a) => (
              <label key={a.code} className="inline">
                <input
                  type="checkbox"
                  name={`conference-${a.code}`}
                  checked={agencies.includes(a.code)}
                  onChange={(e) => setAgencies(e.target.checked ? [...agencies, a.code] : agencies.filter((x) => x !== a.code))}
                />
                {a.name}
              </label>
            ))}
          </fieldset>
          {noteField('会商意见')}
          <button
            disabled={busy || agencies.length < 2 || !note.trim()}
            onClick={() => run('conference', { agencies, note: note.trim() }, () => '已记录个案会商')}
          >
            记录会商
          </button>
        </div>
      )}
      {mode === 'close' && (
        <div className="form">
          {noteField('结案说明')}
          {unanswered.length > 0 && (
            <p className="muted small" data-testid="close-open-tasks">
              尚有 {unanswered.length} 项任务未反馈（{unanswered.map((t) => `${t.office}：${t.action}`).join('；')}），结案时一并关闭。
            </p>
          )}
          {kase.closureApproval && <p className="muted small">此个案结案须经主管审批：提交后为「待审批结案」。</p>}
          <button
            disabled={busy || !note.trim()}
            onClick={() => run('close', { note: note.trim() }, (s) => (s === 'AWAITING_APPROVAL' ? '已申请结案，待主管审批' : '已结案'))}
          >
            {kase.closureApproval ? '提交结案申请' : '确认结案'}
          </button>
        </div>
      )}
      {mode === 'dismiss' && (
        <div className="form">
          {noteField('排除理由')}
          <p className="muted small">排除后，所判断的事实不变时核查不再重新开启此个案。</p>
          <button disabled={busy || !note.trim()} onClick={() => run('dismiss', { reason: note.trim() }, () => '已排除')}>
            确认排除
          </button>
        </div>
      )}
      {mode === 'approve' && (
        <div className="form">
          {noteField('审批意见（退回时必填）', false)}
          <button disabled={busy} onClick={() => run('approve', { approve: true, note: note.trim() || null }, () => '已同意结案')}>
            同意结案
          </button>
          <button
            className="secondary"
            disabled={busy || !note.trim()}
            onClick={() => run('approve', { approve: false, note: note.trim() }, () => '已退回结案申请')}
          >
            退回
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * 确认身份 for a report's unidentified child: the responsible office (public security, or civil affairs after the
 * hand-over) looks the 18-digit ID number up in public security's register through the graph (personByIdNumber,
 * audited there), reads the name and birth date back, and confirms; the case then names the child.
 */
function IdentifyChild(props: { session: Session; busy: boolean; onConfirm: (childId: string, note: string) => void }) {
  const { session, busy, onConfirm } = props;
  const [idNumber, setIdNumber] = useState('');
  const [note, setNote] = useState('');
  const [found, setFound] = useState<{ id: string; name: string; dateOfBirth: string } | null | undefined>(undefined);
  const [error, setError] = useState('');
  async function lookUp() {
    setError('');
    setFound(undefined);
    try {
      const r = await gql<{ personByIdNumber: { id: string; name: string; dateOfBirth: string } | null }>(
        session,
        'query($n: String!) { personByIdNumber(idNumber: $n) { id name dateOfBirth } }',
        { n: idNumber.trim() },
      );
      setFound(r.data.personByIdNumber);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="form" data-testid="identify-child">
      <label>
        公民身份号码（18 位）
        <input name="identify-id-number" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" />
      </label>
      <button type="button" className="secondary" disabled={busy || idNumber.trim().length !== 18} onClick={lookUp}>
        查询户籍
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found === null && <p className="muted">本辖区户籍中没有此号码的人员。</p>}
      {found && (
        <>
          <p data-testid="identify-found">
            户籍登记：<strong>{found.name}</strong>，{found.dateOfBirth} 出生
          </p>
          <label>
            如何确认（选填）
            <textarea name="identify-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button disabled={busy} onClick={() => onConfirm(found.id, note.trim())}>
            确认是此儿童
          </button>
        </>
      )}
    </div>
  );
}
