import { type FormEvent, useEffect, useState } from 'react';
import { HELP_KIND, isRole, labelsOf, RISK_FACTOR, ROLES, todayInChina } from '@hub/domain';
import { CATEGORY, COLOUR, gql, VISIT_METHOD, type Session } from '../api';
import { timeOf } from '../cases';
import { recordEntry, useOutbox, type PendingEntry } from '../outbox';

/**
 * The child director's entries on the child's page (docs/ledger.md, docs/dashboard.md#ledger): 记录走访, 风险评估,
 * 委托照护协议, 工作日志, 关爱帮扶 and 信息变更 — made on a phone, kept on it when the signal drops and sent when it
 * returns, each once — and the history they build: the colour's assessments, agreements, work log, help given and
 * the record's changes.
 */
const FACTOR = labelsOf(RISK_FACTOR);
const HELP = labelsOf(HELP_KIND);

const RECORD_VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`;
const ASSESS = `mutation($input: AssessRiskColourInput!) { assessRiskColour(input: $input) { id } }`;
const SIGN = `mutation($input: SignCareAgreementInput!) { signCareAgreement(input: $input) { id } }`;
const WORK_LOG = `mutation($input: RecordWorkLogInput!) { recordWorkLog(input: $input) { id } }`;
const HELP_GIVEN = `mutation($input: RecordHelpInput!) { recordHelp(input: $input) { id } }`;
const UPDATE_RECORD = `mutation($input: UpdateChildRecordInput!) { updateChildRecord(input: $input) { riskColour } }`;
/** Entries that change what the profile's own card shows (the colour, the guardian, the categories). */
const CHANGES_PROFILE = new Set([ASSESS, UPDATE_RECORD]);

type Form = '' | 'visit' | 'colour' | 'agreement' | 'worklog' | 'help' | 'record';

/** The record as the profile shows it: what 信息变更 starts from. */
export interface RecordNow {
  guardian: { name: string | null; relation: string | null; phone: string | null } | null;
  categories: string[];
}

/** `onSaved(true)` when what was sent changes the profile's own card (colour, guardian, categories) or may have. */
export function LedgerEntry(props: {
  session: Session;
  id: string;
  name: string;
  colour: string | null;
  record: RecordNow;
  onSaved: (profileChanged?: boolean) => void;
}) {
  const { session, id, name, onSaved } = props;
  const [form, setForm] = useState<Form>('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  // Send what waits when the link returns, every 30 s while anything waits, and once now.
  const waiting = useOutbox(session, (sent, refusals) => {
    if (refusals.length) setError(refusals.join('；'));
    if (sent.length) onSaved(sent.some((m) => CHANGES_PROFILE.has(m)));
  });

  async function send(entry: Pick<PendingEntry, 'label' | 'mutation'>, input: Record<string, unknown>) {
    setError('');
    setMessage('');
    const result = await recordEntry(session, { ...entry, childId: id, input: { ...input, childId: id } });
    if (result.outcome === 'refused') return setError(result.text);
    setMessage(result.text);
    setForm('');
    if (result.outcome === 'sent') onSaved(CHANGES_PROFILE.has(entry.mutation));
  }

  return (
    <div className="card ledger-entry" data-testid="ledger-entry">
      <h3>台账记录</h3>
      <div className="ledger-buttons">
        <button type="button" onClick={() => setForm(form === 'visit' ? '' : 'visit')} data-testid="open-visit">
          记录走访
        </button>
        <button type="button" onClick={() => setForm(form === 'colour' ? '' : 'colour')} data-testid="open-colour">
          风险评估
        </button>
        <button type="button" onClick={() => setForm(form === 'agreement' ? '' : 'agreement')} data-testid="open-agreement">
          委托照护协议
        </button>
        <button type="button" onClick={() => setForm(form === 'worklog' ? '' : 'worklog')} data-testid="open-worklog">
          工作日志
        </button>
        <button type="button" onClick={() => setForm(form === 'help' ? '' : 'help')} data-testid="open-help">
          关爱帮扶
        </button>
        <button type="button" onClick={() => setForm(form === 'record' ? '' : 'record')} data-testid="open-record">
          信息变更
        </button>
      </div>
      {message && (
        <p className="ok" role="status" data-testid="ledger-message">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="ledger-error">
          {error}
        </p>
      )}
      {waiting.length > 0 && (
        <p className="warn" data-testid="ledger-waiting">
          待发送 {waiting.length} 条（网络恢复后自动发送）：{waiting.map((w) => w.label).join('、')}
        </p>
      )}
      {form === 'visit' && <VisitForm name={name} onSubmit={send} />}
      {form === 'colour' && <ColourForm name={name} current={props.colour} onSubmit={send} />}
      {form === 'agreement' && <AgreementForm name={name} onSubmit={send} />}
      {form === 'worklog' && <WorkLogForm name={name} onSubmit={send} />}
      {form === 'help' && <HelpForm name={name} onSubmit={send} />}
      {form === 'record' && (
        <RecordForm name={name} record={props.record} categories={session.scopes.includes('welfare:write')} onSubmit={send} />
      )}
    </div>
  );
}

type Send = (entry: Pick<PendingEntry, 'label' | 'mutation'>, input: Record<string, unknown>) => Promise<void>;

function VisitForm({ name, onSubmit }: { name: string; onSubmit: Send }) {
  const [visitedOn, setVisitedOn] = useState(todayInChina());
  const [method, setMethod] = useState('HOME');
  const [notes, setNotes] = useState('');
  const [nextDueOn, setNextDueOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!notes.trim()) return setMissing('请填写走访发现的情况');
    setBusy(true);
    await onSubmit(
      { label: `走访 · ${name} · ${visitedOn}`, mutation: RECORD_VISIT },
      { visitedOn, method, notes: notes.trim(), nextDueOn: nextDueOn || null },
    );
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="visit-form">
      <label>
        走访日期
        <input type="date" name="visitedOn" value={visitedOn} max={todayInChina()} onChange={(e) => setVisitedOn(e.target.value)} />
      </label>
      <label>
        方式
        <select name="method" value={method} onChange={(e) => setMethod(e.target.value)}>
          {Object.entries(VISIT_METHOD).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {method !== 'HOME' && <p className="muted">只有入户走访计入「一月一访」；电话、视频、到校会记录在档，但不算走访。</p>}
      <label>
        发现的情况
        <textarea name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <label>
        下次走访（可不填）
        <input type="date" name="nextDueOn" value={nextDueOn} min={visitedOn} onChange={(e) => setNextDueOn(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-visit">
        保存走访
      </button>
    </form>
  );
}

function ColourForm({ name, current, onSubmit }: { name: string; current: string | null; onSubmit: Send }) {
  const [colour, setColour] = useState(current ?? 'GREEN');
  const [factors, setFactors] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setMissing('请填写评估说明');
    setBusy(true);
    await onSubmit(
      { label: `风险评估 · ${name} · ${COLOUR[colour]?.name ?? colour}`, mutation: ASSESS },
      { colour, factors, reason: reason.trim() },
    );
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="colour-form">
      <fieldset>
        <legend>评估因素</legend>
        {Object.entries(FACTOR).map(([k, v]) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              name="factor"
              value={k}
              checked={factors.includes(k)}
              onChange={(e) => setFactors(e.target.checked ? [...factors, k] : factors.filter((f) => f !== k))}
            />
            {v}
          </label>
        ))}
      </fieldset>
      <label>
        风险等级
        <select name="colour" value={colour} onChange={(e) => setColour(e.target.value)}>
          {Object.entries(COLOUR).map(([k, v]) => (
            <option key={k} value={k}>
              {v.name}
              {k === current ? '（当前）' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        评估说明
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-colour">
        保存评估
      </button>
    </form>
  );
}

function AgreementForm({ name, onSubmit }: { name: string; onSubmit: Send }) {
  const [caregiverName, setCaregiverName] = useState('');
  const [caregiverRelation, setCaregiverRelation] = useState('');
  const [signedOn, setSignedOn] = useState(todayInChina());
  const [validUntil, setValidUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!caregiverName.trim() || !caregiverRelation.trim()) return setMissing('请填写被委托照护人及其与儿童的关系');
    setBusy(true);
    await onSubmit(
      { label: `委托照护协议 · ${name} · ${signedOn}`, mutation: SIGN },
      { caregiverName: caregiverName.trim(), caregiverRelation: caregiverRelation.trim(), signedOn, validUntil: validUntil || null },
    );
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="agreement-form">
      <label>
        被委托照护人
        <input name="caregiverName" value={caregiverName} onChange={(e) => setCaregiverName(e.target.value)} />
      </label>
      <label>
        与儿童的关系
        <input name="caregiverRelation" value={caregiverRelation} onChange={(e) => setCaregiverRelation(e.target.value)} />
      </label>
      <label>
        签订日期
        <input type="date" name="signedOn" value={signedOn} max={todayInChina()} onChange={(e) => setSignedOn(e.target.value)} />
      </label>
      <label>
        有效期至（可不填）
        <input type="date" name="validUntil" value={validUntil} min={signedOn} onChange={(e) => setValidUntil(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-agreement">
        保存协议
      </button>
    </form>
  );
}

function WorkLogForm({ name, onSubmit }: { name: string; onSubmit: Send }) {
  const [workedOn, setWorkedOn] = useState(todayInChina());
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!content.trim()) return setMissing('请填写工作内容');
    setBusy(true);
    await onSubmit({ label: `工作日志 · ${name} · ${workedOn}`, mutation: WORK_LOG }, { workedOn, content: content.trim() });
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="worklog-form">
      <label>
        日期
        <input type="date" name="workedOn" value={workedOn} max={todayInChina()} onChange={(e) => setWorkedOn(e.target.value)} />
      </label>
      <label>
        工作内容
        <textarea name="content" value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-worklog">
        保存日志
      </button>
    </form>
  );
}

function HelpForm({ name, onSubmit }: { name: string; onSubmit: Send }) {
  const [helpedOn, setHelpedOn] = useState(todayInChina());
  const [kind, setKind] = useState(Object.keys(HELP)[0]);
  const [content, setContent] = useState('');
  const [provider, setProvider] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!content.trim() || !provider.trim()) return setMissing('请填写帮扶内容和帮扶提供方');
    setBusy(true);
    await onSubmit(
      { label: `关爱帮扶 · ${name} · ${HELP[kind] ?? kind}`, mutation: HELP_GIVEN },
      { helpedOn, kind, content: content.trim(), provider: provider.trim(), referredTo: referredTo.trim() || null },
    );
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="help-form">
      <label>
        帮扶日期
        <input type="date" name="helpedOn" value={helpedOn} max={todayInChina()} onChange={(e) => setHelpedOn(e.target.value)} />
      </label>
      <label>
        帮扶类型
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {Object.entries(HELP).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        帮扶内容
        <textarea name="content" value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      <label>
        帮扶提供方（人员、单位或社会组织）
        <input name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} />
      </label>
      <label>
        转介至（部门或机构，可不填）
        <input name="referredTo" value={referredTo} onChange={(e) => setReferredTo(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-help">
        保存帮扶记录
      </button>
    </form>
  );
}

/**
 * 信息变更 (动态更新): the guardian's name, relation and phone, and — for a session that may decide them
 * (`welfare:write`, the district) — the child's categories; only what differs from the record is sent, with the reason.
 * A child director who learns a child has fallen ill says so in the reason; the district changes the category.
 */
function RecordForm(props: { name: string; record: RecordNow; categories: boolean; onSubmit: Send }) {
  const g = props.record.guardian;
  const [guardianName, setGuardianName] = useState(g?.name ?? '');
  const [guardianRelation, setGuardianRelation] = useState(g?.relation ?? '');
  const [guardianPhone, setGuardianPhone] = useState(g?.phone ?? '');
  const [categories, setCategories] = useState<string[]>(props.record.categories);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  async function go(e: FormEvent) {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    if (guardianName.trim() !== (g?.name ?? '')) changes.guardianName = guardianName.trim();
    if (guardianRelation.trim() !== (g?.relation ?? '')) changes.guardianRelation = guardianRelation.trim();
    if (guardianPhone.trim() !== (g?.phone ?? '')) changes.guardianPhone = guardianPhone.trim();
    if (props.categories && [...categories].sort().join() !== [...props.record.categories].sort().join()) changes.categories = categories;
    if (!Object.keys(changes).length) return setMissing('没有要变更的内容');
    if (!reason.trim()) return setMissing('请填写变更原因');
    setBusy(true);
    await props.onSubmit({ label: `信息变更 · ${props.name}`, mutation: UPDATE_RECORD }, { ...changes, reason: reason.trim() });
    setBusy(false);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="record-form">
      <label>
        监护人姓名
        <input name="guardianName" value={guardianName} onChange={(e) => setGuardianName(e.target.value)} />
      </label>
      <label>
        监护人与儿童的关系
        <input name="guardianRelation" value={guardianRelation} onChange={(e) => setGuardianRelation(e.target.value)} />
      </label>
      <label>
        监护人联系电话
        <input name="guardianPhone" type="tel" value={guardianPhone} onChange={(e) => setGuardianPhone(e.target.value)} />
      </label>
      {props.categories ? (
        <fieldset>
          <legend>儿童类别</legend>
          {Object.entries(CATEGORY).map(([k, v]) => (
            <label key={k} className="check">
              <input
                type="checkbox"
                name="category"
                value={k}
                checked={categories.includes(k)}
                onChange={(e) => setCategories(e.target.checked ? [...categories, k] : categories.filter((c) => c !== k))}
              />
              {v}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">儿童类别由区县民政部门认定变更；发现儿童残疾、重病等情况，请在变更原因中写明，或告知区县民政部门。</p>
      )}
      <label>
        变更原因
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {missing && <p className="error">{missing}</p>}
      <button type="submit" disabled={busy} data-testid="save-record">
        保存变更
      </button>
    </form>
  );
}

interface History {
  careAgreements: { caregiverName: string; caregiverRelation: string; signedOn: string; validUntil: string | null }[] | null;
  welfare: {
    riskAssessments: { assessedOn: string; colour: string; previousColour: string | null; factors: string[]; reason: string }[];
    workLog: { workedOn: string; content: string }[];
    helpRecords: { helpedOn: string; kind: string; content: string; provider: string; referredTo: string | null }[];
    recordChanges: RecordChange[];
  } | null;
}
type ValueChange = { before: string | null; after: string | null } | null;
interface RecordChange {
  changedAt: string;
  reason: string;
  actorRole: string;
  guardianName: ValueChange;
  guardianRelation: ValueChange;
  guardianPhone: ValueChange;
  categories: { before: string[]; after: string[] } | null;
}

/** One record change in words: 监护人联系电话 138… → 139…; categories by their Chinese names. */
function changeText(c: RecordChange): string {
  const value = (v: string | null) => v || '（空）';
  const cats = (list: string[]) => list.map((k) => CATEGORY[k] ?? k).join('、') || '（无）';
  const parts = [
    c.guardianName && `监护人姓名 ${value(c.guardianName.before)} → ${value(c.guardianName.after)}`,
    c.guardianRelation && `监护人关系 ${value(c.guardianRelation.before)} → ${value(c.guardianRelation.after)}`,
    c.guardianPhone && `监护人联系电话 ${value(c.guardianPhone.before)} → ${value(c.guardianPhone.after)}`,
    c.categories && `儿童类别 ${cats(c.categories.before)} → ${cats(c.categories.after)}`,
  ].filter(Boolean);
  return parts.join('；');
}

/** The history the entries build, newest first. */
export function LedgerHistory({ session, id, version }: { session: Session; id: string; version: number }) {
  const [h, setH] = useState<History | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    gql<{ child: History | null }>(
      session,
      `query($id: ID!) { child(id: $id) {
        careAgreements { caregiverName caregiverRelation signedOn validUntil }
        welfare { riskAssessments { assessedOn colour previousColour factors reason }
          workLog { workedOn content } helpRecords { helpedOn kind content provider referredTo }
          recordChanges { changedAt reason actorRole guardianName { before after } guardianRelation { before after }
            guardianPhone { before after } categories { before after } } } } }`,
      { id },
    ).then(
      // A part the role may not read (a guardian's name without child:basic) comes back null: the rest still shows.
      (r) => setH(r.data.child ?? { careAgreements: null, welfare: null }),
      (e: Error) => setError(e.message),
    );
  }, [session, id, version]);
  if (error) return <p className="error">{error}</p>;
  if (!h) return <p className="muted">加载中…</p>;
  const colourName = (c: string | null) => (c ? (COLOUR[c]?.name ?? c) : '—');
  return (
    <div className="card" data-testid="ledger-history">
      <h3>风险等级变化</h3>
      {h.welfare?.riskAssessments.length ? (
        <ul className="plain-list" data-testid="colour-history">
          {h.welfare.riskAssessments.map((a, i) => (
            <li key={i}>
              {a.assessedOn} {colourName(a.previousColour)} → <strong>{colourName(a.colour)}</strong>
              {a.factors.length ? `（${a.factors.map((f) => FACTOR[f] ?? f).join('、')}）` : ''}：{a.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无评估记录。</p>
      )}
      <h3>委托照护协议</h3>
      {h.careAgreements?.length ? (
        <ul className="plain-list" data-testid="agreements">
          {[...h.careAgreements]
            .sort((a, b) => b.signedOn.localeCompare(a.signedOn))
            .map((a, i) => (
              <li key={i}>
                {a.signedOn} 签订 · {a.caregiverName}（{a.caregiverRelation}）{a.validUntil ? ` · 有效期至 ${a.validUntil}` : ''}
              </li>
            ))}
        </ul>
      ) : (
        <p className="muted">无协议。</p>
      )}
      <h3>关爱帮扶记录</h3>
      {h.welfare?.helpRecords.length ? (
        <ul className="plain-list" data-testid="help-records">
          {h.welfare.helpRecords.map((x, i) => (
            <li key={i}>
              {x.helpedOn} {HELP[x.kind] ?? x.kind}：{x.content}（{x.provider}
              {x.referredTo ? `，转介${x.referredTo}` : ''}）
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无帮扶记录。</p>
      )}
      <h3>工作日志</h3>
      {h.welfare?.workLog.length ? (
        <ul className="plain-list" data-testid="work-log">
          {h.welfare.workLog.map((x, i) => (
            <li key={i}>
              {x.workedOn} {x.content}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无工作日志。</p>
      )}
      <h3>信息变更</h3>
      {h.welfare?.recordChanges?.length ? (
        <ul className="plain-list" data-testid="record-changes">
          {h.welfare.recordChanges.map((c, i) => (
            <li key={i}>
              {timeOf(c.changedAt)} {changeText(c)}（{isRole(c.actorRole) ? ROLES[c.actorRole].title : '工作人员'}；原因：{c.reason}）
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无信息变更。</p>
      )}
    </div>
  );
}
