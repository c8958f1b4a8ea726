import { useEffect, useState } from 'react';
import { gql, type Session } from '../api';
import { agencyOf, CASE_STATUS, childName, childSelection, REPORT_KIND, TASK_STATUS, type CaseChild, shortPlace } from '../cases';
import { OfficeNote, TASK_FIELDS, type Task } from './Inbox';
import { acceptance, REPORT_FIELDS, type MyReport } from './Reports';
import { Scorecard } from './Scorecard';
import { VisitsDue } from './VisitsDue';

interface Alerts {
  openTasks: number;
  overdueTasks: number;
  dueSoonTasks: number;
  reportsAwaitingAcceptance: number;
  awaitingApproval: number;
  newCases: number;
}
interface Approval extends CaseChild {
  id: string;
  placeName: string;
  ruleName: string | null;
  reportKind: string | null;
  responsibleOffice: string;
}
interface Data {
  caseAlerts?: Alerts | null;
  tasks?: { totalCount: number; nodes: Task[] } | null;
  urgent?: { totalCount: number; nodes: Task[] } | null;
  approvals?: { totalCount: number; nodes: Approval[] } | null;
  myMandatoryReports?: MyReport[] | null;
  visits?: { totalCount: number } | null;
}

const FEW = 5;

/**
 * 工作台, where everyone with cases or reports lands: counts of the inbox (caseAlerts), the first tasks by due
 * date, the closures awaiting a supervisor, one's own mandatory reports, and for the ledger's people the visits
 * the last run found overdue and the children due a home visit now (待走访). Every number and line links to where it is worked.
 */
