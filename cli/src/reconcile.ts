import { join } from 'node:path';
import { progressBar } from './progress';
import { todayInChina, type RuleId } from '@hub/domain';
import { loadOrCreateSigningKey, mintToken } from '@hub/service-kit';
import type { Logger } from '@hub/service-kit';
import { GatewayClient, reconcile, writeRunReport, type RunRecord } from '@hub/jobs';
import { signingKeyPath } from './paths';

export interface ReconcileCliOptions {
  gateway: string;
  asOf?: string;
  rules?: RuleId[];
  region: string;
  pageSize: number;
  concurrency: number;
  resume?: string;
  token?: string;
  dataDir: string;
  reportsDir?: string;
  /** Show a progress bar (a terminal); otherwise structured log lines. */
  bar?: boolean;
}

/**
 * The token the job uses: `--token`/`HUB_TOKEN` (production: from the identity provider), or one minted for
 * the reconciliation service account with the hub's own key (the embedded default).
 */
async function serviceToken(opts: { token?: string; dataDir: string; region: string }): Promise<string> {
  if (opts.token) return opts.token;
  const key = await loadOrCreateSigningKey(signingKeyPath(opts.dataDir));
  return mintToken(key, {
    role: 'reconciliation-service',
    jurisdiction: [opts.region.slice(0, 2)],
    sub: 'service:reconciliation',
    ttlSeconds: 12 * 3600,
  });
}

export async function runReconcile(
  opts: ReconcileCliOptions,
  logger: Logger,
): Promise<{ run: RunRecord; reports: { json: string; xlsx: string } }> {
  const token = await serviceToken(opts);
  const started = Date.now();
  const controller = new AbortController();
  const stop = () => {
    logger.warn('stopping after the pages in flight; the run stays resumable');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const bar = progressBar('比对核查', ' | {phase}', opts.bar ?? false);
  let lastLog = 0;
  let startDone = 0;
  try {
    const run = await reconcile({
      gateway: opts.gateway,
      token,
      logger,
      asOf: opts.asOf,
      rules: opts.rules,
      region: opts.region,
      pageSize: opts.pageSize,
      concurrency: opts.concurrency,
      resume: opts.resume,
      signal: controller.signal,
      onStart: ({ id, total, done, resumedAt }) => {
        startDone = resumedAt;
        logger.info({ runId: id, total }, 'reconciling');
        bar?.start(total, done, { rate: 0, phase: '' });
      },
      onProgress: ({ done, total, phase }) => {
        const rate = Math.round((done - startDone) / Math.max(0.001, (Date.now() - started) / 1000));
        bar?.update(Math.min(done, total), { rate, phase });
        if (!bar && Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          logger.info({ done, total, phase, childrenPerSecond: rate }, 'reconciliation progress');
        }
      },
    });
    bar?.stop();
    const client = new GatewayClient({ url: opts.gateway, token, purpose: 'reconciliation', logger });
    const report = await writeRunReport(client, run, opts.reportsDir ?? join(opts.dataDir, 'reports'));
    return { run, reports: { json: report.json, xlsx: report.xlsx } };
  } finally {
    bar?.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

const RECORD_STATISTICS = `mutation($month: String) { recordLedgerStatistics(month: $month) { month asOf townships } }`;

/**
 * The ledger's monthly statistics (docs/ledger.md#statistics), counted through the gateway with the service account:
 * the month before is finished (counted as of its last day) and the month under way counted as of today. The nightly
 * schedule runs it after the reconciliation; `hub ledger-stats` runs it by hand, for one month if asked.
 */
export async function recordLedgerStatistics(
  opts: { gateway: string; dataDir: string; region: string; token?: string; month?: string },
  logger: Logger,
): Promise<{ month: string; asOf: string; townships: number }[]> {
  const token = await serviceToken(opts);
  const client = new GatewayClient({ url: opts.gateway, token, purpose: 'reconciliation', logger });
  const thisMonth = todayInChina().slice(0, 7);
  const [y, m] = thisMonth.split('-').map(Number);
  const lastMonth = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const out: { month: string; asOf: string; townships: number }[] = [];
  for (const month of opts.month ? [opts.month] : [lastMonth, thisMonth]) {
    const { data } = await client.request<{ recordLedgerStatistics: { month: string; asOf: string; townships: number } }>(
      RECORD_STATISTICS,
      { month },
    );
    out.push(data.recordLedgerStatistics);
  }
  return out;
}
