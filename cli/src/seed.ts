import { Client } from 'pg';
import { progressBar } from './progress';
import { loadPopulation, NO_DISCREPANCIES, type DiscrepancyRates } from '@hub/population';
import { AGENCY_INFO, type Agency } from '@hub/domain';
import type { Logger } from '@hub/service-kit';
import { agencyUrls, populatedAgencies } from './database';

export interface SeedOptions {
  children: number;
  seed: number;
  region: string;
  asOf: string;
  /** Where the ground truth goes (gzip'd JSON lines); no subgraph reads it. */
  groundTruthPath?: string;
  /** Per-rule discrepancy rates (0..1) overriding the defaults, or 'none' for a population without any. */
  discrepancies?: Record<string, number> | 'none';
}

/**
 * Generates and bulk-loads a population; refuses to mix with existing data. A progress bar (children/s,
 * ETA) on a terminal, structured log lines otherwise; rows per agency and the time at the end.
 */
export async function seedPopulation(serverUrl: string, idKey: string, opts: SeedOptions, logger: Logger): Promise<void> {
  const populated = await populatedAgencies(serverUrl);
  if (populated.length) {
    throw new Error(
      `these agencies' databases already hold data: ${populated.join(', ')}. Run \`npm run hub -- reset\` first to start from empty databases.`,
    );
  }
  const started = Date.now();
  const bar = progressBar('生成并导入');
  bar?.start(opts.children, 0, { rate: 0 });
  let lastLog = 0;
  const stats = await loadPopulation({
    children: opts.children,
    seed: opts.seed,
    region: opts.region,
    asOf: opts.asOf,
    idKey,
    databaseUrls: agencyUrls(serverUrl),
    groundTruthPath: opts.groundTruthPath,
    discrepancies: opts.discrepancies === 'none' ? NO_DISCREPANCIES : (opts.discrepancies as Partial<DiscrepancyRates> | undefined),
    onProgress: (done: number) => {
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      if (bar) return bar.update(done, { rate });
      if (Date.now() - lastLog < 5000 && done < opts.children) return;
      lastLog = Date.now();
      logger.info({ done, total: opts.children, rate }, 'seeding');
    },
  });
  bar?.stop();
  // Fresh statistics before the first query: a bulk load leaves the planner guessing until autovacuum gets
  // round to it, and the first nightly run or benchmark would pay for its guesses.
  for (const url of Object.values(agencyUrls(serverUrl))) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const rowsPerAgency = Object.fromEntries(
    Object.entries(stats.rows).map(([agency, tables]) => [agency, Object.values(tables).reduce((a, b) => a + b, 0)]),
  ) as Record<Agency, number>;
  logger.debug({ rows: stats.rows }, 'rows per table');
  logger.info(
    {
      children: opts.children,
      seed: opts.seed,
      region: opts.region,
      asOf: opts.asOf,
      seconds: seconds.toFixed(1),
      rowsPerAgency,
      groundTruth: opts.groundTruthPath,
    },
    'population loaded',
  );
  if (process.stderr.isTTY) {
    const lines = Object.entries(rowsPerAgency).map(
      ([agency, n]) => `    ${AGENCY_INFO[agency as Agency].title}  ${agency.padEnd(18)} ${n.toLocaleString('en').padStart(12)} rows`,
    );
    process.stderr.write(
      `  ${opts.children.toLocaleString('en')} children in ${seconds.toFixed(1)} s (${Math.round(opts.children / seconds).toLocaleString('en')}/s)\n${lines.join('\n')}\n` +
        (opts.groundTruthPath ? `  ground truth: ${opts.groundTruthPath}\n` : ''),
    );
  }
}
