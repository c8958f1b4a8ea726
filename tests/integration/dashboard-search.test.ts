import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pinyin } from 'pinyin-pro';
import { chromium, type Browser, type Page } from 'playwright-core';
import { reconcile } from '@hub/jobs';
import { hubInfo, quietLogger, RECONCILIATION, resetCases, ROOT, sql, TEST_POPULATION } from '../helpers/hub';
import { login, pickRegion, waitForText, watchForScriptErrors } from '../helpers/dashboard';

/**
 * 找儿童, the 个案 list and bulk assignment in the inbox, in Chromium through the real gateway (docs/dashboard.md):
 * a caseworker finds a child by exact name, by pinyin and by ID number and opens the child's file; bad input reads
 * in Chinese; a police officer's results name the child without a link to a file it may not open; a caseworker of
 * a migrant child's hukou district finds the case opened where the child lives; two inbox tasks assigned at once;
 * the inbox exported to .xlsx with the children by name, never by pseudonymous id.
 * Screenshots go to test-artifacts/dashboard/search/ (or DASHBOARD_SHOTS).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const base = info.portal;
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'search');

/** A region code standing alone (6, 9 or 12 digits), where the page should print a place's name. */
const REGION_CODE = /(?<![\d*X])(\d{6}|\d{9}|\d{12})(?![\d*X])/;