export function Workbench({ session }: { session: Session }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState('');
  const has = (s: string) => session.scopes.includes(s);
  const tasks = has('case:task');
  const approve = has('case:approve');
  const reports = has('case:report');
  // The visits the last run found overdue: stored findings, one count (the 走访情况 page checks them live).
  const visits = has('crosscheck:read') && has('welfare:read');
  const police = agencyOf(session) === 'public-security';

  useEffect(() => {
    const parts = [
      tasks &&
        `caseAlerts${session.previousLogin ? `(since: ${JSON.stringify(session.previousLogin)})` : ''} {
           openTasks overdueTasks dueSoonTasks reportsAwaitingAcceptance awaitingApproval newCases }
         tasks: caseTasks(first: ${FEW}) { totalCount nodes { ${TASK_FIELDS(session)} } }
         urgent: caseTasks(filter: { source: MANDATORY_REPORT }, first: ${FEW}) { totalCount nodes { ${TASK_FIELDS(session)} } }`,
      approve &&
        `approvals: cases(filter: { statuses: [AWAITING_APPROVAL] }, first: ${FEW}) { totalCount nodes {
           id placeName ruleName reportKind responsibleOffice ${childSelection(session)} } }`,
      reports && `myMandatoryReports(first: ${FEW}) { ${REPORT_FIELDS} }`,
      visits && `visits: findings(filter: { rules: ["CARE-VISIT-OVERDUE"], statuses: [OPEN, IN_PROGRESS] }, first: 1) { totalCount }`,
    ].filter(Boolean);
    if (!parts.length) return;
    gql<Data>(session, `{ ${parts.join('\n')} }`).then(
      (r) => setData(r.data),
      (e: Error) => setError(e.message),
    );
    // The scopes decide the parts; they are the session's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const a = data?.caseAlerts;
  return (
    <section>
      <h2>工作台</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data ? (
        !error && <p className="muted">加载中…</p>
      ) : (
        <>
          {a && <OfficeNote session={session} count={a.openTasks} />}
          <div className="cards stats">
            {a && (
              <>
                <Stat label="待办任务" value={a.openTasks} href="#/inbox" id="alert-open" />
                <Stat label="已逾期" value={a.overdueTasks} href="#/inbox?overdue=1" id="alert-overdue" late={a.overdueTasks > 0} />
                <Stat label="3 日内到期" value={a.dueSoonTasks} href="#/inbox" id="alert-due-soon" />
                {police && (
                  <Stat
                    label="待受案的强制报告"
                    value={a.reportsAwaitingAcceptance}
                    href="#/inbox?status=PENDING&source=MANDATORY_REPORT"
                    id="alert-reports"
                    late={a.reportsAwaitingAcceptance > 0}
                  />
                )}
                {approve && <Stat label="待审批结案" value={a.awaitingApproval} id="alert-approval" late={a.awaitingApproval > 0} />}
                {session.previousLogin && <Stat label="上次登录以来新个案" value={a.newCases} href="#/inbox" id="alert-new" />}
              </>
            )}
            {data.visits && (
              <Stat
                label="走访逾期（最近一次核查）"
                value={data.visits.totalCount}
                href="#/findings?rule=CARE-VISIT-OVERDUE"
                id="visits-due"
              />
            )}
          </div>

          {/* The people who visit: the children due a home visit first, the month's work they are counted on. */}
          {has('ledger:write') && has('welfare:read') && <VisitsDue session={session} />}

          {tasks && agencyOf(session) === 'civil-affairs' && has('welfare:read') && <Scorecard session={session} />}

          {data.urgent && data.urgent.totalCount > 0 && (
            // A report's task (受案, 监护评估与干预) before the routine ones: a child may be alone or in danger now.
            <div className="card urgent">
              <h3>
                强制报告的任务 <a href="#/inbox?source=MANDATORY_REPORT">全部 {data.urgent.totalCount} 项 →</a>
              </h3>
              <TaskList tasks={data.urgent.nodes} testId="workbench-urgent" />
            </div>
          )}

          {data.tasks && (
            <div className="card">
              <h3>
                近期到期的任务 <a href="#/inbox">全部 {data.tasks.totalCount} 项 →</a>
              </h3>
              {data.tasks.nodes.length === 0 ? (
                <p className="muted">没有待办任务。</p>
              ) : (
                <TaskList tasks={data.tasks.nodes} testId="workbench-tasks" />
              )}
            </div>
          )}

          {data.approvals && (
            <div className="card">
              <h3>待审批结案（{data.approvals.totalCount}）</h3>
              {data.approvals.nodes.length === 0 ? (
                <p className="muted">没有待审批的结案申请。</p>
              ) : (
                <ul className="worklist" data-testid="workbench-approvals">
                  {data.approvals.nodes.map((c) => (
                    <li key={c.id}>
                      <a href={`#/case/${encodeURIComponent(c.id)}`}>
                        <strong>{c.ruleName ?? (c.reportKind ? `强制报告：${REPORT_KIND[c.reportKind]}` : '人工登记')}</strong> ·{' '}
                        {childName(c)} · {shortPlace(c.placeName)}
                        <span className="muted small"> {c.responsibleOffice}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}

          {data.myMandatoryReports && (
            <div className="card">
              <h3>
                我的强制报告 <a href="#/my-reports">全部 →</a> <a href="#/report">填报 →</a>
              </h3>
              {data.myMandatoryReports.length === 0 ? (
                <p className="muted">您还没有提交过强制报告。</p>
              ) : (
                <ul className="worklist" data-testid="workbench-reports">
                  {data.myMandatoryReports.map((r) => (
                    <li key={r.id} className={r.acceptanceOverdue ? 'late' : ''}>
                      <a href="#/my-reports">
                        <strong>{REPORT_KIND[r.kind] ?? r.kind}</strong> · {shortPlace(r.placeName)} · {CASE_STATUS[r.status] ?? r.status}
                        <span className="muted small"> {acceptance(r)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Stat(props: { label: string; value: number; href?: string; id: string; late?: boolean }) {
  const body = (
    <>
      <div className="muted">{props.label}</div>
      <div className="big" data-testid={props.id}>
        {props.value}
      </div>
    </>
  );
  const className = `card stat ${props.late ? 'late' : ''}`;
  return props.href ? (
    <a className={className} href={props.href}>
      {body}
    </a>
  ) : (
    <div className={className}>{body}</div>
  );
}

/** Tasks as lines that open their case: due date (逾期 in red), what to do, the child, the place, status and rule. */
function TaskList({ tasks, testId }: { tasks: Task[]; testId: string }) {
  return (
    <ul className="worklist" data-testid={testId}>
      {tasks.map((t) => (
        <li key={t.id} className={t.overdue ? 'late' : ''}>
          <a href={`#/case/${encodeURIComponent(t.caseId)}`}>
            <span className="nowrap">
              {t.dueOn}
              {t.overdue && <span className="badge late">逾期</span>}
            </span>{' '}
            <strong>{t.action}</strong> · {childName(t)} · {shortPlace(t.placeName)}
            <span className="muted small">
              {' '}
              {TASK_STATUS[t.status] ?? t.status}
              {t.ruleName ? ` · ${t.ruleName}` : ''}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
