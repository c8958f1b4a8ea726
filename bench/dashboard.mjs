#!/usr/bin/env node
// Dashboard first render (overview and findings pages, first render ≤ 2 s on a 1,000,000-child
// population): starts the hub on an existing data folder (seed it first: `hub seed`, and run `hub reconcile`
// so there are findings), logs in through the dashboard's own login page in Debian's Chromium, and times a
// full page load (the app loaded from scratch, logged in) until each page shows its numbers.
//
//   npm run bench:dashboard -- --data-dir DIR [--port 24900] [--runs 5] [--chromium /usr/bin/chromium]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startHub, stopHub } from './hub.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const { values: opts } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '24900' },
    runs: { type: 'string', default: '5' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!opts['data-dir'] || !existsSync(opts['data-dir'])) throw new Error('--data-dir: an existing hub data folder (seeded, reconciled)');
const port = Number(opts.port);
const runs = Number(opts.runs);

/** Who looks: the city's supervisor (5001: the most data behind every number) and one district's caseworker. */
const USERS = [
  { role: 'ca-supervisor', jurisdiction: '5001', purpose: 'case-work' },
  { role: 'ca-caseworker', jurisdiction: '500110', purpose: 'case-work' },
];
const PAGES = [
  // The overview is there when its counts and its first chart are.
  {
    page: 'overview',
    ready: async (p) => {
      await p.getByTestId('total-children').waitFor();
      await p.getByTestId('open-findings').waitFor();
      await p.locator('canvas').first().waitFor();
    },
  },
  // The work-list is there when its total and its first row are.
  {
    page: 'findings',
    ready: async (p) => {
      await p.getByTestId('findings-total').waitFor();
      await p.locator('table.table tbody tr').first().waitFor();
    },
  },
];

const { child: hub, ready } = await startHub({ dataDir: opts['data-dir'], port, pgPort: port + 99 });
const base = ready.portal;
const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const results = [];
try {
  for (const user of USERS) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/dashboard/#/overview`);
    await page.locator('select[name=role] option[value="ca-caseworker"]').waitFor({ state: 'attached' });
    await page.selectOption('select[name=role]', user.role);
    // The jurisdiction is picked by place name, level by level (as tests/helpers/dashboard.ts does).
    for (const level of [2, 4, 6, 9, 12]) {
      if (level > user.jurisdiction.length) break;
      const select = page.locator(`select[name="jurisdiction-${level}"]`);
      if (!(await select.count())) continue;
      await select.locator(`option[value="${user.jurisdiction.slice(0, level)}"]`).waitFor({ state: 'attached' });
      await select.selectOption(user.jurisdiction.slice(0, level));
    }
    await page.selectOption('select[name=purpose]', user.purpose);
    await page.click('button[type=submit]');
    await page.getByTestId('user').waitFor();
    for (const { page: name, ready: isReady } of PAGES) {
      const times = [];
      for (let i = 0; i <= runs; i++) {
        await page.goto('about:blank');
        const started = performance.now();
        await page.goto(`${base}/dashboard/#/${name}`);
        await isReady(page);
        // The first load warms the planner and caches; it is not counted.
        if (i > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results.push({
        user: `${user.role} ${user.jurisdiction}`,
        page: name,
        runs,
        medianMs: Math.round(times[Math.floor(times.length / 2)]),
        maxMs: Math.round(times.at(-1)),
      });
    }
    await page.close();
  }
} finally {
  await browser.close();
  await stopHub(hub);
}
console.log(
  JSON.stringify({ bench: 'dashboard first render (full page load until the numbers show)', dataDir: opts['data-dir'], results }, null, 2),
);
