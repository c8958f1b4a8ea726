#!/usr/bin/env node
// A village child director's entry path on a slow phone line, in Debian's Chromium at 390×844: the login page, the
// login, and a child's page with its entry forms, over an emulated 1.6 Mbps / 150 ms link (Chrome DevTools network
// conditions). Prints the bytes transferred (compressed, as on the wire) and the time until each step is usable.
//
//   npm run bench:phone -- [--children 2000] [--data-dir DIR] [--port 24500] [--runs 3]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { benchHeaders, startHub, stopHub } from './hub.mjs';

const { values: opts } = parseArgs({
  options: {
    children: { type: 'string', default: '2000' },
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '24500' },
    runs: { type: 'string', default: '3' },
  },
});
const port = Number(opts.port);
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-phone-'));
const LINK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

const { child: hub, ready } = await startHub({ dataDir, port, pgPort: port + 99, args: ['--children', opts.children] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  // A child of the ledger and its village, found as a city supervisor would.
  const headers = benchHeaders(dataDir);
  const res = await fetch(ready.gateway, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: '{ roster(first: 50) { nodes { id welfare { residenceRegion } } } }' }),
  });
  const child = (await res.json()).data.roster.nodes.find((n) => n.welfare?.residenceRegion?.length === 12);
  const village = child.welfare.residenceRegion;

  const runs = [];
  for (let i = 0; i < Number(opts.runs); i++) {
    // A fresh context each run: nothing cached, as on a phone opening the hub for the first time.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LINK);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    const t0 = Date.now();
    await page.goto(`${ready.portal}/dashboard/#/workbench`);
    await page.locator('select[name=role] option[value="child-director"]').waitFor({ state: 'attached' });
    const login = { ms: Date.now() - t0, kb: Math.round(bytes / 1024) };
    await page.selectOption('select[name=role]', 'child-director');
    for (const level of [2, 4, 6, 9, 12]) {
      const select = page.locator(`select[name="jurisdiction-${level}"]`);
      if (!(await select.count())) continue;
      await select.locator(`option[value="${village.slice(0, level)}"]`).waitFor({ state: 'attached' });
      await select.selectOption(village.slice(0, level));
    }
    await page.selectOption('select[name=purpose]', 'case-work');
    const t1 = Date.now();
    const b1 = bytes;
    await page.click('button[type=submit]');
    await page.getByTestId('user').waitFor();
    await page.locator('main h2').first().waitFor();
    const workbench = { ms: Date.now() - t1, kb: Math.round((bytes - b1) / 1024) };
    const t2 = Date.now();
    const b2 = bytes;
    await page.goto(`${ready.portal}/dashboard/#/child/${encodeURIComponent(child.id)}`);
    await page.getByTestId('visits').locator('table, p').first().waitFor({ timeout: 60_000 });
    const childPage = { ms: Date.now() - t2, kb: Math.round((bytes - b2) / 1024) };
    runs.push({ login, workbench, childPage, totalKb: Math.round(bytes / 1024) });
    console.log(JSON.stringify(runs.at(-1)));
    await context.close();
  }
  const median = (f) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  console.log(
    JSON.stringify(
      {
        bench: 'child director entry path on 1.6 Mbps / 150 ms, 390×844',
        runs: runs.length,
        median: {
          loginPageMs: median((r) => r.login.ms),
          loginPageKb: median((r) => r.login.kb),
          workbenchMs: median((r) => r.workbench.ms),
          childPageMs: median((r) => r.childPage.ms),
          totalKb: median((r) => r.totalKb),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await stopHub(hub);
}
