import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHubProcess } from './hub';

/**
 * One hub for all integration suites: started exactly as `npm start` does, every service on a free port (the
 * PostgreSQL port is picked free too). Its ready line goes to a file in a temporary folder of this run only,
 * named by HUB_TEST_INFO for the test processes, so two runs on one machine do not meet.
 *
 * @public (jest’s global setup/teardown)
 */
export default async function globalSetup(): Promise<void> {
  // A dead reconciliation job's lock lapses after 5 s here (120 s by default), so the lock test need not wait;
  // no nightly run may start in the middle of the suite; the audit chains are anchored every 2 s (60 by default).
  const { child, info } = await startHubProcess({
    pgPort: await freePort(),
    extraEnv: { HUB_RUN_HEARTBEAT_TIMEOUT: '5', HUB_RECONCILE_CRON: 'off', HUB_SQL_STATEMENT_COUNT: '1', HUB_AUDIT_ANCHOR_SECONDS: '2' },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'hub-test-info-')), 'hub.json');
  writeFileSync(file, JSON.stringify(info));
  process.env.HUB_TEST_INFO = file;
  (globalThis as { __HUB__?: typeof child }).__HUB__ = child;
}
