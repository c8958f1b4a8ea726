import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chinaDateIn, hubInfo, ROOT, sql } from '../helpers/hub';
import { login, waitForText, watchForScriptErrors } from '../helpers/dashboard';

/**
 * 儿童工作队伍 in Chromium, through the real gateway (docs/dashboard.md#儿童工作队伍): a district caseworker opens the
 * page on a 390×844 phone and on a 1366×768 desk, reads the areas and the flagged villages by name with the database's
 * counts, records an appraisal (a second one for the period is refused in Chinese) and a training for an untrained
 * director through the forms, and sees the list and the flagged villages change; the coverage table exports to
 * .xlsx; the page never scrolls sideways and no script fails. Screenshots go to test-artifacts/dashboard/workforce/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

const info = hubInfo();
const SHOTS = process.env.DASHBOARD_SHOTS ?? join(ROOT, 'test-artifacts', 'dashboard', 'workforce');
const year = () => chinaDateIn(0).slice(0, 4);
/** A region code standing alone, where a place's name is meant. */
const REGION_CODE = /(?<![\d*X])(\d{6}|\d{9}|\d{12})(?![\d*X])/;

/** Directors of the district with no training passed, their village's other directors untrained too (a flagged village). */
async function untrainedDirectors(district: string): Promise<{ id: string; name: string; village_code: string }[]> {
  return sql(
    `SELECT d.id, d.name, d.village_code FROM child_director d
      WHERE d.village_code LIKE $1 AND d.trained_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed)
        AND NOT EXISTS (SELECT 1 FROM appraisal a WHERE a.person_id = d.id)
        AND EXISTS (SELECT 1 FROM child_record c WHERE c.residence_region = d.village_code)
        AND NOT EXISTS (SELECT 1 FROM child_director o WHERE o.village_code = d.village_code AND o.id <> d.id)
      ORDER BY d.village_code, d.id`,
    [`${district}%`],
  );
}

/** The district's coverage as the database holds it: villages with ledger children and those with a trained director. */
async function coverage(district: string): Promise<{ villages: number; covered: number; flagged: string[] }> {
  const rows = await sql<{ village: string; covered: boolean }>(
    `SELECT v.village, EXISTS (
        SELECT 1 FROM child_director d WHERE d.village_code = v.village
           AND (d.trained_on IS NOT NULL OR EXISTS (SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed))) AS covered
       FROM (SELECT DISTINCT residence_region AS village FROM child_record WHERE residence_region LIKE $1 AND length(residence_region) = 12) v
      ORDER BY 1`,
    [`${district}%`],
  );
  return {
    villages: rows.length,
    covered: rows.filter((r) => r.covered).length,
    flagged: rows.filter((r) => !r.covered).map((r) => r.village),
  };
}