maybe('找儿童, 个案 and bulk assignment in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const district = '500110';
  /** A child of the district whose name and pinyin no other child of the district shares. */
  let child: { id: string; name: string; id_number: string };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await resetCases();
    // Cases (a migrant child's among them) exist only after a run.
    await reconcile({
      gateway: info.gateway,
      token: RECONCILIATION().authorization.replace('Bearer ', ''),
      logger: quietLogger(),
      asOf: TEST_POPULATION.asOf,
      region: TEST_POPULATION.region,
      pageSize: 100,
      concurrency: 3,
    });
    [child] = await sql<{ id: string; name: string; id_number: string }>(
      `SELECT c.id, c.name, c.id_number FROM child_record c JOIN child_name_index i ON i.child_id = c.id
        WHERE c.residence_region LIKE $1 AND c.id_number IS NOT NULL AND char_length(c.name) BETWEEN 2 AND 3
          AND NOT EXISTS (SELECT 1 FROM child_record c2 JOIN child_name_index i2 ON i2.child_id = c2.id
                           WHERE c2.id <> c.id AND (i2.fuzzy LIKE i.fuzzy || '%' OR c2.name LIKE '%' || c.name || '%')
                             AND (c2.residence_region LIKE $1 OR c2.hukou_region LIKE $1))
        ORDER BY c.id LIMIT 1`,
      [`${district}%`],
    );
    expect(child).toBeDefined();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    watchForScriptErrors(page, errors, { all: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await resetCases();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const search = async (text: string) => {
    await page.fill('header input[name=q]', text);
    await page.locator('header form[role=search] button').click();
    await page.locator('main h2', { hasText: '找儿童' }).waitFor();
    // The answer to this text, not the previous search's rows still on the page.
    await page.locator(`main [data-testid=search-error], main [data-testid=search-total]:has-text("「${text.trim()}」")`).first().waitFor();
  };
  const row = (id: string) => page.locator(`[data-testid=search-row][data-child="${id}"]`);

  it('finds a child by exact name, by pinyin and by ID number, and opens the child’s file', async () => {
    errors.length = 0;
    await login(page, base, 'ca-caseworker', district, 'case-work');
    const syllables = pinyin(child.name, { toneType: 'none', type: 'array', surname: 'head', v: true });
    const cases: [string, string][] = [
      [child.name, '姓名'],
      [syllables.join(' '), '拼音'],
      [child.id_number, '身份证号'],
    ];
    for (const [i, [text, how]] of cases.entries()) {
      await search(text);
      await row(child.id).waitFor();
      expect(await row(child.id).getByTestId('matched-by').innerText()).toBe(how);
      const cells = await row(child.id).innerText();
      expect(cells).toContain(child.name);
      expect(cells).not.toMatch(REGION_CODE); // the place by name
      expect(page.url()).toContain(`#/search?q=${encodeURIComponent(text)}`);
      await shot(`0${i + 1}-search-${how}`);
    }
    // The file opens from the row; Back returns to the results.
    await row(child.id).getByRole('link', { name: child.name }).click();
    await page.getByTestId('visits').waitFor();
    expect(page.url()).toContain(`#/child/${encodeURIComponent(child.id)}`);
    expect(await page.locator('main').innerText()).toContain(child.name);
    await shot('04-search-profile');
    await page.goBack();
    await row(child.id).waitFor();
    expect(errors).toEqual([]);
  });

  it('says in Chinese what it cannot search for, and finds nothing outside the jurisdiction', async () => {
    errors.length = 0;
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await search(child.id_number.slice(0, 17));
    await waitForText(page, 'search-error', '请输入姓名（至少一个汉字）、拼音（至少两个字母）或 18 位身份证号');
    await shot('05-search-bad-input');
    // Another district's caseworker does not find this child by ID number.
    const other = ['500101', '500112', '500154'].find((d) => d !== district)!;
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM child_record WHERE id_number = $1 AND (residence_region LIKE $2 OR hukou_region LIKE $2)`,
      [child.id_number, `${other}%`],
    );
    await login(page, base, 'ca-caseworker', other, 'case-work');
    await search(child.id_number);
    await waitForText(page, 'search-total', `「${child.id_number}」：找到 ${n} 名儿童`);
    expect(errors).toEqual([]);
  });

  it('a police officer’s results name the child from the household register, without a link to a file it may not open', async () => {
    errors.length = 0;
    await login(page, base, 'police-officer', district, 'public-safety');
    await search(child.id_number);
    await row(child.id).waitFor();
    expect(await row(child.id).locator('a').count()).toBe(0);
    expect(await row(child.id).getByTestId('matched-by').innerText()).toBe('身份证号');
    expect(await page.locator('main').innerText()).toContain('一人一档需要查看民政台账的权限');
    await shot('06-search-police');
    // Health reads neither the ledger nor the register: no search box to give nameless rows.
    await login(page, base, 'health-worker', district, 'case-work');
    expect(await page.locator('header form[role=search]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a caseworker of the hukou district sees a migrant child’s case opened where the child lives', async () => {
    errors.length = 0;
    const [migrant] = await sql<{ id: string; place_region: string; hukou_region: string }>(
      `SELECT id, place_region, hukou_region FROM hub_case
        WHERE rule LIKE 'MIG-%' AND hukou_region IS NOT NULL AND substr(hukou_region, 1, 6) <> substr(place_region, 1, 6)
          AND status IN ('OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL')
          -- named in the sheet below by the ledger's name: a child the ledger lacks (ids are random) has none
          AND child_id IN (SELECT id FROM child_record)
        ORDER BY id LIMIT 1`,
    );
    expect(migrant).toBeDefined();
    const county = migrant.hukou_region.slice(0, 6);
    await login(page, base, 'ca-caseworker', county, 'case-work');
    await page.locator('header nav a', { hasText: '个案' }).click();
    await page.locator('main h2', { hasText: '个案' }).waitFor();
    await page.locator('[data-testid=cases-total]', { hasText: /共 \d+ 件/ }).waitFor();
    // Narrowed to the child's hukou place, picked by name: the case is there though it lives in another district.
    await pickRegion(page, 'region', migrant.hukou_region);
    await page.selectOption('select[name=source]', 'FINDING');
    const caseRow = page.locator(`[data-testid=case-row][data-case="${migrant.id}"]`);
    await caseRow.waitFor();
    expect(page.url()).toContain(`region=${migrant.hukou_region}`);
    expect(page.url()).toContain('source=FINDING');
    const text = await caseRow.innerText();
    expect(text).not.toMatch(REGION_CODE);
    expect(text).toMatch(/户籍地/);
    await shot('07-cases-hukou-district');
    // The filtered list exports with the same filters: the migrant child's case is in the sheet, with its hukou place.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = join(SHOTS, 'cases.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('个案')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '儿童姓名',
      '身份证号',
      '所在地',
      '户籍地',
      '事由',
      '来源',
      '负责单位',
      '状态',
      '开启日期',
    ]);
    const total = Number((await page.getByTestId('cases-total').innerText()).match(/共 (\d+) 件/)![1]);
    expect(ws.rowCount - 1).toBe(total);
    const [{ name }] = await sql<{ name: string }>(
      'SELECT c.name FROM hub_case h JOIN child_record c ON c.id = h.child_id WHERE h.id = $1',
      [migrant.id],
    );
    const sheet: string[][] = [];
    ws.eachRow((row, n) => void (n > 1 && sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))));
    const mine = sheet.find((r) => r[0] === name && r[3] !== '' && r[5] === '核查发现')!;
    expect(mine).toBeDefined();
    expect(mine.join(' ')).not.toMatch(REGION_CODE);
    await caseRow.getByRole('link').click();
    await page.getByTestId('case-history').waitFor();
    expect(page.url()).toContain(`#/case/${migrant.id}`);
    await shot('08-cases-migrant-case');
    // Back: the list as it was filtered.
    await page.goBack();
    await caseRow.waitFor();
    expect(await page.locator('select[name=source]').inputValue()).toBe('FINDING');
    expect(errors).toEqual([]);
  });

  it('一人一档 names the child, says who visited in words and lists the child’s cases; a child off the ledger gets a heading and the way back', async () => {
    errors.length = 0;
    // A ledger child of the district with a case and a visit by a named visitor (a child director's or supervisor's account).
    const [onLedger] = await sql<{ case_id: string; child_id: string; name: string; village: string }>(
      `SELECT h.id AS case_id, c.id AS child_id, c.name, c.residence_region AS village FROM hub_case h JOIN child_record c ON c.id = h.child_id
        WHERE c.residence_region LIKE $1 AND h.place_region LIKE $1
          AND EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.visitor_id IS NOT NULL)
        ORDER BY h.id LIMIT 1`,
      [`${district}%`],
    );
    expect(onLedger).toBeDefined();
    await login(page, base, 'ca-caseworker', district, 'case-work');
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(onLedger.child_id)}`);
    await waitForText(page, 'profile-heading', `一人一档：${onLedger.name}`);
    await page.getByTestId('visitor').first().waitFor();
    // Who visited, in words: the post and its place, never the account (D + a village's code, S + a township's).
    const visitors = await page.getByTestId('visitor').allInnerTexts();
    for (const v of visitors) {
      expect(v).toMatch(/^(儿童主任|儿童督导员|社会工作者)/);
      expect(v).not.toMatch(/[DS]\d{9,12}/);
      expect(v).not.toMatch(REGION_CODE);
    }
    expect(visitors.some((v) => /\n.+/.test(v))).toBe(true); // at least one visitor with the place of the post
    // The child's cases, each a working link to its page.
    const caseLink = page.getByTestId('child-cases').locator(`a[href="#/case/${onLedger.case_id}"]`);
    await caseLink.waitFor();
    await shot('10-profile-visits-cases');
    await caseLink.click();
    await page.getByTestId('case-history').waitFor();
    expect(page.url()).toContain(`#/case/${onLedger.case_id}`);
    await page.getByTestId('case-profile-link').waitFor();

    // The village's child director on a phone: the file fits without sideways scrolling, and 突发事件 names the
    // village instead of a picker with nothing below it.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await login(page, base, 'child-director', onLedger.village, 'case-work');
      await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(onLedger.child_id)}`);
      await page.getByTestId('visitor').first().waitFor();
      await page.getByTestId('child-cases').locator('a').first().waitFor();
      expect(await page.getByTestId('visits').innerText()).not.toMatch(/[DS]\d{9,12}/);
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await shot('13-profile-child-director-390');
      await login(page, base, 'child-director', onLedger.village, 'emergency');
      await page.goto(`${base}/dashboard/#/emergency`);
      await page.getByTestId('emergency-fixed').waitFor();
      expect(await page.getByTestId('emergency-fixed').innerText()).not.toMatch(REGION_CODE);
      expect(await page.getByRole('button', { name: '添加' }).count()).toBe(0);
      expect(await page.getByText('未添加：查询下方所选区划').count()).toBe(0);
      await shot('14-emergency-child-director-390');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }

    // A child a cross-check found who is not on the ledger: the case page offers no file, the file page explains and leads back.
    const [offLedger] = await sql<{ case_id: string; child_id: string; county: string }>(
      `SELECT h.id AS case_id, h.child_id, substr(h.place_region, 1, 6) AS county FROM hub_case h
        WHERE h.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM child_record c WHERE c.id = h.child_id)
        ORDER BY h.id LIMIT 1`,
    );
    expect(offLedger).toBeDefined();
    await login(page, base, 'ca-caseworker', offLedger.county, 'case-work');
    await page.goto(`${base}/dashboard/#/case/${offLedger.case_id}`);
    await page.getByTestId('case-history').waitFor();
    await page.getByTestId('case-not-in-ledger').waitFor();
    expect(await page.getByRole('link', { name: /查看一人一档/ }).count()).toBe(0);
    await shot('11-case-not-in-ledger');
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(offLedger.child_id)}`);
    await page.getByTestId('not-in-ledger').waitFor();
    expect(await page.locator('main h2').first().innerText()).toBe('一人一档');
    expect(await page.getByTestId('not-in-ledger').innerText()).toContain('不在您辖区的民政台账中');
    await page.getByTestId('child-cases').locator(`a[href="#/case/${offLedger.case_id}"]`).waitFor();
    expect(await page.getByRole('link', { name: '查看本辖区的个案' }).getAttribute('href')).toBe('#/cases');
    await shot('12-profile-not-in-ledger');
    // Back: to the case it was opened from.
    await page.getByTestId('back').click();
    await page.getByTestId('case-history').waitFor();
    expect(page.url()).toContain(`#/case/${offLedger.case_id}`);
    expect(errors).toEqual([]);
  });

  it('assigns two inbox tasks at once and says how many went through', async () => {
    errors.length = 0;
    // The district with the most civil-affairs tasks still to do.
    const [{ county }] = await sql<{ county: string }>(
      `SELECT substr(region, 1, 6) AS county FROM case_task WHERE agency = 'civil-affairs' AND status IN ('PENDING', 'ACCEPTED')
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    await login(page, base, 'ca-caseworker', county, 'case-work');
    await page.locator('header nav a', { hasText: '收件箱' }).click();
    await page.getByTestId('inbox').waitFor();
    // The rows the user may assign carry a box.
    const pickable = page.locator('[data-testid=task-row]:has(input[name=pick])');
    expect(await pickable.count()).toBeGreaterThanOrEqual(2);
    const ids: string[] = [];
    for (const i of [0, 1]) {
      await pickable.nth(i).locator('input[name=pick]').check();
      ids.push((await pickable.nth(i).getAttribute('data-task'))!);
    }
    await waitForText(page, 'bulk-count', '已选 2 项');
    // Ticking a box does not open the row.
    expect(await page.getByTestId('task-actions').count()).toBe(0);
    await page.fill('input[name=bulk-assignee]', 'wang.fang');
    await page.getByRole('button', { name: '批量指派', exact: true }).click();
    await waitForText(page, 'bulk-message', '批量指派给 wang.fang：2 项成功。');
    for (const id of ids) await page.locator(`[data-testid=task-row][data-task="${id}"]`, { hasText: '承办人 wang.fang' }).waitFor();
    await shot('09-inbox-bulk-assigned');
    const rows = await sql<{ assignee: string }>('SELECT assignee FROM case_task WHERE id = ANY($1)', [ids]);
    expect(rows.map((r) => r.assignee)).toEqual(['wang.fang', 'wang.fang']);
    expect(errors).toEqual([]);
  });

  it('exports the inbox to .xlsx with the children by name and ID number, places by name and due dates', async () => {
    errors.length = 0;
    const [{ county }] = await sql<{ county: string }>(
      `SELECT substr(region, 1, 6) AS county FROM case_task WHERE agency = 'civil-affairs' AND status IN ('PENDING', 'ACCEPTED')
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    await login(page, base, 'ca-caseworker', county, 'case-work');
    await page.locator('header nav a', { hasText: '收件箱' }).click();
    await page.getByTestId('inbox').waitFor();
    const total = Number((await page.getByTestId('inbox-total').innerText()).match(/共 (\d+) 项/)![1]);
    expect(total).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = join(SHOTS, 'inbox.xlsx');
    await download.saveAs(file);
    await waitForText(page, 'export-message', `已导出 ${total} 项`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('收件箱')!;
    // The caseworker holds child:identity: the ID number column is there.
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '儿童姓名',
      '身份证号',
      '所在地',
      '事项',
      '来源',
      '承办单位',
      '期限',
      '逾期',
      '状态',
      '承办人',
    ]);
    const sheet: string[][] = [];
    ws.eachRow((row, n) => void (n > 1 && sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))));
    expect(sheet).toHaveLength(total);
    // A task of a child on the ledger reads with the child's name, ID number and due date.
    const tasks = await sql<{ name: string; id_number: string | null; due_on: string; child_id: string }>(
      `SELECT c.name, c.id_number, t.due_on::text AS due_on, c.id AS child_id
         FROM case_task t JOIN hub_case h ON h.id = t.case_id JOIN child_record c ON c.id = h.child_id
        WHERE t.agency = 'civil-affairs' AND t.region LIKE $1 AND t.status IN ('PENDING', 'ACCEPTED')`,
      [`${county}%`],
    );
    expect(tasks.length).toBeGreaterThan(0);
    const t = tasks.find((x) => x.id_number)!;
    expect(sheet.some((r) => r[0] === t.name && r[1] === t.id_number && r[6] === t.due_on)).toBe(true);
    const childIds = new Set(tasks.map((x) => x.child_id));
    for (const r of sheet) {
      expect(r[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['待签收', '已签收']).toContain(r[8]);
      expect(r[2]).not.toMatch(REGION_CODE);
      // Never the pseudonymous child id.
      expect(r.some((v) => childIds.has(v))).toBe(false);
      expect(r.join(' ')).not.toMatch(/[A-Za-z0-9_-]{43}/);
    }
    expect(errors).toEqual([]);
  });
});
