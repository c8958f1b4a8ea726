import { reconcile, type RunRecord } from '@hub/jobs';
import { DEFAULT_ROUTING, familyOf, type RuleId } from '@hub/domain';
import { auth, gql, hubInfo, quietLogger, RECONCILIATION, resetCases, sql, TEST_POPULATION } from '../helpers/hub';

/**
 * Cases through the real gateway (docs/cases.md): every finding of a run opens one case routed by the routing
 * policy; an education task is answered by a registrar and the answer is in civil affairs' history; a run
 * reopens a case a person closed while it is still flagged, with the reason; a dismissed case stays closed until
 * the facts it judged change; both districts of a migrant child see its case and one is responsible; two
 * overlapping runs at once do not close each other's cases.
 */
const info = hubInfo();
const logger = quietLogger();

const job = (region: string = TEST_POPULATION.region): Promise<RunRecord> =>
  reconcile({
    gateway: info.gateway,
    token: RECONCILIATION().authorization.replace('Bearer ', ''),
    logger,
    asOf: TEST_POPULATION.asOf,
    region,
    pageSize: 100,
    concurrency: 3,
  });

interface CaseRow {
  id: string;
  rule: string;
  child_id: string;
  status: string;
  place_region: string;
  hukou_region: string | null;
  responsible_agency: string;
  closure_approval: boolean;
}
const openCases = () =>
  sql<CaseRow>(
    `SELECT * FROM hub_case WHERE source = 'FINDING' AND status IN ('OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL') ORDER BY rule, child_id`,
  );
const openFindings = () =>
  sql<{ rule: string; child_id: string }>(
    `SELECT rule, child_id FROM finding WHERE status IN ('OPEN', 'IN_PROGRESS') ORDER BY rule, child_id`,
  );
const keys = (rows: { rule: string; child_id: string }[]) => rows.map((r) => `${r.rule}|${r.child_id}`);

const CASE_FIELDS = `id rule status summary responsibleAgency responsibleOffice placeName hukouRegion closureApproval
  tasks { id agency office action transfer status answer answerNote dueOn facts { agency fact value } }
  history { kind note actorAgency taskId runId }`;
