import type { Page } from 'playwright-core';

/**
 * What the dashboard suites share: logging in through the page (the jurisdiction picked by name, level by level,
 * as a user does), picking a region in any of the page's region pickers, waiting for a text without eval (the
 * portal's Content-Security-Policy forbids it), and collecting every script error of a page.
 */

/** Picks `code` in the cascading region picker named `name`: one select per level, each waiting for its options. */
export async function pickRegion(page: Page, name: string, code: string): Promise<void> {
  for (const level of [2, 4, 6, 9, 12]) {
    if (level > code.length) break;
    const select = page.locator(`select[name="${name}-${level}"]`);
    if (!(await select.count())) continue; // above the picker's first level (the user's jurisdiction)
    await select.locator(`option[value="${code.slice(0, level)}"]`).waitFor({ state: 'attached' });
    await select.selectOption(code.slice(0, level));
  }
}

/** The demo login: role, jurisdiction (picked by name down to the role's level) and purpose. */
export async function login(page: Page, base: string, role: string, jurisdiction: string, purpose: string): Promise<void> {
  await page.goto(`${base}/dashboard/#/overview`);
  // Already logged in (same tab): log out through the app.
  if (await page.getByTestId('user').isVisible()) await page.getByRole('button', { name: '退出' }).click();
  await page.locator('select[name=role] option[value="ca-caseworker"]').waitFor({ state: 'attached' });
  await page.selectOption('select[name=role]', role);
  await pickRegion(page, 'jurisdiction', jurisdiction);
  await page.selectOption('select[name=purpose]', purpose);
  await page.click('button[type=submit]');
  await page.getByTestId('user').waitFor();
}

/**
 * Waits until the element with this test id reads exactly `text`, or matches the pattern. Locators, not
 * waitForFunction: the portal's Content-Security-Policy forbids the eval that waitForFunction needs.
 */
export async function waitForText(page: Page, testId: string, text: string | RegExp, timeout?: number): Promise<void> {
  const hasText = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await page.locator(`[data-testid=${testId}]`, { hasText }).waitFor({ timeout });
}

/**
 * Uncaught exceptions and console errors (the Content-Security-Policy's, failed loads) of every page watched.
 * `all`: every console error, not only those about the policy and missing files.
 */
export function watchForScriptErrors(p: Page, into: string[], opts: { all?: boolean } = {}): void {
  p.on('pageerror', (e) => into.push(`${p.url()}: ${e.message}`));
  p.on('console', (m) => {
    if (
      m.type() === 'error' &&
      (opts.all || /Content.Security.Policy|Refused to|Failed to load resource: the server responded with a status of 404/.test(m.text()))
    )
      into.push(`${p.url()}: ${m.text()}`);
  });
}
