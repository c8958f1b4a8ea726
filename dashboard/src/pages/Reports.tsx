import { useEffect, useState, type FormEvent } from 'react';
import { REPORT_STEP_LABELS } from '@hub/domain';
import { gql, NOT_PERMITTED, type Session } from '../api';
import { CASE_STATUS, EVENT, REPORT_KIND, setFlash, takeFlash, timeOf, shortPlace } from '../cases';
import { RegionPicker, usePlaces } from '../regions';
import { useFilters } from '../route';
import { handedOverFor, matchBorn, matchName, schoolOf, useChildSearch, type PickedChild } from '../childSearch';

const FILE = `mutation($input: MandatoryReportInput!) { fileMandatoryReport(input: $input) { id status } }`;

/** Reports are filed under the purpose 强制报告 when the role may state it (the audit log then says why). */
function asReporter(session: Session): Session {
  return session.purposes.includes('mandatory-report') ? { ...session, purpose: 'mandatory-report' } : session;
}

/** Whether the role can name children (child:basic and a register that names them: the ledger or the household register). */
function canSearchChildren(session: Session): boolean {
  return session.scopes.includes('child:basic') && (session.scopes.includes('welfare:read') || session.scopes.includes('ps:household'));
}

/** Matches the picker lists: enough to choose from in a form; a longer list asks for a fuller name. */
const PICKER_FIRST = 10;

/**
 * 儿童: a reporter who may search (child:basic and a register that names children) finds the child by name, pinyin or
 * ID number and picks one; a reporter who may not (health) or does not know the child describes them instead.
 */
