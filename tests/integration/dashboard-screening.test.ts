import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hubInfo, ROOT, sql } from '../helpers/hub';
import { login, waitForText, watchForScriptErrors } from '../helpers/dashboard';

/**
 * 摸底排查 in Chromium through the real gateway (docs/ledger.md#screening-rounds): a district caseworker opens a round
 * for the district on a desktop; a child director reports the village's result on a 390×844 phone, and again with the
 * phone offline (kept on it, sent once when the link returns); the district sees
 * the village reported, by township and by village, and closes the round with a reason. Places by name, never codes;
 * no sideways scrolling on the phone; no script errors. Screenshots go to test-artifacts/dashboard/screening/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'screening');
/** Region codes (6, 9 or 12 digits) standing alone in a page's text: a place shown as a code. */
const CODE = /(?<!\d)(\d{6}|\d{9}|\d{12})(?!\d)/;

maybe('摸底排查 on the dashboard', () => {
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  const errors: string[] = [];
  let village: string;
  let district: string;
  const title = `摸底排查（界面测试 ${Date.now()}）`;
  const overflow = () => phone.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // A village in a district of several villages (the round then has villages left to report).
    const [row] = await sql<{ v: string }>(
      `SELECT residence_region AS v FROM child_record c WHERE length(residence_region) = 12
          AND (SELECT count(DISTINCT o.residence_region) FROM child_record o WHERE o.residence_region LIKE left(c.residence_region, 6) || '%') > 2
        ORDER BY residence_region LIMIT 1`,
    );
    village = row.v;
    district = village.slice(0, 6);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
    watchForScriptErrors(desk, errors);
    watchForScriptErrors(phone, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a district opens a round; a child director reports on a phone; the district sees it and closes the round', async () => {
    await login(desk, info.portal, 'ca-caseworker', district, 'case-work');
    await desk.goto(`${info.portal}/dashboard/#/screening`);
    await desk.getByTestId('screening').waitFor();
    await desk.getByTestId('open-round').click();
    await desk.locator('[data-testid=open-round-form] input[name=title]').fill(title);
    await desk.locator('[data-testid=open-round-form] button[type=submit]').click();
    const listed = desk.locator('[data-testid=round-row]', { hasText: title });
    await listed.waitFor();
    await desk.locator('[data-testid=round-detail] h3', { hasText: title }).waitFor();
    await desk.locator('[data-testid=round-area]').first().waitFor();
    const townships = await desk.locator('[data-testid=round-area]').count();
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(DISTINCT left(v, 9))::int AS n FROM (SELECT residence_region AS v FROM child_record WHERE length(residence_region) = 12 AND residence_region LIKE $1
        UNION SELECT village_code FROM child_director WHERE village_code LIKE $1) x`,
      [`${district}%`],
    );
    expect(townships).toBe(n);
    await desk.screenshot({ path: join(SHOTS, '1-district-opened.png'), fullPage: true });
    expect(await desk.locator('main').innerText()).not.toMatch(CODE);

    // The village's child director, on a phone.
    await login(phone, info.portal, 'child-director', village, 'case-work');
    await phone.goto(`${info.portal}/dashboard/#/screening`);
    await phone.locator('[data-testid=round-row]', { hasText: title }).locator('button').click();
    await phone.locator('[data-testid=round-detail] h3', { hasText: title }).waitFor();
    const form = phone.getByTestId('screening-report-form');
    await form.waitFor();
    // Their one village is chosen already.
    expect(await form.locator('select[name=village]').inputValue()).toBe(village);
    await form.locator('input[name=childrenChecked]').fill('12');
    await form.locator('input[name=newlyRegistered]').fill('1');
    await form.locator('input[name=changed]').fill('2');
    await form.locator('textarea[name=notes]').fill('新发现一名父母外出务工的儿童，已登记');
    expect(await overflow()).toBe(0);
    await form.locator('button[type=submit]').click();
    await waitForText(phone, 'screening-message', /排查报送 · .+：已保存。/);
    await phone.locator(`[data-testid=round-area][data-region="${village}"] [data-testid=reported]`, { hasText: '已报送' }).waitFor();
    expect(await overflow()).toBe(0);
    expect(await phone.locator('main').innerText()).not.toMatch(CODE);
    await phone.screenshot({ path: join(SHOTS, '2-director-reported.png'), fullPage: true });
    // No signal: the next report waits on the phone and goes, once, when the link returns.
    await phone.context().setOffline(true);
    await form.locator('input[name=childrenChecked]').fill('13');
    await form.locator('button[type=submit]').click();
    await waitForText(phone, 'screening-message', /已保存在本机，恢复连接后自动发送。/);
    await phone.getByTestId('screening-waiting').waitFor();
    await phone.screenshot({ path: join(SHOTS, '2a-director-offline.png'), fullPage: true });
    await phone.context().setOffline(false);
    await phone.getByTestId('screening-waiting').waitFor({ state: 'detached', timeout: 40_000 });
    await phone.locator(`[data-testid=round-area][data-region="${village}"]`, { hasText: '13 /' }).waitFor();
    // A refusal comes back in words: more newly registered than checked.
    await form.locator('input[name=childrenChecked]').fill('1');
    await form.locator('input[name=newlyRegistered]').fill('3');
    await form.locator('button[type=submit]').click();
    await waitForText(phone, 'screening-error', /不能超过已排查儿童数/);
    // One report recorded, by the director.
    const rows = await sql<{ children_checked: number; reported_by: string }>(
      `SELECT r.children_checked, r.reported_by FROM screening_report r JOIN screening_round s ON s.id = r.round_id WHERE s.title = $1 ORDER BY r.id`,
      [title],
    );
    expect(rows).toEqual([
      { children_checked: 12, reported_by: `demo:child-director:${village}` },
      { children_checked: 13, reported_by: `demo:child-director:${village}` },
    ]);

    // Back on the desk: the village reported, by village; then the round closed with a reason.
    await desk.reload();
    await desk.locator('[data-testid=round-row]', { hasText: title }).locator('button').click();
    await desk.getByTestId('by-village').check();
    await desk.locator(`[data-testid=round-area][data-region="${village}"] [data-testid=reported]`, { hasText: '已报送' }).waitFor();
    const close = desk.getByTestId('close-round-form');
    await close.locator('button[type=submit]').click();
    await waitForText(desk, 'close-error', /个村（社区）未报送/);
    await close.locator('textarea[name=note]').fill('其余村转入下轮排查');
    await close.locator('button[type=submit]').click();
    await desk.locator('[data-testid=round-row]', { hasText: title }).filter({ hasText: '已结束' }).waitFor();
    await desk.locator('[data-testid=round-detail]', { hasText: '其余村转入下轮排查' }).waitFor();
    await desk.screenshot({ path: join(SHOTS, '3-district-closed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
