import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { reconcile } from '@hub/jobs';
import { ALL_ROLES, ROLES, type Role } from '@hub/domain';
import { hubInfo, quietLogger, RECONCILIATION, resetCases, ROOT, sql, TEST_POPULATION, token } from '../helpers/hub';
import { login, pickRegion, waitForText, watchForScriptErrors } from '../helpers/dashboard';

/**
 * Every role that can log in to the dashboard, in Chromium: each logs in, the menu offers exactly the pages its
 * scopes (the roles table) let it use, and each of those pages settles — no page left at 加载中…, no script or
 * console error, no region code where a place is meant (places read by name), and the findings list names the
 * children. Screenshots of every page of every role go to test-artifacts/dashboard/roles/ (or DASHBOARD_SHOTS).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const base = info.portal;
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'roles');

/**
 * The menu each role gets, written out: 工作台 for everyone with case tasks or mandatory reports (and it is where
 * they land), 收件箱 for case tasks, 强制报告 and 我的报告 for those who must report; 总览 and 突发事件 need the
 * civil-affairs ledger (welfare:read; 突发事件 also the emergency purpose), the work-list, the check lists and the
 * runs the cross-check results (crosscheck:read), 儿童工作队伍 the ledger and case tasks and a civil-affairs role (medical
 * insurance and the disabled persons' federation hold both scopes but not the workforce). The auditor gets no page and a
 * sentence saying why.
 */
const CIVIL = ['总览', '问题线索', '流动儿童核验', '走访情况', '摸底排查', '突发事件', '核查任务', '儿童工作队伍'];
const MENU: Record<Exclude<Role, 'reconciliation-service'>, string[]> = {
  'ca-caseworker': ['工作台', '收件箱', '个案', ...CIVIL, '强制报告', '我的报告'],
  'ca-supervisor': ['工作台', '收件箱', '个案', ...CIVIL],
  'township-supervisor': ['工作台', '收件箱', '个案', ...CIVIL, '强制报告', '我的报告'],
  'child-director': ['工作台', '收件箱', '个案', ...CIVIL, '强制报告', '我的报告'],
  'edu-registrar': ['工作台', '收件箱', '强制报告', '我的报告'],
  'police-officer': ['工作台', '收件箱'],
  'health-worker': ['工作台', '收件箱', '强制报告', '我的报告'],
  'mi-clerk': ['工作台', '收件箱', '个案', '总览'],
  'dpf-clerk': ['工作台', '收件箱', '个案', '总览'],
  auditor: [],
};
/**
 * The header's 找儿童 box: child:basic, and a way to name the child (the ledger or the household register); health
 * has neither and the auditor no child:basic.
 */
const SEARCH = new Set<Role>([
  'ca-caseworker',
  'ca-supervisor',
  'township-supervisor',
  'child-director',
  'edu-registrar',
  'police-officer',
  'mi-clerk',
  'dpf-clerk',
]);
/** The nightly service account is no dashboard user; every other role is (the auditor through the identity provider). */
const USERS = ALL_ROLES.filter((r): r is keyof typeof MENU => r !== 'reconciliation-service');

/** A region code standing alone (6, 9 or 12 digits), where the page should print a place's name. */
const REGION_CODE = /(?<![\d*X])(\d{6}|\d{9}|\d{12})(?![\d*X])/;

