import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { CLI, freePort, ROOT, startHubProcess, type HubInfo } from '../helpers/hub';
import { waitForText } from '../helpers/dashboard';

/**
 * Production login: a hub in production mode configured against a real OpenID Connect provider (panva's
 * oidc-provider, run by the test on this machine). A caseworker logs in in Chromium through the provider's
 * own login and consent pages (authorization code + PKCE) and lands on 工作台, then the overview, with the role and
 * jurisdiction the provider's token carries; the dev login is refused, and a token of the hub's own key
 * no longer opens the graph.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const maybe = haveBrowser ? describe : describe.skip;

// The provider must know the dashboard's address (its redirect URI) and the hub the provider's: both ports are
// picked free before either starts.
let OIDC_PORT = 0;
let PORTAL_PORT = 0;
let PG_PORT = 0;
let ISSUER = '';
let base = '';
const SHOTS = join(ROOT, 'test-artifacts', 'dashboard');
const district = '500110';

function startProvider(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'tests', 'helpers', 'oidc-provider.mjs')], {
    env: { ...process.env, OIDC_PORT: String(OIDC_PORT), DASHBOARD_ORIGIN: base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OIDC_READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`OIDC provider exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

maybe('production login through an OIDC provider', () => {
  let provider: ChildProcess | undefined;
  let hub: { child: ChildProcess; info: HubInfo } | undefined;
  let browser: Browser | undefined;

  async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const secrets = JSON.parse(readFileSync(join(hub!.info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
    const c = new Client({
      connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${PG_PORT}/hub_civil_affairs`,
    });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [OIDC_PORT, PORTAL_PORT, PG_PORT] = [await freePort(), await freePort(), await freePort()];
    ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
    base = `http://127.0.0.1:${PORTAL_PORT}`;
    provider = await startProvider();
    // A smaller population than the shared hub's: this suite is about logging in, not about the data.
    hub = await startHubProcess({
      portalPort: PORTAL_PORT,
      pgPort: PG_PORT,
      children: 200,
      extraEnv: { HUB_ENV: 'production', HUB_OIDC_ISSUER: ISSUER, HUB_OIDC_CLIENT_ID: 'hub-dashboard', HUB_RECONCILE_CRON: 'off' },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stop(hub?.child, 'SIGINT');
    await stop(provider, 'SIGTERM');
    if (hub) rmSync(hub.info.dataDir, { recursive: true, force: true });
  }, 60_000);

  it('the gateway tells the dashboard to log in at the provider, and has no dev login', async () => {
    const config = (await (await fetch(`${base}/auth/config`)).json()) as Record<string, unknown>;
    expect(config).toEqual({
      mode: 'oidc',
      issuer: ISSUER,
      clientId: 'hub-dashboard',
      scopes: expect.stringMatching(/^openid .*child:basic/),
    });
    const dev = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'ca-caseworker', jurisdiction: district }),
    });
    expect(dev.status).toBe(404);
    const body = (await dev.json()) as Record<string, unknown>;
    expect(body.token).toBeUndefined();
    expect(body.message).toContain('统一身份认证');
    expect(((await (await fetch(`${base}/auth/demo-users`)).json()) as { devLogin: boolean }).devLogin).toBe(false);
    // A token of the hub's own key (the embedded default's) opens nothing here: only the provider's are trusted.
    const own = execFileSync(
      process.execPath,
      [CLI, 'token', '--role', 'ca-caseworker', '--jurisdiction', district, '--data-dir', hub!.info.dataDir],
      { encoding: 'utf8' },
    ).trim();
    const res = await fetch(hub!.info.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${own}`, 'x-purpose': 'case-work' },
      body: JSON.stringify({ query: '{ roster(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBe(401);
  });

  it('a caseworker logs in through the provider’s own pages (code + PKCE) lands on 工作台 and opens the overview of their district', async () => {
    const page = await browser!.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.goto(`${base}/dashboard/`);
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    // The provider's login page, on the provider's origin, with the PKCE challenge in the request.
    await page.waitForURL((u) => u.origin === ISSUER);
    await page.locator('input[name=login]').fill('wangfang');
    await page.locator('input[name=password]').fill('any password');
    await page.screenshot({ path: join(SHOTS, 'oidc-01-provider-login.png') });
    await page.locator('button[type=submit]').click();
    // Its consent page, then back to the dashboard with a code.
    await page.locator('input[name=prompt][value=consent]').waitFor({ state: 'attached' });
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.origin === base);
    // The jurisdiction by name (綦江区), once the name has arrived.
    await waitForText(page, 'oidc-identity', '区县民政儿童福利工作人员 · 辖区 綦江区');
    expect(page.url()).not.toContain('code=');
    await page.selectOption('select[name=purpose]', 'case-work');
    await page.getByRole('button', { name: '进入工作台' }).click();
    await waitForText(page, 'user', '区县民政儿童福利工作人员 · 辖区 綦江区 · 用途 个案工作');
    // A caseworker lands on 工作台 (case tasks); the overview is one click away.
    await page.locator('main h2', { hasText: '工作台' }).waitFor();
    await page.click('a[href="#/overview"]');
    await page.getByTestId('total-children').waitFor();
    const [{ n }] = await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM child_record WHERE residence_region LIKE $1 OR hukou_region LIKE $1',
      [`${district}%`],
    );
    expect(n).toBeGreaterThan(0);
    expect(await page.getByTestId('total-children').textContent()).toBe(String(n));
    await page.screenshot({ path: join(SHOTS, 'oidc-02-overview.png'), fullPage: true });

    // The token in use is the provider's, with only the scopes of the user's role.
    const session = JSON.parse((await page.evaluate(`sessionStorage.getItem('hub.session')`)) as string) as { token: string; mode: string };
    expect(session.mode).toBe('oidc');
    const [header, payload] = session.token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header.typ).toBe('at+jwt');
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: 'child-welfare-hub',
      sub: 'wangfang',
      roles: ['ca-caseworker'],
      jurisdiction: [district],
    });
    expect(String(payload.scope).split(' ')).toContain('welfare:write');
    expect(String(payload.scope).split(' ')).not.toContain('crosscheck:run');

    // Logging out leaves nothing of the login in the tab.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  }, 120_000);
});