maybe('儿童工作队伍 on a phone and on a desk', () => {
  let browser: Browser;
  let district = '';
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The district with the most untrained directors of flagged villages: one for each screen size below.
    [{ district }] = await sql<{ district: string }>(
      `SELECT left(d.village_code, 6) AS district FROM child_director d
        WHERE d.trained_on IS NULL AND NOT EXISTS (SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed)
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    expect((await untrainedDirectors(district)).length).toBeGreaterThanOrEqual(2);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** No sideways scrolling: the document is no wider than the window. */
  const fits = (page: Page) =>
    page.locator('html').evaluate((html) => html.scrollWidth <= (globalThis as unknown as { innerWidth: number }).innerWidth);

  /** A person's row of the list, paging forward (下一页) until it shows. */
  async function rowOf(page: Page, id: string) {
    const row = page.locator(`[data-testid=person-row][data-person="${id}"]`);
    for (let i = 0; !(await row.count()); i++) {
      const next = page.getByRole('button', { name: '下一页' });
      expect({ id, page: i, more: await next.isEnabled() }).toEqual({ id, page: i, more: true });
      const first = await page.getByTestId('person-row').first().getAttribute('data-person');
      await next.click();
      await page.locator(`[data-testid=person-row][data-person="${first}"]`).waitFor({ state: 'detached' });
    }
    return row;
  }

  it.each([
    ['phone', 390, 844],
    ['desk', 1366, 768],
  ])(
    '%s (%i×%i): places by name, an appraisal and a training through the forms, the list changes',
    async (name, width, height) => {
      errors.length = 0;
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      watchForScriptErrors(page, errors, { all: true });
      const shot = (step: string) => page.screenshot({ path: join(SHOTS, `${name}-${step}.png`), fullPage: true });
      try {
        await login(page, info.portal, 'ca-caseworker', district, 'case-work');
        await page.locator('header nav a', { hasText: '儿童工作队伍' }).click();
        await page.locator('main h2', { hasText: '儿童工作队伍' }).waitFor();
        await page.getByTestId('workforce-total').waitFor();
        await page.getByTestId('person-row').first().waitFor();

        // The areas: the district's townships with ledger children, by name; the total as the database counts it.
        const before = await coverage(district);
        const townships = new Set(before.flagged.map((v) => v.slice(0, 9)));
        const rows = page.getByTestId('workforce-row');
        const [{ n }] = await sql<{ n: number }>(
          `SELECT count(DISTINCT left(residence_region, 9))::int AS n FROM child_record WHERE residence_region LIKE $1 AND length(residence_region) = 12`,
          [`${district}%`],
        );
        expect(await rows.count()).toBe(n);
        expect(townships.size).toBeGreaterThan(0);
        const pct = (c: number, of: number) => `${Math.round((100 * c) / of)}%（${c}/${of}）`;
        await waitForText(page, 'workforce-total', new RegExp(pct(before.covered, before.villages).replace(/[()（）]/g, '.')));
        // Every place by name once the names have come: no code, no "…".
        await page.locator('main', { hasNotText: '…' }).waitFor();
        const main = await page.locator('main').innerText();
        expect(main).not.toMatch(REGION_CODE);
        for (const cell of await rows.locator('td[data-label=区划]').allInnerTexts()) expect(cell).toMatch(/^\p{Script=Han}[^\d]*$/u);
        const flagged = page.getByTestId('untrained-village');
        expect(await flagged.count()).toBe(before.flagged.length);
        for (const v of await flagged.allInnerTexts()) expect(v).toMatch(/^⚠ \p{Script=Han}[^\d]*$/u);
        expect(await fits(page)).toBe(true);
        await shot('1-opened');

        // The director of a flagged village, found through 只看未经培训合格的人员.
        const director = (await untrainedDirectors(district))[0];
        await page.locator('input[name=untrainedOnly]').check();
        await page.locator('[data-testid=person-row] .warn-tag').first().waitFor();
        await page.locator('[data-testid=person-row]:not(:has(.warn-tag))').first().waitFor({ state: 'detached' });
        const row = await rowOf(page, director.id);
        expect(await row.innerText()).toContain(director.name);
        expect(await row.innerText()).toContain('未培训');

        // An appraisal: the row shows it.
        await row.getByRole('button', { name: '登记考核' }).click();
        const appraisal = page.getByTestId('appraisal-form');
        // The form opens where the user looks, however far down the row was.
        expect(
          await appraisal.evaluate(
            (el) =>
              el.getBoundingClientRect().top >= 0 &&
              el.getBoundingClientRect().top < (globalThis as unknown as { innerHeight: number }).innerHeight,
          ),
        ).toBe(true);
        await appraisal.locator('select[name=result]').selectOption('EXCELLENT');
        await appraisal.locator('input[name=score]').fill('95');
        await appraisal.locator('textarea[name=remarks]').fill('走访及时，台账规范');
        expect(await fits(page)).toBe(true);
        await shot('2-appraisal-form');
        await appraisal.getByRole('button', { name: '保存' }).click();
        await waitForText(page, 'workforce-saved', `已登记考核：${director.name} · ${year()} 年度 优秀`);
        await row
          .getByTestId('latest-appraisal')
          .filter({ hasText: `${year()} 年度 优秀（95 分）` })
          .waitFor();
        const [saved] = await sql<{ result: string; score: string; recorded_by: string; request_key: string }>(
          `SELECT result, score::text, recorded_by, request_key::text FROM appraisal WHERE person_id = $1 AND period = $2`,
          [director.id, year()],
        );
        expect(saved).toMatchObject({ result: 'EXCELLENT', score: '95.0', recorded_by: `demo:ca-caseworker:${district}` });
        expect(saved.request_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

        // A second appraisal for the same year is refused, in Chinese, and nothing is written.
        await row.getByRole('button', { name: '登记考核' }).click();
        await page.getByTestId('appraisal-form').locator('select[name=result]').selectOption('PASS');
        await page.getByTestId('appraisal-form').getByRole('button', { name: '保存' }).click();
        await waitForText(page, 'form-error', /已有考核结果（优秀），同一考核期间只登记一次/);
        expect(await fits(page)).toBe(true);
        await shot('3-appraisal-conflict');
        await page.getByTestId('appraisal-form').getByRole('button', { name: '取消' }).click();
        expect(await sql(`SELECT 1 FROM appraisal WHERE person_id = $1`, [director.id])).toHaveLength(1);

        // A training passed: the director leaves the untrained list and the village the flagged ones.
        await row.getByRole('button', { name: '登记培训' }).click();
        const training = page.getByTestId('training-form');
        await training.locator('input[name=course]').fill('儿童主任岗前培训');
        await training.locator('input[name=hours]').fill('16');
        await training.getByRole('button', { name: '保存' }).click();
        await waitForText(
          page,
          'workforce-saved',
          new RegExp(`已登记培训：${director.name} · \\d{4}-\\d{2}-\\d{2} 儿童主任岗前培训（合格）`),
        );
        await row.waitFor({ state: 'detached' });
        await page.locator(`[data-testid=untrained-village][data-region="${director.village_code}"]`).waitFor({ state: 'detached' });
        const after = await coverage(district);
        expect(after.covered).toBe(before.covered + 1);
        expect(await flagged.count()).toBe(after.flagged.length);
        await waitForText(page, 'workforce-total', new RegExp(pct(after.covered, after.villages).replace(/[()（）]/g, '.')));
        const trainings = await sql<{ course: string; hours: string; passed: boolean }>(
          `SELECT course, hours::text, passed FROM training_event WHERE person_id = $1`,
          [director.id],
        );
        expect(trainings).toEqual([{ course: '儿童主任岗前培训', hours: '16.0', passed: true }]);

        // In the whole list the director now reads trained, with the training and the appraisal.
        await page.locator('input[name=untrainedOnly]').uncheck();
        await page.locator('[data-testid=person-row]:not(:has(.warn-tag))').first().waitFor();
        await (
          await rowOf(page, director.id)
        )
          .getByTestId('last-training')
          .filter({ hasText: '儿童主任岗前培训（16 学时，合格）' })
          .waitFor();
        expect(await row.innerText()).not.toContain('未培训');
        expect(await fits(page)).toBe(true);
        await shot('4-recorded');

        // The coverage table as a spreadsheet: one line per area and the total, places by name.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workforce-export').click()]);
        const file = join(SHOTS, `${name}-coverage.xlsx`);
        await download.saveAs(file);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        const ws = wb.getWorksheet('培训覆盖')!;
        expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['区划', '有台账儿童的村（社区）', '其中有经培训合格儿童主任']);
        expect(ws.rowCount).toBe(n + 2);
        const last = ws.getRow(ws.rowCount).values as unknown[];
        expect(last.slice(1, 4)).toEqual(['合计', after.villages, after.covered]);
        ws.eachRow((r, i) => {
          if (i > 1) expect(String(r.getCell(1).value)).not.toMatch(REGION_CODE);
        });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );

  it('a child director sees their own village and no forms (the page records nothing for them)', async () => {
    const [{ village }] = await sql<{ village: string }>(
      `SELECT village_code AS village FROM child_director WHERE village_code LIKE $1 ORDER BY village_code LIMIT 1`,
      [`${district}%`],
    );
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    errors.length = 0;
    watchForScriptErrors(page, errors, { all: true });
    try {
      await login(page, info.portal, 'child-director', village, 'case-work');
      await page.locator('header nav a', { hasText: '儿童工作队伍' }).click();
      await page.getByTestId('person-row').first().waitFor();
      expect(await page.getByTestId('person-row').count()).toBe(1);
      expect(await page.getByRole('button', { name: '登记培训' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '登记考核' }).count()).toBe(0);
      await page.locator('main', { hasNotText: '…' }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(REGION_CODE);
      expect(await fits(page)).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'child-director.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
