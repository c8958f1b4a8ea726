import { useCallback, useEffect, useState } from 'react';
import {
  CATEGORY,
  CERTIFICATE_STATUS,
  COLOUR,
  DISABILITY_TYPE,
  ENROLMENT_STATUS,
  gql,
  HUKOU_STATUS,
  OUTCOME,
  SUBSIDY,
  SUPPORT,
  VISIT_METHOD,
  VISITOR_ROLE,
  zh,
  type Session,
} from '../api';
import { pagesFor } from '../access';
import { CASE_STATUS, REPORT_KIND, SOURCE as CASE_SOURCE } from '../cases';
import { codesIn, usePlaces, withPlaces } from '../regions';
import { LedgerEntry, LedgerHistory } from './Ledger';

const QUERY = `query($id: ID!) {
  child(id: $id) {
    id
    welfare { name gender dateOfBirth idNumber categories riskColour residenceRegion hukouRegion guardian { name relation phone } }
    supports { type monthlyAmount startDate endDate }
    household { name idNumber hukouRegion registrationStatus }
    enrolments { status grade statusSince school { name } }
    immunization { upToDate dosesDue dosesGiven }
    insuranceEnrolments { year subsidy insuredRegion }
    disabilityCertificates { type level status validUntil }
    parents { id household { name gender hukouRegion registrationStatus } residencePermits { region validUntil } }
    exitChecks { rule name outcome reason evidence { agency fact value } }
    coverageChecks { rule name outcome reason evidence { agency fact value } }
    schoolingCheck { rule name outcome reason evidence { agency fact value } }
    migrantVerification { rule name outcome reason evidence { agency fact value } }
    careChecks { rule name outcome reason evidence { agency fact value } }
  }
}`;
const FAMILIES: [Family, string][] = [
  ['exitChecks', '应退未退'],
  ['coverageChecks', '疑似保障对象'],
  ['schoolingCheck', '控辍保学'],
  ['migrantVerification', '流动儿童核验'],
  ['careChecks', '留守关爱'],
];

interface CheckRow {
  rule: string;
  name: string;
  outcome: 'FLAGGED' | 'CLEAR' | 'INCONCLUSIVE';
  reason: string;
  evidence: { agency: string; fact: string; value: string }[] | null;
}
type Family = 'exitChecks' | 'coverageChecks' | 'schoolingCheck' | 'migrantVerification' | 'careChecks';
/** What the profile query answers; every part may be null (denied, unavailable, or no record). */
interface ChildData extends Partial<Record<Family, CheckRow[] | null>> {
  id: string;
  welfare: {
    name: string | null;
    gender: string | null;
    dateOfBirth: string | null;
    idNumber: string | null;
    categories: string[];
    riskColour: string;
    residenceRegion: string;
    hukouRegion: string | null;
    guardian: { name: string | null; relation: string | null; phone: string | null } | null;
  } | null;
  supports: { type: string; monthlyAmount: number; startDate: string; endDate: string | null }[] | null;
  household: { name: string | null; idNumber: string | null; hukouRegion: string; registrationStatus: string } | null;
  enrolments: { status: string; grade: number; statusSince: string; school: { name: string } | null }[] | null;
  immunization: { upToDate: boolean; dosesDue: number; dosesGiven: number } | null;
  insuranceEnrolments: { year: number; subsidy: string; insuredRegion: string }[] | null;
  disabilityCertificates: { type: string; level: number; status: string; validUntil: string }[] | null;
  parents:
    | {
        id: string;
        household: { name: string | null; gender: string; hukouRegion: string; registrationStatus: string } | null;
        residencePermits: { region: string; validUntil: string }[] | null;
      }[]
    | null;
}
type Data = { child: ChildData | null };
const DENIED = <span className="denied">无权限查看</span>;
/** The agency answering each part of the profile: when its service is down, that part says so. */
const SOURCE: Record<string, [string, string]> = {
  household: ['public-security', '公安'],
  parents: ['public-security', '公安'],
  enrolments: ['education', '教育'],
  immunization: ['health', '卫健'],
  insuranceEnrolments: ['medical-insurance', '医保'],
  disabilityCertificates: ['disabled-persons', '残联'],
};