function ChildPicker({
  session,
  picked,
  onPick,
}: {
  session: Session;
  picked: PickedChild | null;
  onPick: (c: PickedChild | null) => void;
}) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const { matches, error } = useChildSearch(session, asked, PICKER_FIRST);
  const canSearch = canSearchChildren(session);
  if (picked)
    return (
      <p className="picked" data-testid="report-child">
        已选：<strong>{picked.name}</strong>
        {picked.born && `，${picked.born} 出生`}
        {picked.place && `，${picked.place}`}{' '}
        <button type="button" className="link" onClick={() => onPick(null)}>
          更换
        </button>
      </p>
    );
  if (!canSearch)
    return (
      <p className="muted small">
        您的角色（{session.title}）不能在本系统查询儿童身份：请在下方写明已知的姓名、年龄等，由公安机关核实身份。
      </p>
    );
  const search = () => setAsked(text.trim());
  return (
    <div className="child-picker">
      <span className="inline">
        <input
          name="child-search"
          type="search"
          aria-label="查找儿童"
          placeholder="姓名、拼音或 18 位身份证号"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
        />
        <button type="button" onClick={search} disabled={!text.trim()}>
          查找
        </button>
      </span>
      {asked &&
        (error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : !matches ? (
          <span className="muted">查找中…</span>
        ) : matches.length === 0 ? (
          <span className="muted" data-testid="child-picker-none">
            本辖区没有符合「{asked}」的儿童；身份不明时请在下方描述。
          </span>
        ) : (
          <ul className="picker-results" data-testid="child-picker-results">
            {matches.length >= PICKER_FIRST && (
              <li className="muted small" data-testid="child-picker-more">
                仅列出前 {PICKER_FIRST} 名，请输入更完整的姓名或 18 位身份证号
              </li>
            )}
            {matches.map((m) => (
              <li key={m.child.id} data-child={m.child.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    onPick({
                      id: m.child.id,
                      name: matchName(session, m),
                      born: matchBorn(m),
                      place: m.placeName ? shortPlace(m.placeName) : schoolOf(m),
                    })
                  }
                >
                  {matchName(session, m)}
                </button>
                <span className="muted small">
                  {matchBorn(m) && ` ${matchBorn(m)} 出生`}
                  {(m.placeName || schoolOf(m)) && `，${m.placeName ? shortPlace(m.placeName) : schoolOf(m)}`}（{m.matchedBy}）
                </span>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

/**
 * 强制报告: the situation, the place (picked by name inside the user's jurisdiction, down to the village), the child
 * if known (found by name and picked) or a description, what was seen and the reporting organisation. Filed, it goes to public security at
 * that place; the user follows it on 我的报告.
 */
export function ReportForm({ session }: { session: Session }) {
  const root = session.jurisdiction[0] ?? '';
  const [kind, setKind] = useState('LIVING_ALONE');
  const [region, setRegion] = useState(root.length >= 6 ? root : '');
  const [{ child: childParam }] = useFilters({ child: '' });
  const [child, setChild] = useState<PickedChild | null>(() => handedOverFor(childParam));
  const [description, setDescription] = useState('');
  const [account, setAccount] = useState('');
  const [org, setOrg] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const place = usePlaces([region, ...session.jurisdiction]);
  const village = session.jurisdiction.every((j) => j.length >= 12);
  const missing = [
    region.length < 6 && '发现地点（至少选到区县）',
    !child && !description.trim() && '儿童（查找并选择，或描述儿童）',
    !account.trim() && '发现的情况',
    !org.trim() && '报告单位',
  ].filter(Boolean);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (missing.length) return setError(`请填写：${missing.join('、')}`);
    setBusy(true);
    setError('');
    try {
      await gql(asReporter(session), FILE, {
        input: {
          kind,
          placeRegion: region,
          childId: child?.id ?? null,
          childDescription: child ? null : description.trim(),
          account: account.trim(),
          reporterOrg: org.trim(),
        },
      });
      setFlash(`报告已提交（${REPORT_KIND[kind]}，${place(region)}），已转交当地公安机关受案。`);
      location.hash = '/my-reports';
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h2>强制报告</h2>
      <p className="muted">
        发现未成年人遭受或疑似遭受侵害、面临危险时立即报告。报告转交发现地公安机关受案（1
        日内），由公安转介民政开展评估与帮扶；您可在「我的报告」查看办理进度。
      </p>
      <form className="card report-form" onSubmit={submit}>
        <label>
          情形
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {Object.entries(REPORT_KIND).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          发现地点
          {village ? (
            <span className="fixed" data-testid="report-place">
              {place(root)}
            </span>
          ) : (
            <RegionPicker name="report-region" roots={session.jurisdiction} value={region} onChange={setRegion} allLabel="请选择" />
          )}
        </label>
        <div className="label">
          儿童（身份已知时查找并选择）
          <ChildPicker session={session} picked={child} onPick={setChild} />
        </div>
        {!child && (
          <label>
            {canSearchChildren(session)
              ? '儿童描述（身份不明时必填：年龄、体貌、所在位置）'
              : '儿童情况（必填：已知的姓名、年龄、就诊或所在位置等，由公安机关核实身份）'}
            <textarea name="childDescription" value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
        )}
        <label>
          发现的情况
          <textarea name="account" value={account} onChange={(e) => setAccount(e.target.value)} />
        </label>
        <label>
          报告单位（学校、医院、村（居）民委员会等）
          <input name="reporterOrg" value={org} onChange={(e) => setOrg(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? '提交中…' : '提交报告'}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

export interface MyReport {
  id: string;
  kind: string;
  filedAt: string;
  placeName: string;
  reporterOrg: string;
  summary: string;
  childIdentified: boolean;
  childDescription: string | null;
  status: string;
  acceptedAt: string | null;
  acceptanceOverdue: boolean;
  steps: { at: string; kind: string; agency: string | null }[];
}
export const REPORT_FIELDS =
  'id kind filedAt placeName reporterOrg summary childIdentified childDescription status acceptedAt acceptanceOverdue steps { at kind agency }';
const MY_REPORTS = `query($first: Int!) { myMandatoryReports(first: $first) { ${REPORT_FIELDS} } }`;

/** How far a report has got, in a line: accepted when, or acceptance overdue, or waiting. */
export function acceptance(r: MyReport): string {
  if (r.acceptedAt) return `公安已受案（${timeOf(r.acceptedAt)}）`;
  return r.acceptanceOverdue ? '受案已逾期' : '待公安受案';
}

/** 我的报告: the user's own reports with their progress (time, step, agency); nothing of the child's file. */
export function MyReports({ session }: { session: Session }) {
  const [reports, setReports] = useState<MyReport[] | null>(null);
  const [error, setError] = useState('');
  const [flash] = useState(takeFlash);
  useEffect(() => {
    gql<{ myMandatoryReports: MyReport[] | null }>(session, MY_REPORTS, { first: 50 }).then(
      (r) => (r.data.myMandatoryReports ? setReports(r.data.myMandatoryReports) : setError(NOT_PERMITTED)),
      (e: Error) => setError(e.message),
    );
  }, [session]);
  return (
    <section>
      <h2>我的报告</h2>
      {flash && (
        <p className="ok" role="status" data-testid="report-filed">
          {flash}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!reports ? (
        !error && <p className="muted">加载中…</p>
      ) : reports.length === 0 ? (
        <p className="muted" data-testid="my-reports-empty">
          您还没有提交过强制报告。<a href="#/report">填报强制报告 →</a>
        </p>
      ) : (
        <div data-testid="my-reports">
          {reports.map((r) => (
            <div key={r.id} className={`card report ${r.acceptanceOverdue ? 'late' : ''}`} data-testid="my-report">
              <div>
                <strong>{REPORT_KIND[r.kind] ?? r.kind}</strong> · {shortPlace(r.placeName)}
                <span className="badge" data-testid="my-report-status">
                  {CASE_STATUS[r.status] ?? r.status}
                </span>
                {r.acceptanceOverdue && <span className="badge late">受案已逾期</span>}
              </div>
              <div className="muted small">
                {r.reporterOrg} · 报告于 {timeOf(r.filedAt)} · {acceptance(r)}
              </div>
              <p className="small" data-testid="my-report-summary">
                {r.summary}
                <span className="muted">（{r.childIdentified ? '已指明儿童' : `儿童：${r.childDescription ?? '身份不明'}`}）</span>
              </p>
              <ol className="timeline compact">
                {r.steps.map((s, i) => (
                  <li key={i}>
                    <span className="time">{timeOf(s.at)}</span>
                    {/* 转交 is the hub's own routing, not the reporter's agency acting. */}
                    {s.agency && s.kind !== 'ROUTED' && <span className="tag">{s.agency}</span>}
                    <span className="kind">{REPORT_STEP_LABELS[s.kind as keyof typeof REPORT_STEP_LABELS] ?? EVENT[s.kind] ?? s.kind}</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
