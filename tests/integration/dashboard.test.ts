import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { reconcile } from '@hub/jobs';
import { createLogger } from '@hub/shared';
import { hubInfo, RECONCILIATION, ROOT, TEST_POPULATION } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * The civil-affairs dashboard in a real browser (Debian's Chromium, driven by playwright-core) against the
 * test hub: a district caseworker logs in, sees the counts of their district only, works a finding and sees
 * the count change; a township supervisor without the identity scope sees a masked ID number. Screenshots
 * of each page go to test-artifacts/dashboard/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;
if (!haveBrowser) console.warn(`dashboard tests skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);

process.env.LOG_LEVEL = 'silent';
const info = hubInfo();
const base = info.gateway.replace(/\/graphql$/, '');
const SHOTS = join(ROOT, 'test-artifacts', 'dashboard');
const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_civil_affairs` });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function login(page: Page, role: string, jurisdiction: string, purpose: string): Promise<void> {
  await page.goto(`${base}/dashboard/#/overview`);
  // Already logged in (same tab): log out through the app.
  if (await page.getByTestId('user').isVisible()) await page.getByRole('button', { name: '退出' }).click();
  await page.locator('select[name=role] option[value="ca-caseworker"]').waitFor({ state: 'attached' });
  await page.selectOption('select[name=role]', role);
  await page.fill('input[name=jurisdiction]', jurisdiction);
  await page.selectOption('select[name=purpose]', purpose);
  await page.click('button[type=submit]');
  await page.getByTestId('user').waitFor();
}