/** 一人一档: the unified graph for one child; what the user may not see reads 无权限查看, never an error page. */
export function ChildProfile({ session, id }: { session: Session; id: string }) {
  const [data, setData] = useState<{ child: ChildData | null; denied: Set<string>; unavailable: Set<string> } | null>(null);
  const [error, setError] = useState('');
  // Bumped when an entry is saved: the visit list and the history reload; and the record itself (动态更新) when the
  // entry changed what its card shows (a colour, the guardian, the categories).
  const [version, setVersion] = useState(0);
  const [recordVersion, setRecordVersion] = useState(0);
  const saved = useCallback((profileChanged?: boolean) => {
    setVersion((v) => v + 1);
    if (profileChanged) setRecordVersion((v) => v + 1);
  }, []);
  const c0 = data?.child;
  const place = usePlaces([
    c0?.welfare?.residenceRegion,
    c0?.welfare?.hukouRegion,
    c0?.household?.hukouRegion,
    ...(c0?.insuranceEnrolments ?? []).map((e) => e.insuredRegion),
    ...(c0?.parents ?? []).flatMap((p) => [p.household?.hukouRegion, ...(p.residencePermits ?? []).map((r) => r.region)]),
    ...FAMILIES.flatMap(([f]) => (c0?.[f] ?? []).flatMap((r) => codesIn(r.reason, ...(r.evidence ?? []).map((e) => e.value)))),
  ]);
  useEffect(() => {
    gql<Data>(session, QUERY, { id }).then(
      (r) => {
        setError('');
        setData({ child: r.data.child, denied: r.denied, unavailable: r.unavailable });
      },
      (e: Error) => setError(e.message),
    );
  }, [session, id, recordVersion]);
  // A reload that fails (no signal after an entry) keeps the file on screen, and the forms on it, with the reason.
  if (error && !data) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">加载中…</p>;
  const c = data.child;
  // The ledger (and so the profile's entry point, child(id)) needs welfare:read: without it, say so.
  if (!c && data.denied.has('child')) {
    return (
      <section>
        <h2>一人一档</h2>
        <div className="grid2">
          <div className="card">
            <h3>民政台账</h3>
            <p data-testid="welfare-denied">
              <span className="denied">无权限查看</span>（您的岗位不能查看民政台账）
            </p>
          </div>
          <VisitList session={session} id={id} />
        </div>
      </section>
    );
  }
  if (!c) return <NotInLedger session={session} id={id} />;
  const denied = (field: string) => data.denied.has(`child.${field}`);
  const down = (field: string) => SOURCE[field] && data.unavailable.has(SOURCE[field][0]);
  const show = (field: string, render: () => React.ReactNode) =>
    denied(field) ? (
      DENIED
    ) : down(field) ? (
      <span className="denied" data-testid={`unavailable-${field}`}>
        {SOURCE[field][1]}数据暂不可用（部门服务未响应）
      </span>
    ) : (
      render()
    );
  const w = c.welfare;
  // The child by name in the heading, as the graph shows it to this role (masked where the role may not read it whole).
  const name = (!denied('welfare') && w?.name) || (!denied('household') && !down('household') && c.household?.name) || '';
  return (
    <section>
      <h2 data-testid="profile-heading">一人一档{name ? `：${name}` : ''}</h2>
      <div className="grid2">
        <div className="card">
          <h3>民政台账</h3>
          {show('welfare', () =>
            w ? (
              <dl>
                <dt>姓名</dt>
                <dd>{w.name ?? DENIED}</dd>
                <dt>身份证号</dt>
                <dd data-testid="welfare-id-number">{w.idNumber ?? '—'}</dd>
                <dt>出生日期</dt>
                <dd>{w.dateOfBirth ?? DENIED}</dd>
                <dt>类别</dt>
                <dd>{w.categories.map((x) => CATEGORY[x] ?? x).join('、')}</dd>
                <dt>风险等级</dt>
                <dd>
                  <span className="dot" style={{ background: COLOUR[w.riskColour]?.hex }} /> {COLOUR[w.riskColour]?.name}
                </dd>
                <dt>居住地 / 户籍地</dt>
                <dd>
                  {place(w.residenceRegion)} / {w.hukouRegion ? place(w.hukouRegion) : '无户籍'}
                </dd>
                <dt>监护人</dt>
                <dd>{w.guardian ? `${w.guardian.name ?? ''}（${w.guardian.relation ?? ''}）${w.guardian.phone ?? ''}` : '—'}</dd>
              </dl>
            ) : (
              '不在台账中'
            ),
          )}
        </div>
        <div className="card">
          <h3>公安户籍</h3>
          {show('household', () =>
            c.household ? (
              <dl>
                <dt>姓名</dt>
                <dd>{c.household.name ?? DENIED}</dd>
                <dt>身份证号</dt>
                <dd data-testid="household-id-number">{c.household.idNumber}</dd>
                <dt>户籍地</dt>
                <dd>{place(c.household.hukouRegion)}</dd>
                <dt>状态</dt>
                <dd>{HUKOU_STATUS[c.household.registrationStatus] ?? c.household.registrationStatus}</dd>
              </dl>
            ) : (
              '公安无户籍记录'
            ),
          )}
        </div>
        {session.scopes.includes('case:task') && <ChildCases session={session} id={id} />}
        <div className="card">
          <h3>保障待遇</h3>
          {show('supports', () =>
            (c.supports ?? []).length ? (
              <ul>
                {(c.supports ?? []).map((s, i) => (
                  <li key={i}>
                    {SUPPORT[s.type] ?? s.type} {s.monthlyAmount} 元/月，{s.startDate} 起{s.endDate ? ` 至 ${s.endDate}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              '无'
            ),
          )}
        </div>
        <div className="card">
          <h3>学籍</h3>
          {show('enrolments', () =>
            (c.enrolments ?? []).length ? (
              <ul>
                {(c.enrolments ?? []).map((e, i) => (
                  <li key={i}>
                    {e.school?.name} {e.grade} 年级 · {ENROLMENT_STATUS[e.status] ?? e.status}（{e.statusSince}）
                  </li>
                ))}
              </ul>
            ) : (
              '学籍库无记录'
            ),
          )}
        </div>
        <div className="card">
          <h3>卫健 · 医保 · 残联</h3>
          <p>
            预防接种：
            {show('immunization', () => (c.immunization ? `${c.immunization.dosesGiven}/${c.immunization.dosesDue} 剂次` : '无档案'))}
          </p>
          <p>
            医保：
            {show(
              'insuranceEnrolments',
              () => (c.insuranceEnrolments ?? []).map((e) => `${e.year} 年（${SUBSIDY[e.subsidy] ?? e.subsidy}）`).join('、') || '未参保',
            )}
          </p>
          <p>
            残疾人证：
            {show(
              'disabilityCertificates',
              () =>
                (c.disabilityCertificates ?? [])
                  .map((d) => `${DISABILITY_TYPE[d.type] ?? d.type} ${d.level} 级 ${CERTIFICATE_STATUS[d.status] ?? d.status}`)
                  .join('、') || '无',
            )}
          </p>
        </div>
        {session.scopes.includes('ledger:write') && !denied('welfare') && (
          <LedgerEntry
            session={session}
            id={id}
            name={name || '该儿童'}
            colour={w?.riskColour ?? null}
            record={{ guardian: w?.guardian ?? null, categories: w?.categories ?? [] }}
            onSaved={saved}
          />
        )}
        <VisitList key={`visits-${version}`} session={session} id={id} />
        {!denied('welfare') && <LedgerHistory session={session} id={id} version={version} />}
        <div className="card">
          <h3>父母（公安户籍）</h3>
          {show('parents', () =>
            (c.parents ?? []).length ? (
              <ul>
                {(c.parents ?? []).map((p) => (
                  <li key={p.id}>
                    {p.household
                      ? `${p.household.name ?? ''}（${p.household.gender === 'MALE' ? '父' : '母'}）户籍 ${place(p.household.hukouRegion)} · ${HUKOU_STATUS[p.household.registrationStatus] ?? p.household.registrationStatus}`
                      : '户籍记录不在您的辖区内'}
                    {(p.residencePermits ?? []).length > 0 &&
                      ` · 居住证 ${(p.residencePermits ?? []).map((r) => `${place(r.region)}（至 ${r.validUntil}）`).join('、')}`}
                  </li>
                ))}
              </ul>
            ) : (
              '公安无亲子关系记录'
            ),
          )}
        </div>
      </div>
      <div className="card">
        <h3>核查结果（基准日：今天）</h3>
        <div className="grid2">
          {FAMILIES.map(([f, title]) => (
            <div key={f}>
              <h4>{title}</h4>
              {show(f, () =>
                (c[f] ?? []).length ? (
                  <ul>
                    {(c[f] ?? []).map((r) => (
                      <li key={r.rule} className={r.outcome.toLowerCase()}>
                        {r.name}：{OUTCOME[r.outcome]} — {withPlaces(zh(r.reason), place)}
                        {r.outcome === 'FLAGGED' && (r.evidence ?? []).length > 0 && (
                          <ul className="evidence">
                            {(r.evidence ?? []).map((e, i) => (
                              <li key={i}>
                                <span className="tag">{e.agency}</span> {e.fact}：{withPlaces(zh(e.value), place)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">不适用</p>
                ),
              )}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

interface VisitRow {
  visitedOn: string;
  method: string;
  visitorRole: string;
  visitorId: string | null;
  notes: string | null;
}

/**
 * A child the ledger has no record of for this user — a migrant child a cross-check found but nobody has registered
 * yet, or a child on another district's ledger — has no file here: the page says so in plain words, lists the
 * child's cases (where the work on such a child is done) and offers the way back.
 */
function NotInLedger({ session, id }: { session: Session; id: string }) {
  const casesPage = pagesFor(session).some((p) => p.path === '/cases');
  return (
    <section data-testid="not-in-ledger">
      <h2>一人一档</h2>
      <div className="card">
        <p>此儿童不在您辖区的民政台账中，这里没有其一人一档。</p>
        <p className="muted">
          一人一档以民政台账为准：尚未登记的儿童（例如比对核查发现的流动儿童），或登记在其他辖区的儿童，在这里都查不到档案。与其有关的工作，请在其个案中办理。
        </p>
        <p className="card-foot">
          <button type="button" className="link" data-testid="back" onClick={goBack}>
            ← 返回上一页
          </button>
          {casesPage && (
            <>
              {' · '}
              <a href="#/cases">查看本辖区的个案</a>
            </>
          )}
        </p>
      </div>
      {session.scopes.includes('case:task') && <ChildCases session={session} id={id} />}
    </section>
  );
}

/** Back to where the user came from; a page opened on its own (a bookmark) has none, so the landing page. */
function goBack(): void {
  if (window.history.length > 1) window.history.back();
  else window.location.hash = '#/';
}

interface CaseRow {
  id: string;
  source: string;
  ruleName: string | null;
  reportKind: string | null;
  status: string;
  openedOn: string;
  responsibleOffice: string;
}
const CASES = `query($filter: CaseFilter, $first: Int!) { cases(filter: $filter, first: $first) {
  totalCount nodes { id source ruleName reportKind status openedOn responsibleOffice } } }`;
const OPEN = ['OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL'];
const MAX_CASES = 50;

/**
 * 个案: the child's cases that the hub lets the user see (`cases(filter: { childId })`, the jurisdiction applied by
 * the hub like on the list), the open ones first, each linking to its case page where it is worked.
 */
function ChildCases({ session, id }: { session: Session; id: string }) {
  const [state, setState] = useState<{ id: string; rows: CaseRow[] | null; total: number } | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    gql<{ cases: { totalCount: number; nodes: CaseRow[] } | null }>(session, CASES, { filter: { childId: id }, first: MAX_CASES }).then(
      (r) => live && setState({ id, rows: r.data.cases?.nodes ?? null, total: r.data.cases?.totalCount ?? 0 }),
      (e: Error) => live && setError({ id, text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session, id]);
  const failed = error?.id === id ? error.text : '';
  const shown = state?.id === id ? state : null;
  // Open before finished, each group as the hub ordered it (most recently changed first).
  const rows = [...(shown?.rows ?? [])].sort((a, b) => Number(OPEN.includes(b.status)) - Number(OPEN.includes(a.status)));
  const open = rows.filter((r) => OPEN.includes(r.status)).length;
  return (
    <div className="card" data-testid="child-cases">
      <h3>个案{shown?.rows?.length ? `（${open} 件未结，共 ${shown.total} 件）` : ''}</h3>
      {failed ? (
        <p className="error">{failed}</p>
      ) : !shown ? (
        <p className="muted">加载中…</p>
      ) : !shown.rows ? (
        DENIED
      ) : !rows.length ? (
        <p className="muted">暂无个案</p>
      ) : (
        <ul className="child-cases">
          {rows.map((r) => (
            <li key={r.id} data-testid="child-case">
              <a href={`#/case/${encodeURIComponent(r.id)}`}>
                {r.ruleName ?? (r.reportKind ? (REPORT_KIND[r.reportKind] ?? r.reportKind) : (CASE_SOURCE[r.source] ?? r.source))}
              </a>{' '}
              <span className={`badge status-${r.status.toLowerCase()}`}>{CASE_STATUS[r.status] ?? r.status}</span>
              <div className="muted small">
                {CASE_SOURCE[r.source] ?? r.source} · {r.responsibleOffice} · {r.openedOn} 开启
              </div>
            </li>
          ))}
        </ul>
      )}
      {shown && shown.total > MAX_CASES && <p className="muted small">只列出最近的 {MAX_CASES} 件。</p>}
    </div>
  );
}

/** A visitor's account names their post's place: D + the village's code (child director), S + the township's (supervisor). */
const VISITOR_PLACE = /^[A-Z](\d{9}|\d{12})$/;
/** Visits shown before 显示全部: a child visited monthly for years would make the card as long as the page. */
const VISITS_SHOWN = 8;

/**
 * 走访记录: every visit of the child, newest first — its own request, so the list shows while the checks
 * of the profile are still being evaluated. Without welfare:read it reads 无权限查看.
 */
function VisitList({ session, id }: { session: Session; id: string }) {
  const [state, setState] = useState<{ visits: VisitRow[] | null; denied: boolean } | null>(null);
  const [error, setError] = useState('');
  const [all, setAll] = useState(false);
  const postOf = (v: VisitRow) => VISITOR_PLACE.exec(v.visitorId ?? '')?.[1] ?? null;
  const place = usePlaces((state?.visits ?? []).map(postOf));
  // Who visited, in words: the post and its place (township and village), never the account id.
  const visitor = (v: VisitRow) => {
    const code = postOf(v);
    const where = code ? place(code) : '';
    return {
      role: VISITOR_ROLE[v.visitorRole] ?? '走访人员',
      where: where && where !== '未知区划' ? where.split(' · ').slice(-2).join(' · ') : '',
    };
  };
  const visits = state?.visits ?? [];
  const shown = all ? visits : visits.slice(0, VISITS_SHOWN);
  useEffect(() => {
    setState(null);
    setError('');
    gql<{ child: { visits: VisitRow[] | null } | null }>(
      session,
      'query($id: ID!) { child(id: $id) { visits { visitedOn method visitorRole visitorId notes } } }',
      { id },
    ).then(
      (r) => setState({ visits: r.data.child?.visits ?? null, denied: r.denied.has('child.visits') || r.denied.has('child') }),
      (e: Error) => setError(e.message),
    );
  }, [session, id]);
  return (
    <div className="card" data-testid="visits">
      <h3>走访记录{state?.visits?.length ? `（共 ${state.visits.length} 次）` : ''}</h3>
      {error ? (
        <p className="error">{error}</p>
      ) : !state ? (
        <p className="muted">加载中…</p>
      ) : state.denied ? (
        DENIED
      ) : !state.visits?.length ? (
        <p className="muted">暂无走访记录</p>
      ) : (
        <div>
          <table className="table plain visits">
            <thead>
              <tr>
                <th>走访日期</th>
                <th>方式</th>
                <th>走访人员</th>
                <th>情况记录</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((v, i) => {
                const who = visitor(v);
                return (
                  <tr key={i} data-testid="visit">
                    <td className="nowrap">{v.visitedOn}</td>
                    <td className="nowrap">{VISIT_METHOD[v.method] ?? v.method}</td>
                    <td data-testid="visitor">
                      {who.role}
                      {who.where && <div className="muted small">{who.where}</div>}
                    </td>
                    <td>{v.notes ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {visits.length > VISITS_SHOWN && (
            <button type="button" className="link" data-testid="visits-all" onClick={() => setAll(!all)}>
              {all ? `只显示最近 ${VISITS_SHOWN} 次` : `显示全部 ${visits.length} 次走访`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
