import { loadPopulation } from '@hub/population';
import type { Logger } from '@hub/shared';
import { agencyUrls, populatedAgencies } from './database';

export interface SeedOptions {
  children: number;
  seed: number;
  region: string;
  asOf: string;
}


/** Generates and bulk-loads a population; refuses to mix with existing data. */
export async function seedPopulation(serverUrl: string, idKey: string, opts: SeedOptions, logger: Logger): Promise<void> {
  const populated = await populatedAgencies(serverUrl);
  if (populated.length) {
    throw new Error(`these agencies' databases already hold data: ${populated.join(', ')}. Run \`npm run hub -- reset\` first to start from empty databases.`);
  }
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastReport = 0;
  const stats = await loadPopulation({
    ...opts,
    idKey,
    databaseUrls: agencyUrls(serverUrl),
    onProgress: (done: number) => {
      const now = Date.now();
      if (now - lastReport < (tty ? 200 : 5000) && done < opts.children) return;
      lastReport = now;
      const pct = ((100 * done) / opts.children).toFixed(1);
      const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
      if (tty) process.stderr.write(`\r  generating ${done.toLocaleString('en')} / ${opts.children.toLocaleString('en')} children (${pct}%, ${rate}/s)   `);
      else logger.info({ done, total: opts.children, rate }, 'seeding');
    },
  });
  if (tty) process.stderr.write('\n');
  const rowsPerAgency = Object.fromEntries(Object.entries(stats.rows).map(([agency, tables]) => [agency, Object.values(tables).reduce((a, b) => a + b, 0)]));
  logger.debug({ rows: stats.rows }, 'rows per table');
  logger.info({ ...opts, seconds: ((Date.now() - started) / 1000).toFixed(1), rowsPerAgency }, 'population loaded');
}