maybe('every role’s dashboard in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const district = '500110';
  let village = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await resetCases();
    // Two runs of different regions (the province and one city): the overview's trend keeps them apart.
    for (const region of [TEST_POPULATION.region, '5001'])
      await reconcile({
        gateway: info.gateway,
        token: RECONCILIATION().authorization.replace('Bearer ', ''),
        logger: quietLogger(),
        asOf: TEST_POPULATION.asOf,
        region,
      });
    // The district's village with the most findings: its child director and township supervisor have some to see.
    [{ village }] = await sql<{ village: string }>(
      `SELECT region AS village FROM finding WHERE region LIKE $1 AND length(region) = 12 GROUP BY region ORDER BY count(*) DESC, region LIMIT 1`,
      [`${district}%`],
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    watchForScriptErrors(page, errors, { all: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await resetCases();
  });

  const jurisdictionOf = (digits: number) => ({ 2: '50', 4: '5001', 6: district, 9: village.slice(0, 9), 12: village })[digits]!;

  /** Logs in as the role: the demo login, or for the auditor (whom the demo login does not offer) a token of the hub. */
  async function loginAs(role: keyof typeof MENU): Promise<void> {
    const def = ROLES[role];
    const jurisdiction = jurisdictionOf(def.jurisdictionDigits);
    if (role !== 'auditor') return login(page, base, role, jurisdiction, def.purposes[0]);
    // As the OIDC login leaves it: the token and who the hub says it is, in this tab's session.
    const session = {
      token: token(role, jurisdiction),
      role,
      title: def.title,
      scopes: def.scopes,
      purposes: def.purposes,
      purpose: def.purposes[0],
      jurisdiction: [jurisdiction],
      mode: 'oidc',
    };
    await page.goto(`${base}/dashboard/`);
    await page.evaluate(`sessionStorage.setItem('hub.session', ${JSON.stringify(JSON.stringify(session))})`);
    await page.reload();
    await page.getByTestId('user').waitFor();
  }

  /** Waits until the page has settled: nothing loading, no place name still on its way. */
  async function settled(what: string): Promise<string> {
    for (let i = 0; ; i++) {
      const text = (await page.locator('body').innerText()).trim();
      if (!/加载中…|加载区划…|…/.test(text) && text.length > 0) return text;
      if (i > 100) throw new Error(`${what}: still loading after 20 s: ${text.slice(0, 300)}`);
      await page.waitForTimeout(200);
    }
  }

  it.each(USERS)('%s: the menu offers the pages the role may use, and every one of them settles', async (role) => {
    errors.length = 0;
    await loginAs(role);
    const menu = await page.locator('header nav a').allTextContents();
    expect({ role, menu }).toEqual({ role, menu: MENU[role] });
    const header = await page.getByTestId('user').innerText();
    expect(header).not.toMatch(REGION_CODE);
    // The first page of the menu is where the role lands (工作台 for everyone with cases or reports).
    if (menu.length) await page.locator('main h2', { hasText: menu[0] }).waitFor();

    if (menu.length === 0) {
      // No page: a sentence saying why, not an empty frame or a refusal code.
      const text = await settled(`${role} landing`);
      expect(await page.getByTestId('no-pages').innerText()).toContain(ROLES[role].title);
      expect(text).not.toMatch(/[a-z]+:[a-z]+/); // no scope codes
      await page.screenshot({ path: join(SHOTS, `${role}-landing.png`), fullPage: true });
    }
    for (const [i, title] of menu.entries()) {
      await page.locator('header nav a', { hasText: title }).click();
      await page.locator('main h2', { hasText: title }).waitFor();
      if (title === '突发事件') {
        await page.getByRole('button', { name: '查询' }).click();
        await page.locator('[data-testid=emergency-total], main .error').first().waitFor();
      }
      const text = await settled(`${role} ${title}`);
      expect({ role, title, code: REGION_CODE.exec(text)?.[0] }).toEqual({ role, title, code: undefined });
      expect({ role, title, errors: await page.locator('main .error').allTextContents() }).toEqual({ role, title, errors: [] });
      if (title === '问题线索') {
        // The children by name and age, as the database has them (names of ledger children).
        const cells = await page.getByTestId('finding-child').allInnerTexts();
        expect(cells.length).toBeGreaterThan(0);
        const names = new Set(
          (
            await sql<{ name: string }>(
              `SELECT c.name FROM finding f JOIN child_record c ON c.id = f.child_id WHERE f.region LIKE ANY($1)`,
              [[`${jurisdictionOf(ROLES[role].jurisdictionDigits)}%`]],
            )
          ).map((r) => r.name),
        );
        expect(cells.some((c) => names.has(c.split('\n')[0]))).toBe(true);
        for (const c of cells) expect(c.trim()).toMatch(/^\S+(\n\d+ 岁)?$/);
      }
      await page.screenshot({ path: join(SHOTS, `${role}-${i + 1}-${title}.png`), fullPage: true });
      if (title === '收件箱' && (await page.getByTestId('task-row').count())) {
        // A task opens in place, and its case settles the same way (names, not codes; no error).
        await page.getByTestId('task-row').first().click();
        await page.getByTestId('task-actions').waitFor();
        await page.getByRole('link', { name: '查看个案 →' }).click();
        await page.getByTestId('case-history').waitFor();
        const caseText = await settled(`${role} 个案`);
        expect({ role, title: '个案', code: REGION_CODE.exec(caseText)?.[0] }).toEqual({ role, title: '个案', code: undefined });
        expect({ role, title: '个案', errors: await page.locator('main .error').allTextContents() }).toEqual({
          role,
          title: '个案',
          errors: [],
        });
        expect(caseText).not.toMatch(/\b[A-Z][A-Z_]{3,}\b/); // kinds and statuses in Chinese
        await page.screenshot({ path: join(SHOTS, `${role}-${i + 1}-个案.png`), fullPage: true });
        await page.goBack();
      }
    }
    // 找儿童 from the header, for the roles offered it: a child of the jurisdiction by name; the results settle the same way.
    expect({ role, search: await page.locator('header form[role=search]').count() }).toEqual({ role, search: SEARCH.has(role) ? 1 : 0 });
    if (SEARCH.has(role)) {
      const [{ name }] = await sql<{ name: string }>(`SELECT name FROM child_record WHERE residence_region LIKE $1 ORDER BY id LIMIT 1`, [
        `${jurisdictionOf(ROLES[role].jurisdictionDigits)}%`,
      ]);
      await page.fill('header input[name=q]', name);
      await page.locator('header form[role=search] button').click();
      await page.locator('main h2', { hasText: '找儿童' }).waitFor();
      await page.getByTestId('search-total').waitFor();
      const text = await settled(`${role} 找儿童`);
      expect({ role, title: '找儿童', code: REGION_CODE.exec(text)?.[0] }).toEqual({ role, title: '找儿童', code: undefined });
      expect({ role, title: '找儿童', errors: await page.locator('main .error').allTextContents() }).toEqual({
        role,
        title: '找儿童',
        errors: [],
      });
      expect(await page.getByTestId('search-row').count()).toBeGreaterThan(0);
      // The ledger's people open the child's file from a result; the others read the row without a link.
      // (Only the links to the file: a role that files reports also has 为该儿童报告 in the row.)
      expect(await page.getByTestId('search-row').first().locator('a[href^="#/child/"]').count()).toBe(
        (ROLES[role].scopes as readonly string[]).includes('welfare:read') ? 1 : 0,
      );
      await page.screenshot({ path: join(SHOTS, `${role}-找儿童.png`), fullPage: true });
    }
    expect({ role, errors }).toEqual({ role, errors: [] });
  });

  /** How far the page is wider than the window: 0 when nothing scrolls sideways. */
  const overflow = () => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  /** A time as the dashboard prints every time: Beijing, whatever the browser's zone. */
  const beijing = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

  it('a village child director on a 390-pixel phone: every page fits, the menu wraps, tables are cards, runs and their scope in words', async () => {
    errors.length = 0;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await loginAs('child-director');
      const menu = MENU['child-director'];
      for (const [i, title] of menu.entries()) {
        const link = page.locator('header nav a', { hasText: title });
        // Every menu item on screen (wrapped, not cut off in a strip), and the header no wider than the phone.
        const box = (await link.boundingBox())!;
        expect({ title, left: box.x >= 0, right: box.x + box.width <= 390 }).toEqual({ title, left: true, right: true });
        await link.click();
        await page.locator('main h2', { hasText: title }).waitFor();
        if (title === '突发事件') {
          await page.getByRole('button', { name: '查询' }).click();
          await page.locator('[data-testid=emergency-total], main .error').first().waitFor();
        }
        await settled(`phone ${title}`);
        expect({ title, overflow: await overflow() }).toEqual({ title, overflow: 0 });
        const header = (await page.locator('header').boundingBox())!;
        expect({ title, header: header.width <= 390 }).toEqual({ title, header: true });
        if (title === '问题线索') {
          // One card per finding: the child's cell takes the card's width, not a column squeezed to one character.
          const cell = (await page.getByTestId('finding-child').first().boundingBox())!;
          expect(cell.width).toBeGreaterThan(300);
        }
        if (title === '核查任务') {
          const text = await page.getByTestId('runs').innerText();
          expect(text).not.toContain('service:');
          expect(text).not.toContain('demo:');
          // Who started each run in words: the nightly job (the tests' runs) or a person's title, never an account.
          const starters = await page.getByTestId('run-starter').allInnerTexts();
          expect(starters).toContain('系统夜间核查');
          for (const s of starters) expect(s).toMatch(/^[\u4e00-\u9fa5（）()]+$/);
          // 开始 in Beijing time, as the database's instant reads there.
          const [{ started_at }] = await sql<{ started_at: Date }>(
            `SELECT started_at FROM reconciliation_run WHERE region = '5001' ORDER BY started_at DESC LIMIT 1`,
          );
          expect(text).toContain(beijing.format(started_at));
        }
        if (title === '总览') {
          // The last run is the city's: its numbers are said to be the run's region's, not the village's.
          expect(await page.getByTestId('last-run-scope').innerText()).toContain('核查范围：重庆市（市辖区）');
          expect(await page.getByTestId('last-run-note').innerText()).toContain('不限于您的辖区');
          expect(await page.getByTestId('trend-scope').innerText()).toMatch(/^核查范围：.+不限于您的辖区/);
        }
        if (title === '工作台' || title === '收件箱') {
          // Tasks are the district office's: the page names it and points to 个案.
          const note = page.getByTestId('office-note');
          expect(await note.innerText()).toMatch(/^本辖区的个案任务由\S+区民政部门承办/);
          expect(await note.locator('a[href="#/cases"]').count()).toBe(1);
        }
        await page.screenshot({ path: join(SHOTS, `child-director-phone-${i + 1}-${title}.png`), fullPage: true });
      }
      expect({ errors }).toEqual({ errors: [] });
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('a finding clicked in a long list opens in view, its heading focused', async () => {
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await page.locator('header nav a', { hasText: '问题线索' }).click();
    await page.getByTestId('findings').waitFor();
    // A window that ends just under the first row (the test hub's list is shorter than a real one of 20): the
    // pager and the detail under it are out of sight, as they are on a real district's page.
    const row = (await page.locator('[data-testid=findings] tbody tr').first().boundingBox())!;
    const height = Math.ceil(row.y + row.height + 10);
    await page.setViewportSize({ width: 1366, height });
    try {
      expect((await page.locator('.pager').boundingBox())!.y).toBeGreaterThan(height);
      await page.locator('[data-testid=findings] tbody tr').first().click();
      const heading = page.locator('[data-testid=finding-detail] h3');
      await heading.waitFor();
      const box = (await heading.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
      expect(await heading.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'ca-caseworker-finding-opened.png') });
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }

    // The inbox's 批量指派 bar reads as one line: the count, the box and the buttons share a middle.
    await page.locator('header nav a', { hasText: '收件箱' }).click();
    await page.getByTestId('bulk-assign').waitFor();
    const middle = async (selector: string) => {
      const b = (await page.locator(selector).first().boundingBox())!;
      return b.y + b.height / 2;
    };
    const input = await middle('input[name=bulk-assignee]');
    expect(Math.abs((await middle('[data-testid=bulk-count]')) - input)).toBeLessThanOrEqual(2);
    expect(Math.abs((await middle('[data-testid=bulk-assign] button')) - input)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, 'ca-caseworker-inbox.png'), fullPage: true });
  });

  it('a page the role may not use says why in Chinese, not a spinner or a script error', async () => {
    errors.length = 0;
    await loginAs('police-officer');
    for (const route of ['overview', 'findings', 'migrants', 'visits', 'emergency', 'runs']) {
      await page.goto(`${base}/dashboard/#/${route}`);
      await page.reload();
      await page.locator('main .error').waitFor();
      expect(await page.locator('main .error').innerText()).toBe('您的角色无权查看此页内容。');
      expect(await page.getByTestId('why-not').innerText()).toMatch(/您的角色（公安户政民警）/);
      expect(await page.getByText('加载中…').count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it('filters live in the route: Back from a child’s file finds the work-list as it was filtered', async () => {
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await page.locator('header nav a', { hasText: '问题线索' }).click();
    await page.selectOption('select[name=status]', '');
    // The township's most frequent family, so the filtered list is not empty.
    const [{ family, n }] = await sql<{ family: string; n: number }>(
      `SELECT family, count(*)::int AS n FROM finding WHERE region LIKE $1 GROUP BY family ORDER BY n DESC, family LIMIT 1`,
      [`${village.slice(0, 9)}%`],
    );
    await page.selectOption('select[name=family]', family);
    await pickRegion(page, 'region', village.slice(0, 9));
    await waitForText(page, 'findings-total', `共 ${n} 条`);
    expect(page.url()).toContain(`family=${family}`);
    await page.locator('table.table tbody tr').first().click();
    await page.getByRole('button', { name: '查看一人一档 →' }).click();
    await page.getByTestId('visits').waitFor();
    await page.goBack();
    await waitForText(page, 'findings-total', `共 ${n} 条`);
    expect(await page.locator('select[name=family]').inputValue()).toBe(family);
    expect(await page.locator('select[name=region-9]').inputValue()).toBe(village.slice(0, 9));
    // Rule families and rules read in Chinese.
    expect(await page.locator('select[name=family] option:checked').innerText()).toMatch(/^[\u4e00-\u9fa5]+$/);
  });

  it('the overview names every district of a city and keeps runs of different regions apart', async () => {
    await login(page, base, 'ca-supervisor', '5001', 'case-work');
    await page.locator('header nav a', { hasText: '总览' }).click();
    await page.getByTestId('total-children').waitFor();
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(DISTINCT substr(residence_region, 1, 6))::int AS n FROM child_record WHERE residence_region LIKE '5001%'`,
    );
    // Children are counted by residence or hukou, so at least every district they live in.
    const heading = await page.locator('h3', { hasText: '按区县' }).innerText();
    expect(Number(/（(\d+) 个）/.exec(heading)![1])).toBeGreaterThanOrEqual(n);
    // Two regions have runs: the trend shows one at a time, picked by name (once the names have come: "…" until then).
    await page.waitForFunction(
      `[...document.querySelectorAll('select[name=trendRegion] option')].every((o) => o.textContent !== '…')` +
        ` && document.querySelectorAll('select[name=trendRegion] option').length > 0`,
    );
    const regions = await page.locator('select[name=trendRegion] option').allInnerTexts();
    expect(regions.sort()).toEqual(['重庆市', '重庆市（市辖区）'].sort());
    await page.screenshot({ path: join(SHOTS, 'ca-supervisor-overview-5001.png'), fullPage: true });
  });
});
