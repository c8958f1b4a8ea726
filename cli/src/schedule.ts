import { Cron } from 'croner';
import type { Logger } from '@hub/service-kit';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '@hub/jobs';
import { recordLedgerStatistics, runReconcile } from './reconcile';

export const DEFAULT_RECONCILE_CRON = '0 2 * * *';
const RECONCILE_TIMEZONE = 'Asia/Shanghai';

/**
 * The nightly reconciliation, then the ledger's monthly statistics, while the hub runs: a cron expression (`HUB_RECONCILE_CRON`, default 02:00
 * Beijing time; `off` disables it). Only one run at a time — across processes too: the run lock lives in
 * civil affairs' database, so a run still going (or one started by hand) makes the scheduled one give way.
 */
export function scheduleReconciliation(opts: {
  cron: string;
  gatewayUrl: string;
  dataDir: string;
  region: string;
  logger: Logger;
  token?: string;
  /** With an identity provider the hub's own key mints nothing the subgraphs accept: the job needs HUB_TOKEN. */
  identityProvider?: boolean;
}): { stop(): Promise<void>; next(): Date | null } {
  const { logger } = opts;
  if (opts.cron === 'off') {
    logger.info('nightly reconciliation disabled (HUB_RECONCILE_CRON=off)');
    return { stop: async () => {}, next: () => null };
  }
  if (opts.identityProvider && !opts.token) {
    logger.warn(
      'nightly reconciliation NOT scheduled: with an identity provider it needs the reconciliation service account’s token in HUB_TOKEN',
    );
    return { stop: async () => {}, next: () => null };
  }
  let current: Promise<void> | undefined;
  const job = new Cron(opts.cron, { timezone: RECONCILE_TIMEZONE, protect: true }, () => (current = tick()));
  async function tick(): Promise<void> {
    logger.info('nightly reconciliation starting');
    try {
      const { run, reports } = await runReconcile(
        {
          gateway: opts.gatewayUrl,
          region: opts.region,
          pageSize: DEFAULT_PAGE_SIZE,
          concurrency: DEFAULT_CONCURRENCY,
          dataDir: opts.dataDir,
          bar: false,
          token: opts.token,
        },
        logger,
      );
      logger.info({ runId: run.id, status: run.status, children: run.children, report: reports.xlsx }, 'nightly reconciliation finished');
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'nightly reconciliation failed');
    }
    // The ledger's monthly statistics, whatever became of the run: they read the ledger, not the findings.
    try {
      const counted = await recordLedgerStatistics(
        { gateway: opts.gatewayUrl, dataDir: opts.dataDir, region: opts.region, token: opts.token },
        logger,
      );
      logger.info({ counted }, 'ledger statistics counted');
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'ledger statistics failed');
    }
  }
  logger.info({ cron: opts.cron, timezone: RECONCILE_TIMEZONE, next: job.nextRun()?.toISOString() }, 'nightly reconciliation scheduled');
  return {
    // Stops the schedule and waits for a run in progress to end (recorded pages are kept either way).
    stop: async () => {
      job.stop();
      await current;
    },
    next: () => job.nextRun(),
  };
}
