import { useEffect, useState } from 'react';
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
import { codesIn, usePlaces, withPlaces } from '../regions';

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
      (r) => setData({ child: r.data.child, denied: r.denied, unavailable: r.unavailable }),
      (e: Error) => setError(e.message),
    );
  }, [session, id]);
  if (error) return <p className="error">{error}</p>;
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
  if (!c) return <p className="muted">此儿童不在您的辖区内，或不在台账中。</p>;
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
  return (
    <section>
      <h2>一人一档</h2>
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
        <VisitList session={session} id={id} />
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
 * 走访记录: every visit of the child, newest first — its own request, so the list shows while the checks
 * of the profile are still being evaluated. Without welfare:read it reads 无权限查看.
 */
function VisitList({ session, id }: { session: Session; id: string }) {
  const [state, setState] = useState<{ visits: VisitRow[] | null; denied: boolean } | null>(null);
  const [error, setError] = useState('');
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
        <div className="scroll">
          <table className="table plain">
            <thead>
              <tr>
                <th>走访日期</th>
                <th>方式</th>
                <th>走访人员</th>
                <th>情况记录</th>
              </tr>
            </thead>
            <tbody>
              {state.visits.map((v, i) => (
                <tr key={i}>
                  <td className="nowrap">{v.visitedOn}</td>
                  <td className="nowrap">{VISIT_METHOD[v.method] ?? v.method}</td>
                  <td>
                    {VISITOR_ROLE[v.visitorRole] ?? v.visitorRole}
                    {v.visitorId ? <div className="muted small mono">{v.visitorId}</div> : null}
                  </td>
                  <td>{v.notes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
