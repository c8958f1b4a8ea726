import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { matrixChild, type Row } from '../helpers/field-matrix';
import { auth, gql, hubInfo, ROOT, sql } from '../helpers/hub';
import { login, waitForText, watchForScriptErrors } from '../helpers/dashboard';
import { expectedPopulation } from '../helpers/population';
import { todayInChina } from '@hub/domain';

/**
 * A child director's month on a 390×844 phone in Chromium, through the real gateway (issue 17; docs/ledger.md): 工作台
 * shows 待走访 — the village's children due a home visit, by name and place name, most overdue first — a tap opens
 * the child, and the work log, help given and a change of the guardian's phone go in through the forms (the same
 * outbox as a visit) and show in the history; the page never scrolls sideways and raises no script error.
 * Screenshots go to test-artifacts/dashboard/director/ (or DASHBOARD_SHOTS).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'director');
const today = todayInChina;

maybe('a child director’s month on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const records = expectedPopulation().rows['civil-affairs'].child_record as Row[];
  const inVillage = (v: unknown) => records.filter((r) => r.residence_region === v);
  const fits = (r: Row) => r.hukou_region === r.residence_region && String(r.residence_region).length === 12;
  // A village of two children no other suite writes to: not the matrix's, ledger.test.ts's or dashboard-ledger.test.ts's
  // (visits-due.test.ts's has three or more).
  const skip = matrixChild().child.id;
  const taken = new Set<unknown>([
    matrixChild().village,
    records.find((r) => r.id !== skip && fits(r) && inVillage(r.residence_region).length > 1)?.residence_region,
    [...records].reverse().find((r) => r.id !== skip && fits(r))?.residence_region,
  ]);
  const village = String(
    [...records].reverse().find((r) => fits(r) && !taken.has(r.residence_region) && inVillage(r.residence_region).length === 2)!
      .residence_region,
  );
  /** How far the page reaches past the viewport's width (0: no sideways scrolling). */
  const overflow = () => page.locator('html').evaluate((html) => html.scrollWidth - (html.ownerDocument.defaultView?.innerWidth ?? 0));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
    watchForScriptErrors(page, errors);
  });
  // Set once the test changes a guardian's phone: puts it back even when an assertion after the change fails (other
  // suites compare the ledger with the generator's rows).
  let restorePhone: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await restorePhone?.();
    await browser?.close();
  });

  it('工作台 lists the village’s children due a visit; a tap opens one; a work log, help given and a guardian’s new phone go in through the forms and show in the history', async () => {
    await login(page, info.portal, 'child-director', village, 'case-work');
    const card = page.getByTestId('visits-due-card');
    await card.getByTestId('visit-due').first().waitFor();
    // The children the hub gives the director as due within the week (visits-due.test.ts checks that list against the
    // policy), each named as the ledger names it — whatever other suites have recorded meanwhile.
    const due = await gql<{ visitsDue: { nodes: { child: { id: string } }[] } }>(
      info.gateway,
      `{ visitsDue(first: 50, dueWithinDays: 7) { nodes { child { id } } } }`,
      {},
      auth('child-director', village, 'case-work'),
    );
    expect(due.body.errors).toBeUndefined();
    const expected = due.body.data!.visitsDue.nodes.map((n) => n.child.id);
    expect(expected.length).toBeGreaterThan(0);
    const rows = card.getByTestId('visit-due');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-child')));
    expect([...ids].sort()).toEqual([...expected].sort());
    const names = await card.getByTestId('visit-due-child').allInnerTexts();
    const named = await sql<{ name: string }>(`SELECT name FROM child_record WHERE id = ANY($1)`, [expected]);
    expect([...names].sort()).toEqual(named.map((r) => r.name).sort());
    const when = await card.getByTestId('visit-due-when').allInnerTexts();
    expect(when.every((w) => /^(逾期 \d+ 天|从未入户走访|今天到期|还剩 \d+ 天)/.test(w))).toBe(true);
    // Places by name, never the code; the first row is the most overdue.
    await card
      .locator('td[data-label="村（社区）"]', { hasText: /[\u4e00-\u9fa5]/ })
      .first()
      .waitFor();
    const text = await card.innerText();
    expect(text).not.toMatch(/(?<![\d*X])(\d{6}|\d{9}|\d{12})(?![\d*X])/);
    expect(text).not.toContain('…');
    const days = when.map((w) => (w.startsWith('从未') ? Infinity : Number(/逾期 (\d+) 天/.exec(w)?.[1] ?? -1)));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, '1-workbench-visits-due.png'), fullPage: true });
    await card.screenshot({ path: join(SHOTS, '1a-visits-due-card.png') });

    // A tap on the first child opens its page.
    const first = String(ids[0]);
    const child = records.find((r) => r.id === ids[0])!;
    await card.getByTestId('visit-due-child').first().click();
    await page.getByTestId('ledger-entry').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/child/${encodeURIComponent(first)}$`));
    await waitForText(page, 'profile-heading', `一人一档：${String(child.name)}`);
    expect(await overflow()).toBeLessThanOrEqual(0);

    // 工作日志.
    const log = `与监护人电话沟通开学准备（${randomUUID().slice(0, 8)}）`;
    await page.getByTestId('open-worklog').click();
    await page.locator('[data-testid=worklog-form] textarea[name=content]').fill(log);
    await page.getByTestId('save-worklog').click();
    await waitForText(page, 'ledger-message', `工作日志 · ${String(child.name)} · ${today()}：已保存。`);
    await page.locator('[data-testid=work-log]', { hasText: `${today()} ${log}` }).waitFor();

    // 关爱帮扶: kind by its label, what, by whom, the referral.
    const help = `联系志愿者每周辅导数学（${randomUUID().slice(0, 8)}）`;
    await page.getByTestId('open-help').click();
    await page.selectOption('[data-testid=help-form] select[name=kind]', { label: '学业帮扶' });
    await page.locator('[data-testid=help-form] textarea[name=content]').fill(help);
    await page.locator('[data-testid=help-form] input[name=provider]').fill('青年志愿者协会');
    await page.locator('[data-testid=help-form] input[name=referredTo]').fill('镇中心学校');
    await page.getByTestId('ledger-entry').screenshot({ path: join(SHOTS, '2a-help-form.png') });
    await page.getByTestId('save-help').click();
    await waitForText(page, 'ledger-message', `关爱帮扶 · ${String(child.name)} · 学业帮扶：已保存。`);
    await page
      .locator('[data-testid=help-records]', { hasText: `${today()} 学业帮扶：${help}（青年志愿者协会，转介镇中心学校）` })
      .waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, '2-worklog-help.png'), fullPage: true });

    // 信息变更: the guardian's new phone, with the reason; the director is not offered the categories.
    const [before] = await sql<{ guardian_phone: string | null }>(`SELECT guardian_phone FROM child_record WHERE id = $1`, [first]);
    // The guardian's phone back as the generator wrote it, as a change like any other.
    restorePhone = async () => {
      restorePhone = null;
      const back = await gql(
        info.gateway,
        `mutation($input: UpdateChildRecordInput!) { updateChildRecord(input: $input) { riskColour } }`,
        { input: { childId: first, guardianPhone: before.guardian_phone ?? '', reason: '测试后恢复', requestKey: randomUUID() } },
        auth('child-director', village, 'case-work'),
      );
      expect(back.body.errors).toBeUndefined();
    };
    await page.getByTestId('open-record').click();
    await page.getByTestId('ledger-entry').screenshot({ path: join(SHOTS, '2b-record-form.png') });
    expect(await page.locator('[data-testid=record-form] input[name=category]').count()).toBe(0);
    await page.locator('[data-testid=record-form] input[name=guardianPhone]').fill('13900001111');
    await page.locator('[data-testid=record-form] textarea[name=reason]').fill('监护人更换手机号码');
    await page.getByTestId('save-record').click();
    await waitForText(page, 'ledger-message', `信息变更 · ${String(child.name)}：已保存。`);
    await page
      .locator('[data-testid=record-changes]', {
        hasText: `监护人联系电话 ${before.guardian_phone ?? '（空）'} → 13900001111（村（居）儿童主任；原因：监护人更换手机号码）`,
      })
      .waitFor();
    // The record itself shows the new phone (动态更新).
    await page.locator('dd', { hasText: '13900001111' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, '3-history.png'), fullPage: true });
    await page.getByTestId('ledger-history').screenshot({ path: join(SHOTS, '3a-history-card.png') });

    // In the ledger once each, by this director.
    const director = `demo:child-director:${village}`;
    expect(await sql(`SELECT 1 FROM work_log WHERE child_id = $1 AND content = $2 AND author = $3`, [first, log, director])).toHaveLength(
      1,
    );
    expect(await sql(`SELECT 1 FROM help_record WHERE child_id = $1 AND content = $2 AND kind = 'STUDY'`, [first, help])).toHaveLength(1);
    expect(errors).toEqual([]);

    await restorePhone?.();
    expect((await sql<{ guardian_phone: string | null }>(`SELECT guardian_phone FROM child_record WHERE id = $1`, [first]))[0]).toEqual(
      before,
    );
  });

  it('a city supervisor, who does not visit, gets no 待走访 on 工作台', async () => {
    await login(page, info.portal, 'ca-supervisor', village.slice(0, 4), 'case-work');
    await page.getByTestId('alert-open').waitFor();
    expect(await page.getByTestId('visits-due-card').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