interface CaseView {
  id: string;
  rule: string;
  status: string;
  summary: string;
  responsibleAgency: string;
  responsibleOffice: string;
  placeName: string;
  hukouRegion: string | null;
  tasks: {
    id: string;
    agency: string;
    transfer: boolean;
    office: string;
    action: string;
    status: string;
    answer: string | null;
    answerNote: string | null;
    dueOn: string;
    facts: { agency: string }[];
  }[];
  history: { kind: string; note: string | null; actorAgency: string | null; taskId: string | null; runId: string | null }[];
}
const caseworker = (county: string) => auth('ca-caseworker', county, 'case-work');
async function viewCase(id: string, as: Record<string, string>): Promise<CaseView> {
  const r = await gql<{ case: CaseView }>(info.gateway, `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id }, as);
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.case;
}

describe('cases', () => {
  let run: RunRecord;

  beforeAll(async () => {
    await resetCases();
    run = await job();
  }, 300_000);
  afterAll(resetCases);

  it('every finding of a run opens one case, routed to the agencies the routing policy names, with its history', async () => {
    expect(run.status).toBe('COMPLETED');
    const cases = await openCases();
    expect(cases.length).toBeGreaterThan(20);
    expect(keys(cases)).toEqual(keys(await openFindings()));
    const tasks = await sql<{ case_id: string; agency: string; action: string }>('SELECT case_id, agency, action FROM case_task');
    for (const c of cases) {
      const route = DEFAULT_ROUTING[c.rule as RuleId];
      expect(c.responsible_agency).toBe(route.responsible);
      expect(c.closure_approval).toBe(route.closureApproval);
      expect(
        tasks
          .filter((t) => t.case_id === c.id)
          .map((t) => `${t.agency}:${t.action}`)
          .sort(),
      ).toEqual(route.tasks.map((t) => `${t.agency}:${t.action}`).sort());
    }
    const events = await sql<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM case_event GROUP BY kind');
    expect(Object.fromEntries(events.map((e) => [e.kind, e.n]))).toEqual({ OPENED: cases.length, ROUTED: tasks.length });
    // The history cannot be rewritten, even by the owner of the table.
    await expect(sql(`UPDATE case_event SET note = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('a dropout’s and a home-delivery case go to the education office of the district of the school the finding cites', async () => {
    const rows = await sql<{ region: string; evidence: { agency: string; fact: string; value: string }[]; child_id: string }>(
      `SELECT t.region, f.evidence, c.child_id FROM hub_case c
         JOIN case_task t ON t.case_id = c.id AND t.agency = 'education'
         JOIN finding f ON f.rule = c.rule AND f.child_id = c.child_id
        WHERE c.rule IN ('EDU-DROPPED-OUT', 'EDU-HOME-DELIVERY')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    // The evidence names the school (education's register), not its code: the cited school is the one of the
    // child's enrolments whose name the evidence gives.
    const schools = await sql<{ child_id: string; name: string; region: string }>(
      'SELECT e.child_id, s.name, s.region FROM enrolment e JOIN school s ON s.code = e.school_code WHERE e.child_id = ANY($1)',
      [rows.map((r) => r.child_id)],
      'hub_education',
    );
    for (const r of rows) {
      const cited = r.evidence.find((e) => e.agency === '教育')!.value;
      expect(cited).not.toMatch(/\d{10}/);
      const school = schools
        .filter((s) => s.child_id === r.child_id && cited.includes(s.name))
        .sort((a, b) => b.name.length - a.name.length)[0];
      expect(school).toBeDefined();
      expect(r.region).toBe(school.region);
    }
  });

  it('a finding routed to education is answered by a registrar, and the answer is in civil affairs’ history', async () => {
    const [edu] = (await openCases()).filter((c) => c.rule.startsWith('EDU-'));
    expect(edu).toBeDefined();
    const [task] = await sql<{ id: string; region: string }>(
      `SELECT id, region FROM case_task WHERE case_id = $1 AND agency = 'education'`,
      [edu.id],
    );
    const county = task.region.slice(0, 6);
    const registrar = auth('edu-registrar', county, 'enrolment-verification');

    // The registrar's inbox holds the task, with the child's name and only education's own facts.
    const inbox = await gql<{
      caseTasks: {
        totalCount: number;
        nodes: { id: string; action: string; office: string; facts: { agency: string }[]; child: { household: { name: string } | null } }[];
      };
    }>(
      info.gateway,
      `{ caseTasks(first: 200) { totalCount nodes { id action office facts { agency } child { household { name } } } } }`,
      undefined,
      registrar,
    );
    expect(inbox.body.errors).toBeUndefined();
    const mine = inbox.body.data!.caseTasks.nodes.find((t) => t.id === task.id)!;
    expect(mine).toBeDefined();
    expect(mine.action).toBe(DEFAULT_ROUTING[edu.rule as RuleId].tasks[0].action);
    expect(mine.office).toMatch(/教育部门$/);
    expect(mine.facts.length).toBeGreaterThan(0);
    expect(mine.facts.every((f) => f.agency === '教育')).toBe(true);
    expect(mine.child.household?.name).toBeTruthy();
    // The welfare file is not theirs: the case's reason is withheld, and a registrar of another county sees nothing.
    const asRegistrar = await viewCase(edu.id, registrar);
    expect(asRegistrar.summary).toMatch(/按您的岗位权限不予显示/);
    expect(asRegistrar.tasks.length).toBeGreaterThan(0);
    expect(asRegistrar.tasks.every((t) => t.agency === 'education')).toBe(true);
    const otherCounty = county === '500110' ? '500101' : '500110';
    const stranger = await gql(
      info.gateway,
      `mutation($t: ID!) { acceptCaseTask(taskId: $t) { id } }`,
      { t: task.id },
      auth('edu-registrar', otherCounty, 'enrolment-verification'),
    );
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const accept = await gql(info.gateway, `mutation($t: ID!) { acceptCaseTask(taskId: $t) { status } }`, { t: task.id }, registrar);
    expect(accept.body.errors).toBeUndefined();
    const noReason = await gql(
      info.gateway,
      `mutation($t: ID!) { answerCaseTask(taskId: $t, answer: NOT_CONFIRMED) { id } }`,
      { t: task.id },
      registrar,
    );
    expect(noReason.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const answered = await gql(
      info.gateway,
      `mutation($t: ID!, $n: String) { answerCaseTask(taskId: $t, answer: NOT_CONFIRMED, note: $n) { status } }`,
      { t: task.id, n: '该生已转学至外省，学籍在转入校' },
      registrar,
    );
    expect(answered.body.errors).toBeUndefined();

    const seen = await viewCase(edu.id, caseworker(edu.place_region.slice(0, 6)));
    expect(seen.status).toBe('IN_PROGRESS');
    expect(seen.tasks.find((t) => t.id === task.id)).toMatchObject({
      status: 'ANSWERED',
      answer: 'NOT_CONFIRMED',
      answerNote: '该生已转学至外省，学籍在转入校',
    });
    expect(seen.history.map((h) => h.kind)).toEqual(['OPENED', 'ROUTED', 'ACCEPTED', 'ANSWERED']);
    expect(seen.history[3]).toMatchObject({ actorAgency: '教育', taskId: task.id });
    expect(seen.history[3].note).toContain('该生已转学至外省');
  });

  it('a run reopens a case a person closed while it is still flagged, with the reason; a dismissed case stays closed until its facts change', async () => {
    const open = await openCases();
    const closable = open.find((c) => !c.closure_approval && c.responsible_agency === 'civil-affairs')!;
    // A rule whose evidence cites the hukou place (public security), but whose outcome does not depend on it.
    const dismissable = open.find(
      (c) => ['EXIT-AGE', 'EXIT-DECEASED', 'EDU-NO-RECORD', 'EDU-DROPPED-OUT', 'GAP-ORPHAN'].includes(c.rule) && c !== closable,
    )!;
    expect(closable).toBeDefined();
    expect(dismissable).toBeDefined();
    const closer = caseworker(closable.place_region.slice(0, 6));
    const closed = await gql<{ closeCase: { status: string } }>(
      info.gateway,
      `mutation($id: ID!) { closeCase(id: $id, note: "已入户核实，已归档") { status } }`,
      { id: closable.id },
      closer,
    );
    expect(closed.body.errors).toBeUndefined();
    expect(closed.body.data!.closeCase.status).toBe('CLOSED');
    const dismisser = caseworker(dismissable.place_region.slice(0, 6));
    const dismissed = await gql<{ dismissCase: { status: string } }>(
      info.gateway,
      `mutation($id: ID!) { dismissCase(id: $id, reason: "经核实非问题") { status } }`,
      { id: dismissable.id },
      dismisser,
    );
    expect(dismissed.body.errors).toBeUndefined();
    expect(dismissed.body.data!.dismissCase.status).toBe('DISMISSED');

    const second = await job();
    expect(second.status).toBe('COMPLETED');
    const reopened = await viewCase(closable.id, closer);
    expect(reopened.status).toBe('OPEN');
    const last = reopened.history[reopened.history.length - 1];
    expect(reopened.history.map((h) => h.kind)).toContain('CLOSED');
    const reopen = reopened.history.find((h) => h.kind === 'REOPENED')!;
    expect(reopen.note).toMatch(/^已人工结案，但核查于 \d{4}-\d{2}-\d{2} 仍发现：/);
    expect(reopen.runId).toBe(second.id);
    expect(last.kind).toBe('ROUTED');
    const [finding] = await sql<{ status: string; note: string }>('SELECT status, note FROM finding WHERE rule = $1 AND child_id = $2', [
      closable.rule,
      closable.child_id,
    ]);
    expect(finding.status).toBe('OPEN');
    expect(finding.note).toContain('重新开启：已人工结案');
    expect((await viewCase(dismissable.id, dismisser)).status).toBe('DISMISSED');

    // The facts change: public security moves the child's hukou to another village of the same county (the
    // rule's outcome does not depend on it, its evidence does). The next run reopens the dismissed case.
    const [person] = await sql<{ hukou_region: string }>(
      'SELECT hukou_region FROM person WHERE id = $1',
      [dismissable.child_id],
      'hub_public_security',
    );
    const [other] = await sql<{ hukou_region: string }>(
      'SELECT hukou_region FROM person WHERE hukou_region LIKE $1 AND hukou_region <> $2 LIMIT 1',
      [`${person.hukou_region.slice(0, 6)}%`, person.hukou_region],
      'hub_public_security',
    );
    await sql('UPDATE person SET hukou_region = $2 WHERE id = $1', [dismissable.child_id, other.hukou_region], 'hub_public_security');
    try {
      await job();
      const changed = await viewCase(dismissable.id, dismisser);
      expect(changed.status).toBe('OPEN');
      expect(changed.history.find((h) => h.kind === 'REOPENED')?.note).toMatch(/^排除时所判断的事实已变化/);
    } finally {
      await sql('UPDATE person SET hukou_region = $2 WHERE id = $1', [dismissable.child_id, person.hukou_region], 'hub_public_security');
    }
  }, 600_000);

  it('a migrant child’s case is seen by the hukou district and the residence district; the residence office is responsible', async () => {
    const migrant = (await openCases()).find(
      (c) => c.rule.startsWith('MIG-') && c.hukou_region && c.hukou_region.slice(0, 6) !== c.place_region.slice(0, 6),
    )!;
    expect(migrant).toBeDefined();
    const list = async (county: string) =>
      (
        await gql<{ cases: { nodes: { id: string }[] } }>(
          info.gateway,
          `query($child: ID!) { cases(filter: { childId: $child }) { nodes { id } } }`,
          { child: migrant.child_id },
          caseworker(county),
        )
      ).body.data!.cases.nodes.map((n) => n.id);
    expect(await list(migrant.place_region.slice(0, 6))).toContain(migrant.id);
    expect(await list(migrant.hukou_region!.slice(0, 6))).toContain(migrant.id);
    const unrelated = ['500101', '500110', '500112', '500154'].find(
      (c) => c !== migrant.place_region.slice(0, 6) && c !== migrant.hukou_region!.slice(0, 6),
    )!;
    expect(await list(unrelated)).not.toContain(migrant.id);
    const view = await viewCase(migrant.id, caseworker(migrant.hukou_region!.slice(0, 6)));
    const route = DEFAULT_ROUTING[migrant.rule as RuleId];
    expect(view.responsibleAgency).toBe(route.responsible);
    expect(view.placeName).not.toMatch(/\d{6}/);
  });

  it('two overlapping runs at once (the province and a district inside it) do not close each other’s cases', async () => {
    const before = keys(await openCases());
    const findingsBefore = keys(await openFindings());
    // A list an earlier, finished run left behind (as code before the clean-up did) goes too.
    await sql(
      `INSERT INTO finding_run (run_id, rule, child_id) SELECT id, 'EXIT-AGE', 'left-behind' FROM reconciliation_run WHERE status = 'COMPLETED' LIMIT 1`,
    );
    expect(await sql('SELECT 1 FROM finding_run')).toHaveLength(1);
    const [a, b] = await Promise.all([job('50'), job('500110')]);
    expect([a.status, b.status]).toEqual(['COMPLETED', 'COMPLETED']);
    // A complete run leaves no scratch list of what a finished run saw behind (its own, or an earlier one's).
    expect(await sql('SELECT DISTINCT run_id FROM finding_run')).toEqual([]);
    expect(keys(await openCases())).toEqual(before);
    expect(keys(await openFindings())).toEqual(findingsBefore);
  }, 600_000);

  it('a mandatory report goes from a school through public security’s acceptance to civil affairs’ intervention and an approved closure; the reporter sees only its progress', async () => {
    // A child of the test population, reported by a school in the child's district.
    const [child] = await sql<{ id: string; residence_region: string }>(
      `SELECT id, residence_region FROM child_record WHERE residence_region LIKE '500110%' ORDER BY id LIMIT 1`,
    );
    const county = child.residence_region.slice(0, 6);
    const school = auth('edu-registrar', county, 'mandatory-report');
    const police = auth('police-officer', county, 'public-safety');
    const civil = caseworker(county);
    const REPORT = 'id status acceptedAt acceptanceOverdue reporterOrg placeName steps { kind agency }';
    const filed = await gql<{ fileMandatoryReport: { id: string; status: string; steps: { kind: string; agency: string }[] } }>(
      info.gateway,
      `mutation($in: MandatoryReportInput!) { fileMandatoryReport(input: $in) { ${REPORT} } }`,
      {
        in: {
          kind: 'LIVING_ALONE',
          placeRegion: child.residence_region,
          childId: child.id,
          account: '学生连续两周独自在家居住，父母外出务工失联',
          reporterOrg: '某某小学',
        },
      },
      school,
    );
    expect(filed.body.errors).toBeUndefined();
    const report = filed.body.data!.fileMandatoryReport;
    expect(report.status).toBe('OPEN');
    expect(report.steps.map((s) => s.kind)).toEqual(['OPENED', 'ROUTED']);
    // The reporter cannot open the case itself: nothing of the child's file.
    const peek = await gql(info.gateway, `query($id: ID!) { case(id: $id) { summary } }`, { id: report.id }, school);
    expect(peek.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Overdue acceptance is an alert for the police and for the reporter (the clock moved on two days).
    await sql(`UPDATE case_task SET due_on = due_on - 2 WHERE case_id = $1`, [report.id]);
    const alerts = await gql<{ caseAlerts: { reportsAwaitingAcceptance: number; overdueTasks: number; newCases: number } }>(
      info.gateway,
      `query($since: String) { caseAlerts(since: $since) { reportsAwaitingAcceptance overdueTasks newCases } }`,
      { since: new Date(Date.now() - 60_000).toISOString() },
      police,
    );
    expect(alerts.body.data!.caseAlerts.newCases).toBeGreaterThanOrEqual(1);
    expect(alerts.body.data!.caseAlerts.reportsAwaitingAcceptance).toBeGreaterThanOrEqual(1);
    expect(alerts.body.data!.caseAlerts.overdueTasks).toBeGreaterThanOrEqual(1);
    const overdue = await gql<{ caseTasks: { nodes: { id: string; caseId: string; overdue: boolean; action: string }[] } }>(
      info.gateway,
      `{ caseTasks(filter: { overdue: true }, first: 100) { nodes { id caseId overdue action } } }`,
      undefined,
      police,
    );
    const acceptance = overdue.body.data!.caseTasks.nodes.find((t) => t.caseId === report.id)!;
    expect(acceptance).toMatchObject({ overdue: true, action: '受案' });
    const mine = async () =>
      (
        await gql<{
          myMandatoryReports: {
            id: string;
            status: string;
            acceptedAt: string | null;
            acceptanceOverdue: boolean;
            steps: { kind: string; agency: string }[];
          }[];
        }>(info.gateway, `{ myMandatoryReports { ${REPORT} } }`, undefined, school)
      ).body.data!.myMandatoryReports.find((r) => r.id === report.id)!;
    expect(await mine()).toMatchObject({ acceptanceOverdue: true, acceptedAt: null });

    // Public security accepts (受案), confirms and refers to civil affairs.
    const step = async (q: string, vars: Record<string, unknown>, as: Record<string, string>) => {
      const r = await gql<Record<string, CaseView>>(info.gateway, q, vars, as);
      expect(r.body.errors).toBeUndefined();
      return Object.values(r.body.data!)[0];
    };
    await step(`mutation($t: ID!) { acceptCaseTask(taskId: $t) { id } }`, { t: acceptance.id }, police);
    await step(
      `mutation($t: ID!) { answerCaseTask(taskId: $t, answer: CONFIRMED, note: "已受案，民警已到场") { id } }`,
      { t: acceptance.id },
      police,
    );
    const referred = await step(
      `mutation($id: ID!) { referCase(id: $id, agency: "civil-affairs", action: "监护评估与应急处置", dueDays: 3) { ${CASE_FIELDS} } }`,
      { id: report.id },
      police,
    );
    // Public security, responsible for the report, reads what the school saw and the child's name.
    const asPolice = await gql<{ case: { summary: string; childName: string | null } }>(
      info.gateway,
      `query($id: ID!) { case(id: $id) { summary childName } }`,
      { id: report.id },
      police,
    );
    expect(asPolice.body.data!.case.summary).toBe('脱离监护单独居住：学生连续两周独自在家居住，父母外出务工失联');
    expect(asPolice.body.data!.case.childName).toBeTruthy();
    const referral = referred.tasks.find((t) => t.agency === 'civil-affairs')!;
    expect(referral).toMatchObject({ status: 'PENDING', action: '监护评估与应急处置' });

    // A referral of a report from public security to civil affairs hands the case over: once civil affairs accepts,
    // it is the responsible office (the seeds' chain: 受案, then 评估帮扶 by civil affairs).
    expect(referral.transfer).toBe(true);
    const handedOver = await step(
      `mutation($t: ID!) { acceptCaseTask(taskId: $t) { responsibleAgency responsibleOffice } }`,
      { t: referral.id },
      civil,
    );
    expect(handedOver.responsibleAgency).toBe('civil-affairs');
    expect(handedOver.responsibleOffice).toMatch(/民政部门$/);
    // Civil affairs assesses, intervenes, helps, holds a case conference and asks to close.
    for (const [kind, note] of [
      ['GUARDIANSHIP_ASSESSMENT', '父母失联，无其他监护人，监护缺失'],
      ['TEMPORARY_GUARDIANSHIP', '由区儿童福利机构临时监护'],
      ['HELP', '落实就学与生活照料'],
    ]) {
      await step(
        `mutation($id: ID!, $k: InterventionKind!, $n: String!) { recordCaseIntervention(id: $id, kind: $k, note: $n) { id } }`,
        { id: report.id, k: kind, n: note },
        civil,
      );
    }
    const conference = await gql(
      info.gateway,
      `mutation($id: ID!) { recordCaseConference(id: $id, agencies: ["civil-affairs"], note: "会商") { id } }`,
      { id: report.id },
      civil,
    );
    expect(conference.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await step(
      `mutation($id: ID!) { recordCaseConference(id: $id, agencies: ["civil-affairs", "public-security", "education"], note: "明确民政临时监护、教育保障就学、公安继续查找父母") { id } }`,
      { id: report.id },
      civil,
    );
    await step(
      `mutation($t: ID!) { answerCaseTask(taskId: $t, answer: CONFIRMED, note: "已评估并临时监护") { id } }`,
      { t: referral.id },
      civil,
    );
    const asked = await step(
      `mutation($id: ID!) { closeCase(id: $id, note: "父母已找到，监护恢复，持续跟踪") { status } }`,
      { id: report.id },
      civil,
    );
    expect(asked.status).toBe('AWAITING_APPROVAL');
    // Only a holder of case:approve may approve it.
    const notMine = await gql(
      info.gateway,
      `mutation($id: ID!) { approveCaseClosure(id: $id, approve: true) { id } }`,
      { id: report.id },
      civil,
    );
    expect(notMine.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
    const approved = await step(
      `mutation($id: ID!) { approveCaseClosure(id: $id, approve: true, note: "同意") { ${CASE_FIELDS} } }`,
      { id: report.id },
      auth('ca-supervisor', county.slice(0, 4), 'case-work'),
    );
    expect(approved.status).toBe('CLOSED');
    expect(approved.history.map((h) => h.kind)).toEqual([
      'OPENED',
      'ROUTED',
      'ACCEPTED',
      'ANSWERED',
      'REFERRED',
      'ACCEPTED',
      'TRANSFERRED',
      'INTERVENTION',
      'INTERVENTION',
      'INTERVENTION',
      'CONFERENCE',
      'ANSWERED',
      'CLOSURE_REQUESTED',
      'CLOSED',
    ]);
    expect(approved.history.find((h) => h.kind === 'CONFERENCE')!.note).toMatch(/^参加：民政、公安、教育；/);
    expect(approved.history.filter((h) => h.kind === 'INTERVENTION').map((h) => h.note!.split('：')[0])).toEqual([
      '监护评估',
      '临时监护',
      '帮扶',
    ]);

    // The reporter sees the progress — steps and agencies — and nothing else.
    const progress = await mine();
    expect(progress.status).toBe('CLOSED');
    expect(progress.acceptedAt).not.toBeNull();
    expect(progress.steps.map((s) => s.agency)).toContain('公安');
    expect(Object.keys(progress).sort()).toEqual(['acceptanceOverdue', 'acceptedAt', 'id', 'placeName', 'reporterOrg', 'status', 'steps']);
    const denied = await gql(info.gateway, `{ myMandatoryReports { id } }`, undefined, police);
    expect(denied.body.errors?.length).toBeGreaterThan(0);
  });

  it('a report of an unknown child is identified by the responsible office through public security’s register, once', async () => {
    const county = '500110';
    const school = auth('health-worker', county, 'mandatory-report');
    const police = auth('police-officer', county, 'public-safety');
    const filed = await gql<{ fileMandatoryReport: { id: string } }>(
      info.gateway,
      `mutation($in: MandatoryReportInput!) { fileMandatoryReport(input: $in) { id } }`,
      {
        in: {
          kind: 'UNLAWFUL_HARM',
          placeRegion: county,
          childDescription: '约 10 岁女孩，自称姓李，急诊就诊，身上多处淤青',
          account: '患儿由邻居送医，家属未到场',
          reporterOrg: '綦江区人民医院',
        },
      },
      school,
    );
    expect(filed.body.errors).toBeUndefined();
    const id = filed.body.data!.fileMandatoryReport.id;
    // Police find the child in their register by ID number (a child whose hukou is in the district) …
    const [person] = await sql<{ id: string; id_number: string; name: string }>(
      `SELECT id, id_number, name FROM person WHERE hukou_region LIKE $1 AND date_of_birth > now() - interval '15 years' ORDER BY id LIMIT 1`,
      [`${county}%`],
      'hub_public_security',
    );
    const found = await gql<{ personByIdNumber: { id: string; name: string } | null }>(
      info.gateway,
      'query($n: String!) { personByIdNumber(idNumber: $n) { id name } }',
      { n: person.id_number },
      police,
    );
    expect(found.body.data!.personByIdNumber).toMatchObject({ id: person.id, name: person.name });
    // … and confirm it on the case: its child is named from then on, with the step in the history.
    const IDENTIFY = `mutation($id: ID!, $c: ID!) { identifyCaseChild(id: $id, childId: $c, note: "患儿家属到场，出示户口簿") {
      child { id } history { kind note } } }`;
    // Not the reporter (health has no child:identity) and not an office without the case.
    const byReporter = await gql(info.gateway, IDENTIFY, { id, c: person.id }, school);
    expect(byReporter.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
    const elsewhere = await gql(info.gateway, IDENTIFY, { id, c: person.id }, auth('police-officer', '500101', 'public-safety'));
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const done = await gql<{ identifyCaseChild: { child: { id: string } | null; history: { kind: string; note: string | null }[] } }>(
      info.gateway,
      IDENTIFY,
      { id, c: person.id },
      police,
    );
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.identifyCaseChild.child).toEqual({ id: person.id });
    expect(done.body.data!.identifyCaseChild.history.at(-1)).toEqual({ kind: 'IDENTIFIED', note: '身份已确认：患儿家属到场，出示户口簿' });
    const again = await gql(info.gateway, IDENTIFY, { id, c: person.id }, police);
    expect(again.body.errors?.[0]?.message).toContain('已确认');
    const [row] = await sql<{ child_id: string }>('SELECT child_id FROM hub_case WHERE id = $1', [id]);
    expect(row.child_id).toBe(person.id);
  });

  it('a finding dismissed before cases existed gets a dismissed case, not a new open one', async () => {
    // The state an upgrade meets: findings from before cases, one of them dismissed by a person.
    const [some] = await openCases();
    await resetCases();
    await sql(
      `INSERT INTO finding (rule, child_id, family, status, reason, evidence, region, first_seen_on, last_seen_on, first_run, last_run, note, updated_by)
       VALUES ($1, $2, $3, 'DISMISSED', '旧线索', '[]', $4, '2025-06-01', '2025-06-01', $5, $5, '经核实非问题', 'caseworker-1')`,
      [some.rule, some.child_id, familyOf(some.rule as RuleId), some.place_region, '00000000-0000-4000-8000-000000000000'],
    );
    await job();
    const [kase] = await sql<{ id: string; status: string; dismissed_fingerprint: string | null }>(
      `SELECT id, status, dismissed_fingerprint FROM hub_case WHERE rule = $1 AND child_id = $2`,
      [some.rule, some.child_id],
    );
    expect(kase.status).toBe('DISMISSED');
    expect(kase.dismissed_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await sql('SELECT 1 FROM case_task WHERE case_id = $1', [kase.id])).toEqual([]);
    expect(
      (await sql<{ kind: string }>('SELECT kind FROM case_event WHERE case_id = $1 ORDER BY seq', [kase.id])).map((e) => e.kind),
    ).toEqual(['OPENED', 'DISMISSED']);
    // And a second run leaves it dismissed: the facts are those it now judges.
    await job();
    expect((await sql<{ status: string }>('SELECT status FROM hub_case WHERE id = $1', [kase.id]))[0].status).toBe('DISMISSED');
  }, 300_000);
});
