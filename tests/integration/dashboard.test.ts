import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { reconcile } from '@hub/jobs';
import { AGENCIES, agencyEnvKey } from '@hub/domain';
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, hubInfo, quietLogger, RECONCILIATION, ROOT, subgraphUrl, TEST_POPULATION } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';
import { login as loginAt, pickRegion, waitForText, watchForScriptErrors as watch } from '../helpers/dashboard';

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

const info = hubInfo();
const base = info.portal;
const SHOTS = join(ROOT, 'test-artifacts', 'dashboard');
const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as {
  postgresPassword: string;
  databaseRoles: Record<string, string>;
};

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({
    connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_civil_affairs`,
  });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const login = (page: Page, role: string, jurisdiction: string, purpose: string, at = base) =>
  loginAt(page, at, role, jurisdiction, purpose);

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
      logger: quietLogger(),
      asOf: TEST_POPULATION.asOf,
      region: TEST_POPULATION.region,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    watchForScriptErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sql('TRUNCATE finding, reconciliation_page, reconciliation_run');
  });

  it('a district caseworker logs in and sees the counts of that district only', async () => {
    await login(page, 'ca-caseworker', district, 'case-work');
    // Staff with case tasks land on 工作台; the overview is one click away.
    await page.locator('main h2', { hasText: '工作台' }).waitFor();
    await page.click('a[href="#/overview"]');
    await page.getByTestId('total-children').waitFor();
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const mine = ledger.filter(
      (r) => String(r.residence_region).startsWith(district) || String(r.hukou_region ?? '').startsWith(district),
    ).length;
    expect(await page.getByTestId('total-children').textContent()).toBe(String(mine));
    const open = (
      await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE region LIKE $1 AND status IN ('OPEN', 'IN_PROGRESS')`, [
        `${district}%`,
      ])
    )[0].n;
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
    const open = (
      await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE region LIKE $1 AND status = 'OPEN'`, [`${district}%`])
    )[0].n;
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
    expect((await sql<{ assignee: string }>(`SELECT assignee FROM finding WHERE assignee IS NOT NULL`)).map((r) => r.assignee)).toEqual([
      '李娜（渝北区民政局）',
    ]);
    await page.locator('table.table tbody tr').first().click();
    await detail.waitFor();
    await page.fill('textarea[name=note]', '已上门核实，情况属实，已补办。');
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByRole('status').waitFor();
    await waitForText(page, 'findings-total', new RegExp(`^\\D*${before - 1}\\D*$`));
    const resolved = await sql<{ status: string; note: string }>(
      `SELECT status, note FROM finding WHERE status = 'RESOLVED' AND updated_by LIKE 'demo:ca-caseworker%'`,
    );
    expect(resolved).toHaveLength(1);
    expect(resolved[0].note).toContain('已上门核实');
    await page.screenshot({ path: join(SHOTS, '03-resolved.png'), fullPage: true });
  });

  it('exports the filtered list to .xlsx, which reads back with the same rows', async () => {
    const total = (await sql<{ n: number }>('SELECT count(*)::int AS n FROM finding WHERE region LIKE $1', [`${district}%`]))[0].n;
    await page.selectOption('select[name=status]', '');
    await waitForText(page, 'findings-total', `共 ${total} 条`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = join(SHOTS, 'findings.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('问题线索')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(header.slice(1, 8)).toEqual(['规则名称', '核查类别', '儿童姓名', '身份证号', '年龄', '所在村（社区）', '所在地']);
    expect(ws.rowCount - 1).toBe(total);
    const col = (name: string) => header.indexOf(name);
    const statuses = new Set<string>();
    ws.eachRow((row, n) => void (n > 1 && statuses.add(String(row.getCell(col('处理状态')).value))));
    expect(statuses.has('已解决')).toBe(true);
    // Who each child is, as the caseworker may see them (whole ID numbers: the role holds child:identity), where, and
    // which rule in Chinese — never the pseudonymous id or a region code.
    const rows = await sql<{ rule: string; name: string | null; id_number: string | null }>(
      `SELECT f.rule, c.name, c.id_number FROM finding f LEFT JOIN child_record c ON c.id = f.child_id WHERE f.region LIKE $1`,
      [`${district}%`],
    );
    const sheet: string[][] = [];
    ws.eachRow((row, n) => void (n > 1 && sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))));
    const ledgerNames = new Set(rows.map((r) => r.name).filter(Boolean));
    expect(sheet.filter((r) => ledgerNames.has(r[2])).length).toBeGreaterThanOrEqual(rows.filter((r) => r.name).length);
    const idNumbers = new Set(rows.map((r) => r.id_number).filter(Boolean));
    expect(sheet.filter((r) => idNumbers.has(r[3])).length).toBe(rows.filter((r) => r.id_number).length);
    for (const r of sheet) {
      expect(r[0]).not.toMatch(/[A-Z]{2,}-/);
      expect(r[6]).toMatch(/区|县/);
      expect(r.join(' ')).not.toMatch(/[A-Za-z0-9_-]{43}/);
    }
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
    const band = (
      [
        [0, 5],
        [6, 15],
        [16, 17],
        [18, 30],
      ] as const
    ).find(([lo, hi]) => pick.age >= lo && pick.age <= hi)!;
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
    await waitForText(page, 'findings-total', `共 ${want} 条`);
    await page.selectOption('select[name=colour]', '');
    await page.selectOption('select[name=ages]', '');
  });

  it('突发事件: the children of the chosen townships by risk colour, as the database has them', async () => {
    await page.click('a[href="#/emergency"]');
    // The page is its own chunk: pick only once it is there.
    await page.locator('main h2', { hasText: '突发事件应急查询' }).waitFor();
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const township = String(ledger.find((r) => String(r.residence_region).startsWith(district))!.residence_region).slice(0, 9);
    await pickRegion(page, 'emergency-region', township);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('emergency-total').waitFor();
    const want = ledger.filter(
      (r) =>
        (String(r.residence_region).startsWith(township) || String(r.hukou_region ?? '').startsWith(township)) &&
        ['RED', 'YELLOW'].includes(String(r.risk_colour)),
    ).length;
    expect(await page.getByTestId('emergency-total').textContent()).toBe(`共 ${want} 名儿童`);
    await page.screenshot({ path: join(SHOTS, '05-emergency.png'), fullPage: true });
  });

  it('流动儿童核验 and 走访情况: the migrant ledger and the visit checks of the district, live', async () => {
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const inDistrict = (r: Record<string, unknown>) =>
      String(r.residence_region).startsWith(district) || String(r.hukou_region ?? '').startsWith(district);
    await page.click('a[href="#/migrants"]');
    const migrants = ledger.filter((r) => inDistrict(r) && (r.categories as string[]).includes('MIGRANT')).length;
    await waitForText(page, 'checklist-total', new RegExp(`^共 ${migrants} 名`));
    if (migrants > 0) expect(await page.locator('table.table tbody tr').first().textContent()).toMatch(/身份信息不一致|不符合流动儿童口径/);
    await page.screenshot({ path: join(SHOTS, '07-migrants.png'), fullPage: true });
    await page.click('a[href="#/visits"]');
    await waitForText(page, 'checklist-total', new RegExp(`^共 ${ledger.filter(inDistrict).length} 名`));
    expect(await page.locator('table.table tbody tr').first().textContent()).toContain('走访逾期');
    await page.screenshot({ path: join(SHOTS, '08-visits.png'), fullPage: true });
  });

  it('一人一档 lists the child’s visits as the database has them, newest first, in Chinese', async () => {
    // The district's ledger child with the most visits, and one with none when the population has one.
    const [busy] = await sql<{ id: string; n: number }>(
      `SELECT c.id, count(v.id)::int AS n FROM child_record c JOIN visit v ON v.child_id = c.id
        WHERE c.residence_region LIKE $1 OR c.hukou_region LIKE $1 GROUP BY c.id ORDER BY n DESC, c.id LIMIT 1`,
      [`${district}%`],
    );
    expect(busy.n).toBeGreaterThan(1);
    const want = await sql<{ visited_on: string; method: string; visitor_role: string }>(
      `SELECT to_char(visited_on, 'YYYY-MM-DD') AS visited_on, method, visitor_role FROM visit WHERE child_id = $1 ORDER BY visited_on DESC, id DESC`,
      [busy.id],
    );
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(busy.id)}`);
    const visits = page.getByTestId('visits');
    await visits.locator('tbody tr').first().waitFor();
    expect(await visits.locator('h3').textContent()).toBe(`走访记录（共 ${busy.n} 次）`);
    // The newest eight show at once; the rest behind 显示全部 (a long history does not push the checks off the page).
    expect(await visits.locator('tbody tr').count()).toBe(Math.min(busy.n, 8));
    if (busy.n > 8) await visits.getByRole('button', { name: `显示全部 ${busy.n} 次走访` }).click();
    await visits
      .locator('tbody tr')
      .nth(busy.n - 1)
      .waitFor();
    const rows = await visits
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.firstChild?.textContent ?? '')));
    const METHOD: Record<string, string> = { HOME: '入户走访', PHONE: '电话访问', SCHOOL: '到校走访', VIDEO: '视频访问' };
    const ROLE: Record<string, string> = { DIRECTOR: '儿童主任', SUPERVISOR: '儿童督导员', CASEWORKER: '社会工作者' };
    expect(rows.map((r) => r.slice(0, 3))).toEqual(want.map((v) => [v.visited_on, METHOD[v.method], ROLE[v.visitor_role]]));
    await page.screenshot({ path: join(SHOTS, '09-child-visits.png'), fullPage: true });

    const [none] = await sql<{ id: string }>(
      `SELECT c.id FROM child_record c WHERE (c.residence_region LIKE $1 OR c.hukou_region LIKE $1)
          AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id) ORDER BY c.id LIMIT 1`,
      [`${district}%`],
    );
    if (none) {
      await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(none.id)}`);
      await waitForText(page, 'visits', '走访记录暂无走访记录');
    }
  });

  it('child categories read in Chinese in a finding’s evidence and in the profile, never as codes', async () => {
    const NAMES: Record<string, string> = {
      LEFT_BEHIND: '农村留守儿童',
      MIGRANT: '流动儿童',
      DIFFICULT_POVERTY: '困境儿童（贫困）',
      DIFFICULT_DISABILITY: '困境儿童（残疾）',
      DIFFICULT_ILLNESS: '困境儿童（重病）',
      DIFFICULT_GUARDIANSHIP: '困境儿童（监护）',
      ORPHAN: '孤儿',
      SCATTERED_ORPHAN: '散居孤儿',
      DE_FACTO_UNSUPPORTED: '事实无人抚养儿童',
      NO_HUKOU: '无户籍儿童',
    };
    const CODE = /[A-Z]{2,}(_[A-Z]+)*/;
    // A finding of the district citing a difficult-child category: the hub records the categories by name.
    const [f] = await sql<{ rule: string; child_id: string; value: string }>(
      `SELECT f.rule, f.child_id, e->>'value' AS value FROM finding f, jsonb_array_elements(f.evidence) e
        WHERE f.region LIKE $1 AND e->>'fact' = '儿童类别' AND e->>'value' LIKE '%困境儿童%'
        ORDER BY f.rule, f.child_id LIMIT 1`,
      [`${district}%`],
    );
    expect(f).toBeDefined();
    expect(f.value).not.toMatch(CODE);
    // Findings recorded before the names (codes) still read in Chinese: the page maps them too.
    const expected = `儿童类别：${f.value
      .split('、')
      .map((c) => NAMES[c] ?? c)
      .join('、')}`;
    expect(expected).not.toMatch(CODE);

    // The work-list, filtered to the finding's rule and the child's own region: its evidence in the detail.
    const [{ region }] = await sql<{ region: string }>('SELECT region FROM finding WHERE rule = $1 AND child_id = $2', [
      f.rule,
      f.child_id,
    ]);
    const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM finding WHERE rule = $1 AND region LIKE $2', [
      f.rule,
      `${region}%`,
    ]);
    await page.click('a[href="#/findings"]');
    await page.selectOption('select[name=status]', '');
    await page.selectOption('select[name=rule]', f.rule);
    await pickRegion(page, 'region', region);
    await waitForText(page, 'findings-total', `共 ${n} 条`);
    const [{ name }] = await sql<{ name: string }>('SELECT name FROM child_record WHERE id = $1', [f.child_id]);
    await page.locator('table.table tbody tr', { hasText: name }).first().click();
    const detail = page.getByTestId('finding-detail');
    await detail.waitFor();
    const lines = await detail.locator('li').allTextContents();
    expect(lines).toContain(`民政 ${expected}`);
    for (const line of lines) expect(line).not.toMatch(/(DIFFICULT|LEFT_BEHIND|MIGRANT|ORPHAN|DE_FACTO|NO_HUKOU)/);
    await page.screenshot({ path: join(SHOTS, '10-finding-evidence-zh.png'), fullPage: true });

    // The child's profile: the same rule flagged, with the same evidence line, and the categories in Chinese.
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(f.child_id)}`);
    const evidence = page.locator('ul.evidence li', { hasText: '儿童类别' }).first();
    await evidence.waitFor();
    expect(await evidence.textContent()).toBe(`民政 ${expected}`);
    const text = (await page.locator('main').textContent())!;
    // Nor any other code: supports, statuses, risk colours in reasons — the whole profile reads in Chinese.
    expect(text).not.toMatch(/[A-Z]{3,}/);
    await page.screenshot({ path: join(SHOTS, '11-profile-evidence-zh.png'), fullPage: true });
  });

  it('a role without welfare:read sees 无权限查看 for the record and the visits, not an error or “not found”', async () => {
    const ledger = expectedPopulation().rows['civil-affairs'].child_record;
    const child = ledger.find((r) => String(r.residence_region).startsWith(district))!;
    await login(page, 'health-worker', district, 'case-work');
    await page.goto(`${base}/dashboard/#/child/${encodeURIComponent(String(child.id))}`);
    await waitForText(page, 'visits', '走访记录无权限查看');
    expect(await page.getByTestId('welfare-denied').textContent()).toContain('无权限查看');
    expect(await page.locator('main').textContent()).not.toContain('不在您的辖区');
    await page.screenshot({ path: join(SHOTS, '12-profile-denied.png'), fullPage: true });
  });

  it('run control: a city supervisor starts a reconciliation from the page and watches it finish', async () => {
    await login(page, 'ca-supervisor', '5001', 'reconciliation');
    await page.click('a[href="#/runs"]');
    await page.getByTestId('runs').waitFor();
    const before = await page.locator('[data-testid=runs] tbody tr').count();
    await page.getByRole('button', { name: /发起核查/ }).click();
    await page.getByRole('status').waitFor();
    await page.locator('[data-testid=runs] tbody tr').nth(before).waitFor();
    await page.locator('[data-testid=runs] tbody tr:first-child td:nth-child(3)', { hasText: /^已完成/ }).waitFor({ timeout: 60_000 });
    const runs = await sql<{ region: string; status: string; started_by: string }>(
      'SELECT region, status, started_by FROM reconciliation_run ORDER BY started_at DESC LIMIT 1',
    );
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

  it('every demo role lands on a usable 工作台 and overview, at 1366×768, on a tablet and on a phone, without sideways scrolling', async () => {
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
      for (const [w, h, tag] of [
        [1366, 768, 'desktop'],
        [820, 1180, 'tablet'],
        [390, 844, 'phone'],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await login(page, role, jurisdiction, purpose);
        // The landing page: the inbox's counts, or a plain-Chinese message; never a blank or a crash.
        await page.locator('main h2', { hasText: '工作台' }).waitFor();
        await page.locator('[data-testid=alert-open], main .error').first().waitFor();
        const landing = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect({ role, tag, page: '工作台', overflow: landing }).toEqual({ role, tag, page: '工作台', overflow: 0 });
        await page.screenshot({ path: join(SHOTS, `role-${role}-${tag}-workbench.png`), fullPage: true });
        if (tag === 'phone') continue; // the overview's charts are for larger screens
        await page.click('a[href="#/overview"]');
        await page.locator('[data-testid=total-children], main .error').first().waitFor();
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect({ role, tag, overflow }).toEqual({ role, tag, overflow: 0 });
        await page.screenshot({ path: join(SHOTS, `role-${role}-${tag}.png`), fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 180_000);

  it('a role that may not read a page’s list is told so on every page, instead of a page that loads for ever', async () => {
    // Staff of the other agencies hold none of the scopes of the work-list, the checks or the runs.
    for (const [role, purpose] of [
      ['edu-registrar', 'enrolment-verification'],
      ['police-officer', 'public-safety'],
      ['health-worker', 'case-work'],
    ] as const) {
      await login(page, role, district, purpose);
      for (const route of ['findings', 'migrants', 'visits', 'runs']) {
        await page.goto(`${base}/dashboard/#/${route}`);
        const error = page.locator('main .error');
        await error.waitFor({ timeout: 10_000 });
        expect({ role, route, text: await error.textContent() }).toEqual({ role, route, text: '您的角色无权查看此页内容。' });
        expect(await page.getByText('加载中…').count()).toBe(0);
      }
      await page.goto(`${base}/dashboard/#/emergency`);
      await page.locator('main .error').waitFor({ timeout: 10_000 });
      expect(await page.locator('main .error').textContent()).toBe('您的角色无权查看此页内容。');
      // Nor does the menu offer these pages (only the case pages: 工作台, 收件箱 and, for reporters, 强制报告).
      const menu = await page.locator('header nav a').allTextContents();
      for (const title of ['总览', '问题线索', '流动儿童核验', '走访情况', '突发事件', '核查任务']) expect(menu).not.toContain(title);
    }
  });

  it('with one agency’s service down, a child’s profile shows everything else and says which agency is unavailable', async () => {
    // A second gateway process over the test hub's subgraphs, except the disabled persons' federation,
    // whose address answers nothing (a stopped service); the same keys and audit database; and a portal for it.
    // Three distinct ports: a "dead" address that happened to be the new gateway's own would loop the gateway into itself.
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [dead, port, portalPort] = [...ports];
    const keyFile = join(info.dataDir, 'jwt-signing-key.json');
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { publicJwk: unknown };
    const gateway = spawn(process.execPath, [join(ROOT, 'gateway', 'dist', 'index.js')], {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        GATEWAY_PORT: String(port),
        // As the hub's gateway connects: its own role, never the superuser.
        DATABASE_URL_GATEWAY: `postgres://hub_svc_gateway:${encodeURIComponent(secrets.databaseRoles.hub_svc_gateway)}@127.0.0.1:${info.pgPort}/hub_gateway`,
        HUB_JWT_PUBLIC_KEY: JSON.stringify(key.publicJwk),
        // The hub's gateway identity: the subgraphs answer _entities only to the gateway.
        HUB_GATEWAY_KEY_FILE: join(info.dataDir, 'gateway-identity-key.json'),
        ...Object.fromEntries(
          AGENCIES.map((a) => [
            `SUBGRAPH_URL_${agencyEnvKey(a)}`,
            a === 'disabled-persons' ? `http://127.0.0.1:${dead}/graphql` : subgraphUrl(info, a),
          ]),
        ),
      },
      stdio: 'ignore',
    });
    // Its portal, as `hub start` runs one (a process of its own: the demo login mints with the hub's key).
    const portal = spawn(process.execPath, [join(ROOT, 'portal', 'dist', 'index.js')], {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        PORTAL_PORT: String(portalPort),
        HUB_GATEWAY_URL: `http://127.0.0.1:${port}/graphql`,
        HUB_JWT_PUBLIC_KEY: JSON.stringify(key.publicJwk),
        HUB_DEV_SIGNING_KEY_FILE: keyFile,
      },
      stdio: 'ignore',
    });
    const at = `http://127.0.0.1:${portalPort}`;
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    watchForScriptErrors(other);
    try {
      for (let i = 0; ; i++) {
        if (
          // The portal is up and its gateway answers (degraded: one agency is down on purpose).
          (await fetch(`${at}/health`).then(
            async (r) => ((await r.json()) as { gateway?: string }).gateway === 'http 503',
            () => false,
          )) ||
          i > 100
        )
          break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await login(other, 'ca-caseworker', district, 'case-work', at);
      const [child] = await sql<{ id: string; name: string }>(
        `SELECT id, name FROM child_record WHERE residence_region LIKE $1 ORDER BY id LIMIT 1`,
        [`${district}%`],
      );
      await other.goto(`${at}/dashboard/#/child/${encodeURIComponent(child.id)}`);
      const unavailable = other.getByTestId('unavailable-disabilityCertificates');
      // If the page never says so, keep a picture of it. (Twice the test outlasted its time; the likely cause, a
      // portal given the "dead" port so that the gateway called the portal, which called the gateway, is ruled
      // out above. It was not proven.)
      await unavailable.waitFor({ timeout: 90_000 }).catch(async (err: unknown) => {
        await other.screenshot({ path: join(SHOTS, '14-profile-agency-down-FAILED.png'), fullPage: true });
        throw err;
      });
      expect(await unavailable.textContent()).toBe('残联数据暂不可用（部门服务未响应）');
      // The rest of the file is there: the ledger's name, and public security's household record.
      expect(await other.locator('section').first().textContent()).toContain(child.name);
      expect(await other.getByTestId('household-id-number').count()).toBe(1);
      await other.screenshot({ path: join(SHOTS, '14-profile-agency-down.png'), fullPage: true });
    } finally {
      await other.close();
      // Each is given 15 s to stop on SIGINT. One that does not is killed, and the test fails naming it: once (a
      // clean-clone run of 2026-12-03) the page had passed and the test still outlasted its time here, waiting.
      const hung = (await Promise.all([stopWithin(portal, 'portal'), stopWithin(gateway, 'gateway')])).filter(Boolean);
      expect(hung).toEqual([]);
    }
  }, 150_000);

  it('no page raised a script error or broke the Content-Security-Policy, on any page any test opened', () => {
    expect(scriptErrors).toEqual([]);
  });
});

/** Stops a process with SIGINT; if it has not exited within 15 s, kills it and returns its name. */
async function stopWithin(child: ChildProcess, name: string): Promise<string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return null;
  const exited = new Promise<true>((r) => child.once('exit', () => r(true)));
  child.kill('SIGINT');
  const inTime = await Promise.race([exited, new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
  if (inTime) return null;
  child.kill('SIGKILL');
  await exited;
  return `${name} did not stop within 15 s of SIGINT`;
}

/** Uncaught exceptions, and console messages about the Content-Security-Policy or failed loads, of every page. */
const scriptErrors: string[] = [];
const watchForScriptErrors = (p: Page) => watch(p, scriptErrors);
