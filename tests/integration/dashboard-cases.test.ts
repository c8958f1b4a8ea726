import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { reconcile } from '@hub/jobs';
import { hubInfo, quietLogger, RECONCILIATION, resetCases, ROOT, sql, TEST_POPULATION } from '../helpers/hub';
import { login, pickRegion, waitForText, watchForScriptErrors } from '../helpers/dashboard';

/**
 * Cases in the dashboard, in Chromium through the real gateway (docs/dashboard.md): a school registrar files a
 * mandatory report in the form; a police officer sees it on 工作台 and in 收件箱, accepts it, answers and refers
 * it to civil affairs; a caseworker accepts the referral, records a guardianship assessment and asks to close;
 * the city supervisor approves; the registrar's 我的报告 reads 已结案. And a registrar answers an education task
 * a finding routed to the inbox, which the caseworker then reads in the case's history.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const base = info.portal;
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'cases');

maybe('cases in the dashboard, in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const district = '500110';
  let township = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await resetCases();
    // Findings (and so cases routed to the agencies) exist only after a run.
    await reconcile({
      gateway: info.gateway,
      token: RECONCILIATION().authorization.replace('Bearer ', ''),
      logger: quietLogger(),
      asOf: TEST_POPULATION.asOf,
      region: TEST_POPULATION.region,
      pageSize: 100,
      concurrency: 3,
    });
    [{ township }] = await sql<{ township: string }>(
      `SELECT substr(residence_region, 1, 9) AS township FROM child_record WHERE residence_region LIKE $1 ORDER BY 1 LIMIT 1`,
      [`${district}%`],
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    watchForScriptErrors(page, errors, { all: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await resetCases();
  });

  const nav = async (title: string) => {
    await page.locator('header nav a', { hasText: title }).click();
    await page.locator('main h2', { hasText: title }).waitFor();
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  /** One task's card on the case page. */
  const caseTask = (action: string): Locator => page.getByTestId('case-task').filter({ hasText: action });

  it('a mandatory report goes from the school’s form through police and civil affairs to an approved closure', async () => {
    errors.length = 0;
    // The caseworker has been here before the report: their next 工作台 counts it as new since that login.
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await page.locator('main h2', { hasText: '工作台' }).waitFor();
    // The registrar: 工作台 first, then the form.
    await login(page, base, 'edu-registrar', district, 'enrolment-verification');
    await page.locator('main h2', { hasText: '工作台' }).waitFor();
    await nav('强制报告');
    await page.selectOption('select[name=kind]', 'DOMESTIC_VIOLENCE');
    await pickRegion(page, 'report-region', township);
    // Neither a child picked nor described: the form says what is missing, where the user acted.
    await page.fill('textarea[name=account]', '学生多次带伤到校，自述在家被父亲殴打。');
    await page.fill('input[name=reporterOrg]', '綦江区古南中心小学');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.locator('form .error', { hasText: '儿童（查找并选择，或描述儿童）' }).waitFor();
    await page.fill('textarea[name=childDescription]', '约 9 岁男孩，三年级，身材瘦小');
    await shot('01-report-form');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByTestId('report-filed').waitFor();
    const report = page.getByTestId('my-report').first();
    expect(await report.innerText()).toMatch(/疑似遭受家庭暴力[\s\S]*待处理[\s\S]*綦江区古南中心小学[\s\S]*待公安受案/);
    await shot('02-my-report-filed');
    const [kase] = await sql<{ id: string; place_region: string; status: string }>(
      `SELECT id, place_region, status FROM hub_case WHERE source = 'MANDATORY_REPORT'`,
    );
    expect(kase).toMatchObject({ place_region: township, status: 'OPEN' });

    // Public security: the report waits on 工作台 and in 收件箱; accept it there.
    await login(page, base, 'police-officer', district, 'public-safety');
    await page.locator('main h2', { hasText: '工作台' }).waitFor();
    await waitForText(page, 'alert-reports', '1');
    expect(await page.getByTestId('workbench-tasks').innerText()).toContain('受案');
    // Reports' tasks come first, in a card of their own.
    expect(await page.getByTestId('workbench-urgent').innerText()).toContain('受案');
    await shot('03-police-workbench');
    await nav('收件箱');
    const row = page.getByTestId('task-row').filter({ hasText: '受案' });
    expect(await row.innerText()).toContain('身份不明');
    // The row says which report it is: its words, under 强制报告.
    expect(await row.innerText()).toMatch(/强制报告[\s\S]*学生多次带伤到校/);
    await row.click();
    await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
    await page.getByTestId('inbox-message').filter({ hasText: '已签收' }).waitFor();
    await shot('04-police-inbox-accepted');
    // On the case page: answer, then refer to civil affairs.
    await page.getByRole('link', { name: '查看个案 →' }).click();
    await page.getByTestId('case-history').waitFor();
    const acceptance = caseTask('受案');
    await acceptance.getByRole('button', { name: '反馈' }).click();
    await acceptance.locator('select[name=answer]').selectOption('CONFIRMED');
    await acceptance.locator('textarea[name=answer-note]').fill('已受案，经查情况属实，已固定证据。');
    await acceptance.getByRole('button', { name: '提交反馈' }).click();
    await page.getByTestId('case-message').filter({ hasText: '已反馈：情况属实' }).waitFor();
    // The officer establishes who the child is: the ID number looked up in the register, then confirmed on the case.
    const [pupil] = await sql<{ id: string; id_number: string; name: string }>(
      `SELECT id, id_number, name FROM person WHERE hukou_region LIKE $1 AND date_of_birth > now() - interval '12 years' ORDER BY id LIMIT 1`,
      [`${district}%`],
      'hub_public_security',
    );
    const actions = page.getByTestId('case-actions');
    await actions.getByRole('button', { name: '确认身份' }).click();
    await actions.locator('input[name=identify-id-number]').fill(pupil.id_number);
    await actions.getByRole('button', { name: '查询户籍' }).click();
    expect(await actions.getByTestId('identify-found').innerText()).toContain(pupil.name);
    await actions.getByRole('button', { name: '确认是此儿童' }).click();
    await page.getByTestId('case-message').filter({ hasText: '已确认儿童身份' }).waitFor();
    await page.getByTestId('case-history').filter({ hasText: '确认身份' }).waitFor();
    expect(await actions.getByRole('button', { name: '确认身份' }).count()).toBe(0);
    // What the reporter saw of the child stays on the case once the child is named.
    expect(await page.getByTestId('case-child-description').innerText()).toContain('约 9 岁男孩');
    await actions.getByRole('button', { name: '转介' }).click();
    expect(await actions.locator('select[name=refer-agency] option:checked').innerText()).toBe('民政');
    // A report's referral to civil affairs: due the next day, handed over, to the district's office.
    expect(await actions.locator('input[name=refer-days]').inputValue()).toBe('1');
    expect(await actions.locator('input[name=refer-transfer]').isChecked()).toBe(true);
    expect(await actions.getByTestId('refer-office').innerText()).toMatch(/^接收单位：綦江区民政部门/);
    await actions.getByRole('button', { name: '确认转介' }).click();
    await page.getByTestId('case-message').filter({ hasText: '已转介民政' }).waitFor();
    await page.getByTestId('case-history').filter({ hasText: '转介' }).waitFor();
    await shot('05-police-case-referred');

    // Civil affairs: accept the referral in the inbox, record the assessment, ask to close.
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await waitForText(page, 'alert-new', /^[1-9]\d*$/);
    await nav('收件箱');
    const referral = page.getByTestId('task-row').filter({ hasText: '监护评估与干预' });
    await referral.click();
    await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
    await page.getByTestId('inbox-message').filter({ hasText: '已签收' }).waitFor();
    await page.getByRole('link', { name: '查看个案 →' }).click();
    await page.getByTestId('case-history').waitFor();
    const work = page.getByTestId('case-actions');
    await work.getByRole('button', { name: '干预帮扶' }).click();
    await work.locator('select[name=intervention-kind]').selectOption('GUARDIANSHIP_ASSESSMENT');
    await work.locator('textarea[name=case-note]').fill('入户评估：父亲有暴力倾向，母亲可履行监护，已签安全计划。');
    await work.getByRole('button', { name: '记录' }).click();
    await page.getByTestId('case-message').filter({ hasText: '已记录监护评估' }).waitFor();
    await work.getByRole('button', { name: '申请结案' }).click();
    await work.locator('textarea[name=case-note]').fill('监护评估完成，帮扶措施已落实。');
    await work.getByRole('button', { name: '提交结案申请' }).click();
    await page.getByTestId('case-message').filter({ hasText: '已申请结案，待主管审批' }).waitFor();
    await waitForText(page, 'case-status', '待审批结案');
    await shot('06-caseworker-closure-requested');

    // The city supervisor approves from 工作台.
    await login(page, base, 'ca-supervisor', '5001', 'case-work');
    await waitForText(page, 'alert-approval', '1');
    await page
      .getByTestId('workbench-approvals')
      .getByRole('link', { name: /强制报告/ })
      .click();
    await page.getByTestId('case-history').waitFor();
    await page.getByTestId('case-actions').getByRole('button', { name: '审批结案' }).click();
    await page.getByTestId('case-actions').getByRole('button', { name: '同意结案' }).click();
    await waitForText(page, 'case-status', '已结案');
    const history = await page.getByTestId('case-history').innerText();
    for (const step of ['开启', '转交', '签收', '反馈', '转介', '干预帮扶', '申请结案', '结案']) expect(history).toContain(step);
    expect(history).toContain('监护评估：入户评估');
    await shot('07-supervisor-approved');

    // The registrar follows the report to its end.
    await login(page, base, 'edu-registrar', district, 'enrolment-verification');
    await nav('我的报告');
    await waitForText(page, 'my-report-status', '已结案');
    const mine = await page.getByTestId('my-report').first().innerText();
    expect(mine).toMatch(/公安已受案/);
    // The reporter reads their own words and the steps, never what police or civil affairs wrote.
    expect(mine).toContain('学生多次带伤到校');
    for (const note of ['固定证据', '暴力倾向', '安全计划', '帮扶措施已落实']) expect(mine).not.toContain(note);
    expect(mine).toMatch(/教育\s*提交报告[\s\S]*公安\s*签收[\s\S]*民政\s*移交主办/);
    await shot('08-my-report-closed');
    expect((await sql<{ status: string }>('SELECT status FROM hub_case WHERE id = $1', [kase.id]))[0].status).toBe('CLOSED');
    expect(errors).toEqual([]);
  }, 180_000);

  it('a registrar names a known child in the report: found by name in the form, or handed over from 找儿童', async () => {
    errors.length = 0;
    const [child] = await sql<{ id: string; name: string; id_number: string }>(
      `SELECT id, name, id_number FROM child_record WHERE residence_region LIKE $1 AND char_length(name) = 3 ORDER BY id LIMIT 1`,
      [`${district}%`],
    );
    await login(page, base, 'edu-registrar', district, 'enrolment-verification');
    await nav('强制报告');
    // By name in the form: the picker lists the district's matches; pick the child.
    await page.fill('input[name=child-search]', child.name);
    await page.getByRole('button', { name: '查找', exact: true }).click();
    const option = page.getByTestId('child-picker-results').locator(`li[data-child="${child.id}"]`);
    await option.waitFor();
    // Named from public security's register (ps:household), as the role's masking allows, with the birth date.
    expect(await option.innerText()).toMatch(/出生/);
    await option.getByRole('button').click();
    expect(await page.getByTestId('report-child').innerText()).toMatch(/^已选：/);
    expect(await page.locator('textarea[name=childDescription]').count()).toBe(0);
    await page.selectOption('select[name=kind]', 'LIVING_ALONE');
    await pickRegion(page, 'report-region', township);
    await page.fill('textarea[name=account]', '学生连续多日独自在家，父母外出务工未委托照护。');
    await page.fill('input[name=reporterOrg]', '綦江区古南中心小学');
    await shot('01b-report-child-picked');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByTestId('report-filed').waitFor();
    expect(await page.getByTestId('my-report').first().innerText()).not.toContain(child.id);
    const filed = await sql<{ child_id: string | null; child_description: string | null }>(
      `SELECT child_id, child_description FROM hub_case WHERE source = 'MANDATORY_REPORT' AND report_kind = 'LIVING_ALONE'`,
    );
    expect(filed).toEqual([{ child_id: child.id, child_description: null }]);

    // From the header's 找儿童 by ID number: 「为该儿童报告」 opens the form with the child picked.
    await page.locator('header form[role=search] input').fill(child.id_number);
    await page.locator('header form[role=search] button').click();
    const row = page.locator(`[data-testid=search-row][data-child="${child.id}"]`);
    await row.getByRole('link', { name: '为该儿童报告' }).click();
    await page.locator('main h2', { hasText: '强制报告' }).waitFor();
    expect(await page.getByTestId('report-child').innerText()).toMatch(/^已选：/);
    await page.getByTestId('report-child').getByRole('button', { name: '更换' }).click();
    await page.locator('input[name=child-search]').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('a registrar answers an education task a finding routed to the inbox; the caseworker reads it in the history', async () => {
    errors.length = 0;
    const [first] = await sql<{ region: string }>(
      `SELECT t.region FROM case_task t JOIN hub_case c ON c.id = t.case_id
        WHERE t.agency = 'education' AND t.status = 'PENDING' AND c.source = 'FINDING' ORDER BY t.region LIMIT 1`,
    );
    expect(first).toBeDefined();
    const county = first.region.slice(0, 6);
    // The inbox's first task: earliest due first, as the hub orders it.
    const [task] = await sql<{ id: string; case_id: string; action: string }>(
      `SELECT id, case_id, action FROM case_task WHERE agency = 'education' AND region LIKE $1 AND status IN ('PENDING', 'ACCEPTED')
        ORDER BY due_on, id LIMIT 1`,
      [`${county}%`],
    );
    const [{ place }] = await sql<{ place: string }>('SELECT place_region AS place FROM hub_case WHERE id = $1', [task.case_id]);

    await login(page, base, 'edu-registrar', county, 'enrolment-verification');
    await nav('收件箱');
    const row = page.locator(`[data-testid=task-row][data-task="${task.id}"]`);
    expect(await row.innerText()).toContain(task.action);
    await row.click();
    const actions = page.getByTestId('task-actions');
    await actions.getByRole('button', { name: '反馈' }).click();
    await actions.locator('select[name=answer]').selectOption('NOT_CONFIRMED');
    // 情况不属实 needs a reason: the button waits for it.
    expect(await actions.getByRole('button', { name: '提交反馈' }).isDisabled()).toBe(true);
    await actions.getByText('情况不属实须说明理由').waitFor();
    await actions.locator('textarea[name=answer-note]').fill('该生已转学，学籍在转入校。');
    await shot('09-registrar-answer');
    await actions.getByRole('button', { name: '提交反馈' }).click();
    // Answered, the task leaves the to-do list; the message stays where the user is.
    await page.locator(`[data-testid=task-row][data-task="${task.id}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('inbox-message').filter({ hasText: '已反馈：情况不属实' }).waitFor();
    await shot('10-registrar-answered');
    expect((await sql<{ status: string; answer: string }>('SELECT status, answer FROM case_task WHERE id = $1', [task.id]))[0]).toEqual({
      status: 'ANSWERED',
      answer: 'NOT_CONFIRMED',
    });

    await login(page, base, 'ca-caseworker', place.slice(0, 6), 'case-work');
    await page.goto(`${base}/dashboard/#/case/${task.case_id}`);
    const history = page.getByTestId('case-history');
    await history.filter({ hasText: '该生已转学' }).waitFor();
    const answered = history.locator('li[data-kind=ANSWERED]');
    expect(await answered.innerText()).toMatch(/反馈[\s\S]*教育[\s\S]*情况不属实：该生已转学，学籍在转入校。/);
    expect(await caseTask(task.action).innerText()).toContain('已反馈');
    await shot('11-caseworker-history');
    expect(errors).toEqual([]);
  });

  it('工作台 and 收件箱 fit a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await login(page, base, 'ca-caseworker', district, 'case-work');
      await page.getByTestId('alert-open').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await shot('12-phone-workbench');
      await nav('收件箱');
      await page.locator('[data-testid=inbox-total]', { hasText: /共 \d+ 项/ }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await shot('13-phone-inbox');
      await nav('强制报告');
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await shot('14-phone-report');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });
});
