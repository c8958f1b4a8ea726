import { type FormEvent, useEffect, useState } from 'react';
import { HELP_KIND, labelsOf, RISK_FACTOR } from '@hub/domain';
import { COLOUR, gql, VISIT_METHOD, type Session } from '../api';
import { flush, newRequestKey, pending, submit, type PendingEntry } from '../outbox';

/**
 * The child director's entries on the child's page (docs/ledger.md, docs/dashboard.md#ledger): 记录走访, 风险评估,
 * 委托照护协议 — made on a phone, kept on it when the signal drops and sent when it returns, each once — and the
 * history they build: the colour's assessments, agreements, work log and help given.
 */
const FACTOR = labelsOf(RISK_FACTOR);
const HELP = labelsOf(HELP_KIND);

const RECORD_VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`;
const ASSESS = `mutation($input: AssessRiskColourInput!) { assessRiskColour(input: $input) { id } }`;
const SIGN = `mutation($input: SignCareAgreementInput!) { signCareAgreement(input: $input) { id } }`;

/** Today in Beijing: the date a visit made today carries. */
function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

type Form = '' | 'visit' | 'colour' | 'agreement';

export function LedgerEntry(props: { session: Session; id: string; name: string; colour: string | null; onSaved: () => void }) {
  const { session, id, name, onSaved } = props;
  const [form, setForm] = useState<Form>('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [waiting, setWaiting] = useState<PendingEntry[]>(() => pending(session));

  // Send what waits when the link returns, every 30 s while anything waits, and once now.
  useEffect(() => {
    const refresh = () => setWaiting(pending(session));
    const retry = () =>
      void flush(session).then((refusals) => {
        refresh();
        if (refusals.length) setError(refusals.join('；'));
        onSaved();
      });
    window.addEventListener('online', retry);
    window.addEventListener('hub-outbox', refresh);
    const timer = setInterval(() => pending(session).length && retry(), 30_000);
    if (pending(session).length) retry();
    return () => {
      window.removeEventListener('online', retry);
      window.removeEventListener('hub-outbox', refresh);
      clearInterval(timer);
    };
  }, [session, onSaved]);

  async function send(entry: Pick<PendingEntry, 'label' | 'mutation'>, input: Record<string, unknown>) {
    setError('');
    setMessage('');
    const requestKey = newRequestKey();
    const result = await submit(session, {
      ...entry,
      childId: id,
      requestKey,
      madeAt: new Date().toISOString(),
      input: { ...input, childId: id, requestKey },
    });
    if (result.sent) {
      setMessage(`${entry.label}：已保存。`);
      setForm('');
      onSaved();
    } else if (result.waiting) {
      setMessage(`${entry.label}：网络不通，已保存在本机，恢复连接后自动发送。`);
      setForm('');
    } else setError(result.error);
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
    </div>
  );
}

type Send = (entry: Pick<PendingEntry, 'label' | 'mutation'>, input: Record<string, unknown>) => Promise<void>;

function VisitForm({ name, onSubmit }: { name: string; onSubmit: Send }) {
  const [visitedOn, setVisitedOn] = useState(today());
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
        <input type="date" name="visitedOn" value={visitedOn} max={today()} onChange={(e) => setVisitedOn(e.target.value)} />
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
  const [signedOn, setSignedOn] = useState(today());
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
        <input type="date" name="signedOn" value={signedOn} max={today()} onChange={(e) => setSignedOn(e.target.value)} />
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

interface History {
  careAgreements: { caregiverName: string; caregiverRelation: string; signedOn: string; validUntil: string | null }[] | null;
  welfare: {
    riskAssessments: { assessedOn: string; colour: string; previousColour: string | null; factors: string[]; reason: string }[];
    workLog: { workedOn: string; content: string }[];
    helpRecords: { helpedOn: string; kind: string; content: string; provider: string; referredTo: string | null }[];
  } | null;
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
          workLog { workedOn content } helpRecords { helpedOn kind content provider referredTo } } } }`,
      { id },
    ).then(
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
      <h3>工作日志与帮扶</h3>
      {h.welfare?.workLog.length || h.welfare?.helpRecords.length ? (
        <ul className="plain-list">
          {(h.welfare?.helpRecords ?? []).map((x, i) => (
            <li key={`h${i}`}>
              {x.helpedOn} {HELP[x.kind] ?? x.kind}：{x.content}（{x.provider}
              {x.referredTo ? `，转介${x.referredTo}` : ''}）
            </li>
          ))}
          {(h.welfare?.workLog ?? []).map((x, i) => (
            <li key={`w${i}`}>
              {x.workedOn} 工作日志：{x.content}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无记录。</p>
      )}
    </div>
  );
}