maybe('dashboard in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const district = '500110';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await sql('TRUNCATE finding, reconciliation_page, reconciliation_run');
    await reconcile({
      gateway: info.gateway,
      token: RECONCILIATION().authorization.replace('Bearer ', ''),
      logger: createLogger('dashboard-test'),
      asOf: TEST_POPULATION.asOf,
      region: TEST_POPULATION.region,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sql('TRUNCATE finding, reconciliation_page, reconciliation_run');
  });

  it('a district caseworker logs in and sees the counts of that district only', async () => {
    await login(page, 'ca-caseworker', district, 'case-work');
    await page.getByTestId('total-children').waitFor();
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const mine = ledger.filter((r) => String(r.residence_region).startsWith(district) || String(r.hukou_region ?? '').startsWith(district)).length;
    expect(await page.getByTestId('total-children').textContent()).toBe(String(mine));
    const open = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE region LIKE $1 AND status IN ('OPEN', 'IN_PROGRESS')`, [`${district}%`]))[0].n;
    expect(open).toBeGreaterThan(0);
    expect(await page.getByTestId('open-findings').textContent()).toBe(String(open));
    await expect(page.getByTestId('last-run').textContent()).resolves.toContain('已完成');
    await page.locator('canvas').first().waitFor();
    // The trend of the runs so far (one completed run here).
    await page.getByRole('img', { name: '近期核查的发现、新增与办结' }).waitFor();
    await page.screenshot({ path: join(SHOTS, '01-overview.png'), fullPage: true });
  });

  it('opens a finding with its evidence, resolves it with a note, and the count changes', async () => {
    await page.click('a[href="#/findings"]');
    const total = page.getByTestId('findings-total');
    await page.locator('table.table tbody tr').first().waitFor();
    const before = Number((await total.textContent())!.replace(/\D/g, ''));
    const open = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE region LIKE $1 AND status = 'OPEN'`, [`${district}%`]))[0].n;
    expect(before).toBe(open);
    await page.locator('table.table tbody tr').first().click();
    const detail = page.getByTestId('finding-detail');
    await detail.waitFor();
    expect(await detail.locator('li .tag').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '02-finding.png'), fullPage: true });
    // Assign it first (audited like every change), then resolve it.
    await page.fill('input[name=assignee]', '李娜（渝北区民政局）');
    await page.getByRole('button', { name: '指派' }).click();
    await page.getByRole('status').waitFor();
    expect((await sql<{ assignee: string }>(`SELECT assignee FROM finding WHERE assignee IS NOT NULL`)).map((r) => r.assignee)).toEqual(['李娜（渝北区民政局）']);
    await page.locator('table.table tbody tr').first().click();
    await detail.waitFor();
    await page.fill('textarea[name=note]', '已上门核实，情况属实，已补办。');
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByRole('status').waitFor();
    await page.waitForFunction(`document.querySelector('[data-testid=findings-total]')?.textContent?.replace(/\\D/g, '') === '${before - 1}'`);
    const resolved = await sql<{ status: string; note: string }>(`SELECT status, note FROM finding WHERE status = 'RESOLVED' AND updated_by LIKE 'demo:ca-caseworker%'`);
    expect(resolved).toHaveLength(1);
    expect(resolved[0].note).toContain('已上门核实');
    await page.screenshot({ path: join(SHOTS, '03-resolved.png'), fullPage: true });
  });

  it('exports the filtered list to .xlsx, which reads back with the same rows', async () => {
    const total = (await sql<{ n: number }>('SELECT count(*)::int AS n FROM finding WHERE region LIKE $1', [`${district}%`]))[0].n;
    await page.selectOption('select[name=status]', '');
    await page.waitForFunction(`document.querySelector('[data-testid=findings-total]')?.textContent === '共 ${total} 条'`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = join(SHOTS, 'findings.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('问题线索')!;
    expect(ws.getRow(1).getCell(1).value).toBe('规则编号');
    expect(ws.rowCount - 1).toBe(total);
    const statuses = new Set<string>();
    ws.eachRow((row, n) => void (n > 1 && statuses.add(String(row.getCell(5).value))));
    expect(statuses.has('已解决')).toBe(true);
  });

  it('filters the work-list by risk colour and age on the server, as the database counts them', async () => {
    await page.click('a[href="#/findings"]');
    await page.selectOption('select[name=status]', '');
    // The colour and age band of one of the district's findings, so the filtered count is not zero.
    const [pick] = await sql<{ colour: string; age: number }>(
      `SELECT c.risk_colour AS colour, date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, c.date_of_birth))::int AS age
         FROM finding f JOIN child_record c ON c.id = f.child_id WHERE f.region LIKE $1 ORDER BY f.rule, f.child_id LIMIT 1`,
      [`${district}%`],
    );
    const band = ([[0, 5], [6, 15], [16, 17], [18, 30]] as const).find(([lo, hi]) => pick.age >= lo && pick.age <= hi)!;
    await page.selectOption('select[name=colour]', pick.colour);
    await page.selectOption('select[name=ages]', `${band[0]}-${band[1]}`);
    const want = (
      await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM finding f JOIN child_record c ON c.id = f.child_id
          WHERE f.region LIKE $1 AND c.risk_colour = $2
            AND date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, c.date_of_birth)) BETWEEN $3 AND $4`,
        [`${district}%`, pick.colour, band[0], band[1]],
      )
    )[0].n;
    expect(want).toBeGreaterThan(0);
    await page.waitForFunction(`document.querySelector('[data-testid=findings-total]')?.textContent === '共 ${want} 条'`);
    await page.selectOption('select[name=colour]', '');
    await page.selectOption('select[name=ages]', '');
  });

  it('突发事件: the children of the chosen townships by risk colour, as the database has them', async () => {
    await page.click('a[href="#/emergency"]');
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const township = String(ledger.find((r) => String(r.residence_region).startsWith(district))!.residence_region).slice(0, 9);
    await page.fill('input[name=codes]', township);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('emergency-total').waitFor();
    const want = ledger.filter(
      (r) => (String(r.residence_region).startsWith(township) || String(r.hukou_region ?? '').startsWith(township)) && ['RED', 'YELLOW'].includes(String(r.risk_colour)),
    ).length;
    expect(await page.getByTestId('emergency-total').textContent()).toBe(`共 ${want} 名儿童`);
    await page.screenshot({ path: join(SHOTS, '05-emergency.png'), fullPage: true });
  });

  it('流动儿童核验 and 走访情况: the migrant ledger and the visit checks of the district, live', async () => {
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const inDistrict = (r: Record<string, unknown>) => String(r.residence_region).startsWith(district) || String(r.hukou_region ?? '').startsWith(district);
    await page.click('a[href="#/migrants"]');
    const migrants = ledger.filter((r) => inDistrict(r) && (r.categories as string[]).includes('MIGRANT')).length;
    await page.waitForFunction(`document.querySelector('[data-testid=checklist-total]')?.textContent?.startsWith('共 ${migrants} 名')`);
    if (migrants > 0) expect(await page.locator('table.table tbody tr').first().textContent()).toMatch(/身份信息不一致|不符合流动儿童口径/);
    await page.screenshot({ path: join(SHOTS, '07-migrants.png'), fullPage: true });
    await page.click('a[href="#/visits"]');
    await page.waitForFunction(`document.querySelector('[data-testid=checklist-total]')?.textContent?.startsWith('共 ${ledger.filter(inDistrict).length} 名')`);
    expect(await page.locator('table.table tbody tr').first().textContent()).toContain('走访逾期');
    await page.screenshot({ path: join(SHOTS, '08-visits.png'), fullPage: true });
  });

  it('run control: a city supervisor starts a reconciliation from the page and watches it finish', async () => {
    await login(page, 'ca-supervisor', '5001', 'reconciliation');
    await page.click('a[href="#/runs"]');
    await page.getByTestId('runs').waitFor();
    const before = await page.locator('[data-testid=runs] tbody tr').count();
    await page.getByRole('button', { name: /发起核查/ }).click();
    await page.getByRole('status').waitFor();
    await page.waitForFunction(`document.querySelectorAll('[data-testid=runs] tbody tr').length === ${before + 1}`);
    await page.waitForFunction(`document.querySelector('[data-testid=runs] tbody tr td:nth-child(3)')?.textContent?.startsWith('已完成')`, undefined, { timeout: 60_000 });
    const runs = await sql<{ region: string; status: string; started_by: string }>('SELECT region, status, started_by FROM reconciliation_run ORDER BY started_at DESC LIMIT 1');
    expect(runs[0]).toEqual({ region: '5001', status: 'COMPLETED', started_by: 'demo:ca-supervisor:5001' });
    await page.screenshot({ path: join(SHOTS, '06-runs.png'), fullPage: true });
  }, 120_000);

  it('a township supervisor without the identity scope sees the child’s ID number masked, not an error', async () => {
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const child = ledger.find((r) => String(r.residence_region).startsWith(district) && r.id_number)!;
    const township = String(child.residence_region).slice(0, 9);
    await login(page, 'township-supervisor', township, 'case-work');
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(String(child.id))}`);
    const id = page.getByTestId('welfare-id-number');
    await id.waitFor();
    const shown = (await id.textContent())!;
    expect(shown).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(shown).not.toBe(child.id_number);
    await page.screenshot({ path: join(SHOTS, '04-child-profile.png'), fullPage: true });
  });

  it('every demo role lands on a usable overview, at 1366×768 and on a tablet, without sideways scrolling', async () => {
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const village = String(ledger.find((r) => String(r.residence_region).startsWith(district))!.residence_region);
    const users: [string, string, string][] = [
      ['ca-caseworker', district, 'case-work'],
      ['ca-supervisor', '5001', 'case-work'],
      ['township-supervisor', village.slice(0, 9), 'case-work'],
      ['child-director', village, 'case-work'],
      ['mi-clerk', district, 'benefit-verification'],
    ];
    for (const [role, jurisdiction, purpose] of users) {
      for (const [w, h, tag] of [[1366, 768, 'desktop'], [820, 1180, 'tablet']] as const) {
        await page.setViewportSize({ width: w, height: h });
        await login(page, role, jurisdiction, purpose);
        // Either the numbers, or a plain-Chinese message saying what this role may not see: never a blank or a crash.
        await page.waitForFunction(`!!document.querySelector('[data-testid=total-children]') || !!document.querySelector('main .error')`);
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect({ role, tag, overflow }).toEqual({ role, tag, overflow: 0 });
        await page.screenshot({ path: join(SHOTS, `role-${role}-${tag}.png`), fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 120_000);
});

