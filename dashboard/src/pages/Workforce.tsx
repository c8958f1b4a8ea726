import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { APPRAISAL_RESULT, labelsOf, todayInChina, WORKFORCE_KIND } from '@hub/domain';
import { ApiError, gql, NOT_PERMITTED, refused, type Session } from '../api';
import { downloadXlsx } from '../export';
import { Pager } from '../Pager';
import { loadPlaces, placeName, usePlaces } from '../regions';
import { pct } from '../scorecard';

/**
 * 儿童工作队伍 (docs/dashboard.md#儿童工作队伍, docs/ledger.md#workforce): for civil-affairs staff, per area one level
 * below theirs, how many villages with ledger children have a trained child director, how many directors and
 * supervisors are trained and appraised; the villages without a trained director by name; the people of the area
 * with their caseload, last training and latest appraisal. A district or city (welfare:write) records a training or
 * an appraisal for a person from the list; each form sends one UUID (its `requestKey`) however often it is sent.
 */
const KIND = labelsOf(WORKFORCE_KIND);
const RESULT = labelsOf(APPRAISAL_RESULT);
const PAGE_SIZE = 20;

interface Row {
  region: string;
  villages: number;
  villagesWithTrainedDirector: number;
  directors: number;
  trainedDirectors: number;
  villagesWithoutTrainedDirector: string[];
  supervisors: number;
  trainedSupervisors: number;
  period: string;
  appraisedDirectors: number;
  appraisedSupervisors: number;
  failedAppraisals: number;
}
interface Person {
  id: string;
  kind: string;
  name: string;
  region: string;
  trainedOn: string | null;
  trained: boolean;
  caseload: number;
  lastTraining: { trainedOn: string; course: string; hours: number; passed: boolean } | null;
  latestAppraisal: { period: string; result: string; score: number | null } | null;
}
interface PeoplePage {
  totalCount: number;
  nodes: Person[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const ROWS = `query($p: String) { workforce(period: $p) { region villages villagesWithTrainedDirector directors trainedDirectors
  villagesWithoutTrainedDirector supervisors trainedSupervisors period appraisedDirectors appraisedSupervisors failedAppraisals } }`;
const PEOPLE = `query($u: Boolean!, $first: Int!, $after: String) { workforcePeople(untrainedOnly: $u, first: $first, after: $after) {
  totalCount nodes { id kind name region trainedOn trained caseload lastTraining { trainedOn course hours passed } latestAppraisal { period result score } }
  pageInfo { endCursor hasNextPage } } }`;
const TRAIN = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
const APPRAISE = `mutation($input: RecordAppraisalInput!) { recordAppraisal(input: $input) { id period result } }`;

/** `2026` → 2026 年度, `2026-H1` → 2026 上半年. */
function periodLabel(period: string): string {
  return period.endsWith('-H1')
    ? `${period.slice(0, 4)} 上半年`
    : period.endsWith('-H2')
      ? `${period.slice(0, 4)} 下半年`
      : `${period} 年度`;
}

/** The periods offered: this year and last, each as a whole and by halves. */
function periods(): string[] {
  const y = Number(todayInChina().slice(0, 4));
  return [y, y - 1].flatMap((year) => [`${year}`, `${year}-H2`, `${year}-H1`]);
}

/** The 合计 line: every count summed over the areas. */
function sumOf(rows: Row[]): Row {
  const n = (k: Exclude<keyof Row, 'region' | 'period' | 'villagesWithoutTrainedDirector'>) => rows.reduce((sum, r) => sum + r[k], 0);
  return {
    region: '',
    period: rows[0].period,
    villagesWithoutTrainedDirector: rows.flatMap((r) => r.villagesWithoutTrainedDirector),
    villages: n('villages'),
    villagesWithTrainedDirector: n('villagesWithTrainedDirector'),
    directors: n('directors'),
    trainedDirectors: n('trainedDirectors'),
    supervisors: n('supervisors'),
    trainedSupervisors: n('trainedSupervisors'),
    appraisedDirectors: n('appraisedDirectors'),
    appraisedSupervisors: n('appraisedSupervisors'),
    failedAppraisals: n('failedAppraisals'),
  };
}

export function Workforce({ session }: { session: Session }) {
  const canWrite = session.scopes.includes('welfare:write');
  const [period, setPeriod] = useState(() => todayInChina().slice(0, 4));
  const [rows, setRows] = useState<Row[] | null>(null);
  const [rowsError, setRowsError] = useState('');
  const [untrainedOnly, setUntrainedOnly] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [people, setPeople] = useState<PeoplePage | null>(null);
  const [peopleError, setPeopleError] = useState('');
  const [form, setForm] = useState<{ person: Person; kind: 'training' | 'appraisal' } | null>(null);
  const [saved, setSaved] = useState('');
  const [version, setVersion] = useState(0);
  // The form opens above the list: bring it into view (on a phone the row clicked may be screens below).
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!form || !formRef.current) return;
    formRef.current.scrollIntoView({ block: 'start' });
    formRef.current.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
  }, [form]);
  const flagged = (rows ?? []).flatMap((r) => r.villagesWithoutTrainedDirector);
  const place = usePlaces([...(rows ?? []).map((r) => r.region), ...flagged, ...(people?.nodes ?? []).map((p) => p.region)]);

  useEffect(() => {
    let live = true;
    gql<{ workforce: Row[] | null }>(session, ROWS, { p: period }).then(
      (r) => {
        if (!live) return;
        if (refused(r, 'workforce')) setRowsError(NOT_PERMITTED);
        else setRows(r.data.workforce);
      },
      (e: Error) => live && setRowsError(e.message),
    );
    return () => {
      live = false;
    };
  }, [session, period, version]);

  const after = cursors[cursors.length - 1];
  useEffect(() => {
    let live = true;
    gql<{ workforcePeople: PeoplePage | null }>(session, PEOPLE, { u: untrainedOnly, first: PAGE_SIZE, after }).then(
      (r) => {
        if (!live) return;
        if (refused(r, 'workforcePeople')) setPeopleError(NOT_PERMITTED);
        else setPeople(r.data.workforcePeople);
      },
      (e: Error) => live && setPeopleError(e.message),
    );
    return () => {
      live = false;
    };
  }, [session, untrainedOnly, after, version]);

  const onSaved = useCallback((what: string) => {
    setForm(null);
    setSaved(what);
    setVersion((v) => v + 1);
  }, []);

  // The 合计 line under several areas (a village's child director has one row, which is its own total); always in the export.
  const total = rows?.length ? sumOf(rows) : null;

  async function exportRows() {
    if (!rows || !total) return;
    // Every name in the sheet, including the flagged villages', known before it is written.
    await loadPlaces([...rows.map((r) => r.region), ...rows.flatMap((r) => r.villagesWithoutTrainedDirector)]);
    const line = (r: Row, name: string) => [
      name,
      r.villages,
      r.villagesWithTrainedDirector,
      r.villages ? Math.round((1000 * r.villagesWithTrainedDirector) / r.villages) / 10 : null,
      r.directors,
      r.trainedDirectors,
      r.supervisors,
      r.trainedSupervisors,
      r.appraisedDirectors + r.appraisedSupervisors,
      r.failedAppraisals,
      r.villagesWithoutTrainedDirector.map((v) => placeName(v, { short: true })).join('、'),
    ];
    await downloadXlsx(
      `儿童工作队伍培训覆盖_${todayInChina()}.xlsx`,
      '培训覆盖',
      [
        '区划',
        '有台账儿童的村（社区）',
        '其中有经培训合格儿童主任',
        '覆盖率（%）',
        '儿童主任',
        '儿童主任已培训',
        '儿童督导员',
        '督导员已培训',
        `${periodLabel(period)}已考核`,
        '考核不合格',
        '无经培训合格儿童主任的村（社区）',
      ],
      [...rows.map((r) => line(r, placeName(r.region))), line(total, '合计')],
    );
  }

  return (
    <section>
      <h2>儿童工作队伍</h2>
      <p className="muted">
        儿童主任、儿童督导员的培训覆盖与考核（培训全覆盖、先培训后上岗）。按本辖区下一级区划统计，培训合格的登记后即时计入。
      </p>

      <div className="card" data-testid="workforce-coverage">
        <h3>培训覆盖与考核</h3>
        <div className="filters workforce-filters">
          <label>
            考核期间
            <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)}>
              {periods().map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void exportRows()} disabled={!rows?.length} data-testid="workforce-export">
            导出 Excel
          </button>
        </div>
        {rowsError ? (
          <p className="error" role="alert">
            {rowsError}
          </p>
        ) : !rows ? (
          <p className="muted">加载中…</p>
        ) : rows.length === 0 ? (
          <p className="muted">本辖区没有有台账儿童的村（社区）。</p>
        ) : (
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>区划</th>
                <th>儿童主任培训覆盖（村）</th>
                <th>儿童主任已培训</th>
                <th>督导员已培训</th>
                <th>{periodLabel(period)}已考核</th>
                <th>考核不合格</th>
              </tr>
            </thead>
            <tbody>
              {[...rows, ...(total && rows.length > 1 ? [total] : [])].map((r) => (
                <tr
                  key={r.region || 'total'}
                  data-testid={r.region ? 'workforce-row' : 'workforce-total'}
                  data-region={r.region || undefined}
                >
                  <td data-label="区划">{r.region ? place(r.region) : <strong>合计</strong>}</td>
                  <td data-label="培训覆盖（村）" data-testid="coverage">
                    {pct(r.villagesWithTrainedDirector, r.villages)}
                  </td>
                  <td data-label="儿童主任已培训">{pct(r.trainedDirectors, r.directors)}</td>
                  <td data-label="督导员已培训">{r.supervisors ? pct(r.trainedSupervisors, r.supervisors) : '—'}</td>
                  <td data-label={`${periodLabel(period)}已考核`} data-testid="appraised">
                    {pct(r.appraisedDirectors + r.appraisedSupervisors, r.directors + r.supervisors)}
                  </td>
                  <td data-label="考核不合格" className={r.failedAppraisals ? 'failed' : undefined}>
                    {r.failedAppraisals}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      {rows && (
        <div className="card" data-testid="untrained-villages">
          <h3>无经培训合格儿童主任的村（社区） {flagged.length > 0 && <span className="tag warn-tag">{flagged.length} 个</span>}</h3>
          {flagged.length === 0 ? (
            <p className="ok">本辖区有台账儿童的村（社区）都有经培训合格的儿童主任。</p>
          ) : (
            <ul className="flagged-villages">
              {flagged.map((v) => (
                <li key={v} data-testid="untrained-village" data-region={v}>
                  ⚠ {place(v)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="card" data-testid="workforce-people">
        <h3>人员名册 {people && <span className="muted small">（共 {people.totalCount} 人）</span>}</h3>
        <div className="filters">
          <label className="inline">
            <input
              type="checkbox"
              name="untrainedOnly"
              checked={untrainedOnly}
              onChange={(e) => {
                setUntrainedOnly(e.target.checked);
                setCursors([null]);
              }}
            />
            只看未经培训合格的人员
          </label>
        </div>
        {saved && (
          <p className="ok" role="status" data-testid="workforce-saved">
            {saved}
          </p>
        )}
        {form && (
          <div className="card workforce-form" ref={formRef}>
            {form.kind === 'training' ? (
              <TrainingForm
                key={`training:${form.person.id}`}
                session={session}
                person={form.person}
                place={place(form.person.region)}
                onSaved={onSaved}
                onCancel={() => setForm(null)}
              />
            ) : (
              <AppraisalForm
                key={`appraisal:${form.person.id}`}
                session={session}
                person={form.person}
                place={place(form.person.region)}
                onSaved={onSaved}
                onCancel={() => setForm(null)}
              />
            )}
          </div>
        )}
        {peopleError ? (
          <p className="error" role="alert">
            {peopleError}
          </p>
        ) : !people ? (
          <p className="muted">加载中…</p>
        ) : people.nodes.length === 0 ? (
          <p className="muted">{untrainedOnly ? '没有未经培训合格的人员。' : '本辖区没有登记的儿童主任或督导员。'}</p>
        ) : (
          <>
            <table className="table cards-on-phone workforce-people">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>所在地</th>
                  <th>负责儿童</th>
                  <th>最近培训</th>
                  <th>最近考核</th>
                  {canWrite && <th>登记</th>}
                </tr>
              </thead>
              <tbody>
                {people.nodes.map((p) => (
                  <tr key={p.id} data-testid="person-row" data-person={p.id}>
                    <td data-label="姓名">
                      <strong>{p.name}</strong> <span className="muted small">{KIND[p.kind] ?? p.kind}</span>
                      {!p.trained && <span className="tag warn-tag">未培训</span>}
                    </td>
                    <td data-label="所在地">{place(p.region)}</td>
                    <td data-label="负责儿童" data-testid="caseload">
                      {p.caseload} 人
                    </td>
                    <td data-label="最近培训" data-testid="last-training">
                      {p.lastTraining
                        ? `${p.lastTraining.trainedOn} ${p.lastTraining.course}（${p.lastTraining.hours} 学时，${p.lastTraining.passed ? '合格' : '不合格'}）`
                        : p.trainedOn
                          ? `${p.trainedOn} 培训合格（台账原有记录）`
                          : '无培训记录'}
                    </td>
                    <td data-label="最近考核" data-testid="latest-appraisal">
                      {p.latestAppraisal
                        ? `${periodLabel(p.latestAppraisal.period)} ${RESULT[p.latestAppraisal.result] ?? p.latestAppraisal.result}${
                            p.latestAppraisal.score === null ? '' : `（${p.latestAppraisal.score} 分）`
                          }`
                        : '未考核'}
                    </td>
                    {canWrite && (
                      <td data-label="登记" className="workforce-actions">
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setSaved('');
                            setForm({ person: p, kind: 'training' });
                          }}
                        >
                          登记培训
                        </button>
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setSaved('');
                            setForm({ person: p, kind: 'appraisal' });
                          }}
                        >
                          登记考核
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager cursors={cursors} setCursors={setCursors} pageInfo={people.pageInfo} />
          </>
        )}
      </div>
    </section>
  );
}

interface FormProps {
  session: Session;
  person: Person;
  place: string;
  onSaved: (what: string) => void;
  onCancel: () => void;
}

/**
 * Sends a write with the form's own key: made once when the form opens and sent again on every retry of the same
 * entry, so a retry after a lost answer records nothing twice.
 */
function useSend(session: Session, mutation: string) {
  const [requestKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function send(input: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    setError('');
    try {
      await gql(session, mutation, { input: { ...input, requestKey } });
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试。');
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { send, busy, error, setError };
}

function TrainingForm({ session, person, place, onSaved, onCancel }: FormProps) {
  const [trainedOn, setTrainedOn] = useState(todayInChina());
  const [course, setCourse] = useState('');
  const [hours, setHours] = useState('8');
  const [passed, setPassed] = useState(true);
  const { send, busy, error, setError } = useSend(session, TRAIN);
  async function go(e: FormEvent) {
    e.preventDefault();
    if (!course.trim()) return setError('请填写课程');
    if (await send({ personId: person.id, trainedOn, course: course.trim(), hours: Number(hours), passed }))
      onSaved(`已登记培训：${person.name} · ${trainedOn} ${course.trim()}（${passed ? '合格' : '不合格'}）`);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="training-form">
      <h4>
        登记培训：{person.name}（{KIND[person.kind]} · {place}）
      </h4>
      <label>
        培训日期
        <input type="date" name="trainedOn" value={trainedOn} max={todayInChina()} onChange={(e) => setTrainedOn(e.target.value)} />
      </label>
      <label>
        课程
        <input name="course" value={course} maxLength={200} onChange={(e) => setCourse(e.target.value)} />
      </label>
      <label>
        学时
        <input type="number" name="hours" min="0.5" max="200" step="0.5" value={hours} onChange={(e) => setHours(e.target.value)} />
      </label>
      <label>
        考核
        <select name="passed" value={passed ? 'yes' : 'no'} onChange={(e) => setPassed(e.target.value === 'yes')}>
          <option value="yes">合格</option>
          <option value="no">不合格</option>
        </select>
      </label>
      <FormEnd error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}

function AppraisalForm({ session, person, place, onSaved, onCancel }: FormProps) {
  const [period, setPeriod] = useState(() => todayInChina().slice(0, 4));
  const [result, setResult] = useState('PASS');
  const [score, setScore] = useState('');
  const [remarks, setRemarks] = useState('');
  const { send, busy, error } = useSend(session, APPRAISE);
  async function go(e: FormEvent) {
    e.preventDefault();
    const input = {
      personId: person.id,
      period,
      result,
      score: score.trim() === '' ? null : Number(score),
      remarks: remarks.trim() || null,
    };
    if (await send(input)) onSaved(`已登记考核：${person.name} · ${periodLabel(period)} ${RESULT[result]}`);
  }
  return (
    <form className="report-form ledger-form" onSubmit={go} data-testid="appraisal-form">
      <h4>
        登记考核：{person.name}（{KIND[person.kind]} · {place}）
      </h4>
      <label>
        考核期间
        <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {periods().map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        考核结果
        <select name="result" value={result} onChange={(e) => setResult(e.target.value)}>
          {Object.entries(RESULT).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        分数（0–100，可不填）
        <input type="number" name="score" min="0" max="100" step="0.5" value={score} onChange={(e) => setScore(e.target.value)} />
      </label>
      <label>
        考核意见（可不填）
        <textarea name="remarks" value={remarks} maxLength={500} onChange={(e) => setRemarks(e.target.value)} />
      </label>
      <FormEnd error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The end of both forms: the hub's refusal in its words, 保存 (disabled while it is being sent), 取消. */
function FormEnd({ error, busy, onCancel }: { error: string; busy: boolean; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="form-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? '提交中' : '保存'}
      </button>
      <button type="button" className="link" onClick={onCancel}>
        取消
      </button>
    </>
  );
}
