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
 * A child director's entries on a 390×844 phone in Chromium, through the real gateway (docs/ledger.md): open a child
 * of the village, record a home visit, record a call while offline (kept on the phone, sent once when the link
 * returns), reassess the colour and sign an agreement; the history shows each; the page never scrolls sideways.
 * Screenshots go to test-artifacts/dashboard/ledger/ (or DASHBOARD_SHOTS).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'ledger');
const today = todayInChina;

maybe('a child director’s ledger entries on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  // A ledger child in its own village, other than those the matrix and ledger.test.ts write to.
  const records = expectedPopulation().rows['civil-affairs'].child_record;
  const skip = new Set([matrixChild().child.id]);
  const child = [...records]
    .reverse()
    .find((r: Row) => !skip.has(r.id as string) && r.hukou_region === r.residence_region && String(r.residence_region).length === 12)!;
  const village = String(child.residence_region);
  const overflow = () => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
    watchForScriptErrors(page, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a home visit, a call made offline (sent once when the link returns), a colour and an agreement', async () => {
    await login(page, info.portal, 'child-director', village, 'case-work');
    await page.goto(`${info.portal}/dashboard/#/child/${encodeURIComponent(String(child.id))}`);
    await page.getByTestId('ledger-entry').waitFor();
    expect(await overflow()).toBe(0);

    // A home visit.
    await page.getByTestId('open-visit').click();
    await page.locator('[data-testid=visit-form] textarea[name=notes]').fill('入户走访，祖母照料良好');
    await page.getByTestId('save-visit').click();
    await waitForText(page, 'ledger-message', /走访 · .+ · \d{4}-\d{2}-\d{2}：已保存。/);
    await page.locator('[data-testid=visits]', { hasText: '入户走访，祖母照料良好' }).waitFor();
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SHOTS, '1-visit-saved.png'), fullPage: true });

    // No signal: a call is kept on the phone, and sent once the link returns.
    await context.setOffline(true);
    await page.getByTestId('open-visit').click();
    await page.selectOption('[data-testid=visit-form] select[name=method]', 'PHONE');
    await page.locator('[data-testid=visit-form] textarea[name=notes]').fill('电话联系监护人（离线时记录）');
    await page.getByTestId('save-visit').click();
    await waitForText(page, 'ledger-message', /已保存在本机，恢复连接后自动发送。/);
    await page.getByTestId('ledger-waiting').waitFor();
    await page.screenshot({ path: join(SHOTS, '2-offline-waiting.png'), fullPage: true });
    // Still no signal when the phone next tries (the 30-second timer and the browser's online event run the same
    // pass): nothing is sent, so the page stays as it is — the entry waiting, the next entry half written.
    await page.getByTestId('open-visit').click();
    await page.locator('[data-testid=visit-form] textarea[name=notes]').fill('写了一半的记录');
    const tried = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/graphql'));
    await page.evaluate("window.dispatchEvent(new Event('online'))");
    await tried;
    // Long enough for a reload the pass might have started to fail and show.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid=visit-form] textarea[name=notes]').inputValue()).toBe('写了一半的记录');
    await page.getByTestId('ledger-waiting').waitFor();
    await page.getByTestId('open-visit').click();
    await context.setOffline(false);
    await page.getByTestId('ledger-waiting').waitFor({ state: 'detached', timeout: 40_000 });
    await page.locator('[data-testid=visits]', { hasText: '电话联系监护人（离线时记录）' }).waitFor();
    const calls = await sql(`SELECT 1 FROM visit WHERE child_id = $1 AND notes = '电话联系监护人（离线时记录）'`, [child.id]);
    expect(calls).toHaveLength(1);

    // A reassessment: the history shows the change.
    const before = (await sql<{ risk_colour: string }>(`SELECT risk_colour FROM child_record WHERE id = $1`, [child.id]))[0].risk_colour;
    await page.getByTestId('open-colour').click();
    await page.locator('[data-testid=colour-form] input[value=LIVING_ALONE]').check();
    await page.selectOption('[data-testid=colour-form] select[name=colour]', 'RED');
    await page.locator('[data-testid=colour-form] textarea[name=reason]').fill('父母外出，儿童独居');
    await page.getByTestId('save-colour').click();
    await waitForText(page, 'ledger-message', /风险评估 · .+ · 红色：已保存。/);
    await page.locator('[data-testid=colour-history]', { hasText: '→ 红色（脱离监护单独居住）：父母外出，儿童独居' }).waitFor();

    // An agreement.
    await page.getByTestId('open-agreement').click();
    await page.locator('[data-testid=agreement-form] input[name=caregiverName]').fill('李桂兰');
    await page.locator('[data-testid=agreement-form] input[name=caregiverRelation]').fill('祖母');
    await page.getByTestId('save-agreement').click();
    await waitForText(page, 'ledger-message', /委托照护协议 · .+：已保存。/);
    await page.locator('[data-testid=agreements]', { hasText: `${today()} 签订 · 李桂兰（祖母）` }).waitFor();
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SHOTS, '3-history.png'), fullPage: true });
    expect(errors).toEqual([]);

    // Back to the generator's colour (other suites score runs against it), as a reassessment like any other.
    const back = await gql(
      info.gateway,
      `mutation($input: AssessRiskColourInput!) { assessRiskColour(input: $input) { colour } }`,
      { input: { childId: child.id, colour: before, factors: [], reason: '测试后恢复', requestKey: randomUUID() } },
      auth('ca-caseworker', village.slice(0, 6), 'case-work'),
    );
    expect(back.body.errors).toBeUndefined();
  });

  it('the township supervisor’s 台账工作考核 on 工作台 moves when a child of the village is visited at home', async () => {
    await login(page, info.portal, 'township-supervisor', village.slice(0, 9), 'case-work');
    const cell = page.locator(`[data-testid=scorecard-row][data-region="${village}"] [data-testid=visited-in-time]`);
    await cell.waitFor();
    const counted = async () => Number(/（(\d+)\//.exec((await cell.innerText()) ?? '')?.[1]);
    const before = await counted();
    // A child of the village not visited at home within the last week (so within no colour's interval).
    const [due] = await sql<{ id: string }>(
      `SELECT c.id FROM child_record c WHERE c.residence_region = $1 AND NOT EXISTS (
         SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.method = 'HOME' AND v.visited_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 6)
       ORDER BY c.id LIMIT 1`,
      [village],
    );
    expect(due).toBeDefined();
    const visit = await gql(
      info.gateway,
      `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`,
      { input: { childId: due.id, visitedOn: today(), method: 'HOME', notes: '入户走访', requestKey: randomUUID() } },
      auth('child-director', village, 'case-work'),
    );
    expect(visit.body.errors).toBeUndefined();
    await page.reload();
    await cell.waitFor();
    expect(await counted()).toBe(before + 1);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SHOTS, '4-scorecard.png'), fullPage: true });

    // The month counted (as the nightly job does), then its trend opened on the phone: the rate of home visits in time
    // is the one the scorecard shows for the whole area today, and the chart library loads only now.
    const counted2 = await gql(
      info.gateway,
      `mutation { recordLedgerStatistics { month } }`,
      {},
      auth('reconciliation-service', '50', 'reconciliation'),
    );
    expect(counted2.body.errors).toBeUndefined();
    const totalRate = (await page.locator('[data-testid=scorecard-total] [data-testid=visited-in-time]').innerText()).split('（')[0];
    await page.getByTestId('open-trend').click();
    const month = page.locator(`[data-testid=trend-month][data-month="${today().slice(0, 7)}"]`);
    await month.waitFor();
    expect(await month.locator('td[data-label=按期入户走访]').innerText()).toBe(totalRate);
    await page.locator('[data-testid=scorecard-trend] canvas').first().waitFor();
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SHOTS, '5-trend.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a city supervisor, who does not visit, sees the history but no entry forms', async () => {
    await login(page, info.portal, 'ca-supervisor', village.slice(0, 4), 'case-work');
    await page.goto(`${info.portal}/dashboard/#/child/${encodeURIComponent(String(child.id))}`);
    await page.getByTestId('ledger-history').waitFor();
    expect(await page.getByTestId('ledger-entry').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
