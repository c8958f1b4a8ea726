import { writeFileSync } from 'node:fs';
import { hubInfoFile, startHubProcess } from './hub';

/** One hub for all integration suites: started exactly as `npm start` does, on test ports. */
export default async function globalSetup(): Promise<void> {
  // A dead reconciliation job's lock lapses after 5 s here (120 s by default), so the lock test need not wait;
  // no nightly run may start in the middle of the suite.
  const { child, info } = await startHubProcess({
    gatewayPort: 24100,
    pgPort: 24199,
    extraEnv: { HUB_RUN_HEARTBEAT_TIMEOUT: '5', HUB_RECONCILE_CRON: 'off', HUB_SQL_STATEMENT_COUNT: '1' },
  });
  writeFileSync(hubInfoFile, JSON.stringify(info));
  (globalThis as { __HUB__?: typeof child }).__HUB__ = child;
}
