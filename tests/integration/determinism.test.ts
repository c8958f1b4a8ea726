import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrations } from '@hub/migrations';
import { AGENCIES, type Agency } from '@hub/domain';
import { migrateAgency, withDatabase } from '@hub/service-kit';
import { loadPopulation, type GeneratorOptions } from '@hub/population';
import { hubInfo } from '../helpers/hub';

/**
 * Same seed and options → byte-identical contents in all six databases and an identical ground-truth
 * file. Two fresh sets of databases on the test server are loaded and compared table by table.
 */
const OPTS: GeneratorOptions = { seed: 99, children: 3000, region: '50', asOf: '2025-09-01', idKey: 'determinism-test' };

describe('population loads are deterministic', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const server = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/postgres`;
  const dir = mkdtempSync(join(tmpdir(), 'det-'));
  const sets = ['det_a', 'det_b'] as const;
  const url = (set: string, agency: Agency) => withDatabase(server, `${set}_${agency.replace(/-/g, '_')}`);

  async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: server });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    for (const set of sets) {
      for (const agency of AGENCIES) {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS "${set}_${agency.replace(/-/g, '_')}"`));
        await admin((c) => c.query(`CREATE DATABASE "${set}_${agency.replace(/-/g, '_')}"`));
        await migrateAgency(agency, [...migrations[agency]], url(set, agency));
      }
      const databaseUrls = Object.fromEntries(AGENCIES.map((a) => [a, url(set, a)])) as Record<Agency, string>;
      await loadPopulation({ ...OPTS, databaseUrls, groundTruthPath: join(dir, `${set}.jsonl.gz`) });
    }
  });

  afterAll(async () => {
    for (const set of sets)
      for (const agency of AGENCIES) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${set}_${agency.replace(/-/g, '_')}"`));
    rmSync(dir, { recursive: true, force: true });
  });

  async function digests(set: string, agency: Agency): Promise<Record<string, string>> {
    const c = new Client({ connectionString: url(set, agency) });
    await c.connect();
    try {
      const { rows: tables } = await c.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
      );
      const out: Record<string, string> = {};
      for (const { t } of tables) {
        // Whole rows in a total order (the row text itself), hashed inside the server.
        const { rows } = await c.query<{ md5: string; n: string }>(
          `SELECT md5(string_agg(x, E'\\n' ORDER BY x)) AS md5, count(*) AS n FROM (SELECT ${t}::text AS x FROM ${t}) s`,
        );
        out[t] = `${rows[0].n}:${rows[0].md5}`;
      }
      return out;
    } finally {
      await c.end();
    }
  }

  it.each(AGENCIES.map((a) => [a]))('%s: every table has the same rows in both loads', async (agency) => {
    const a = await digests('det_a', agency);
    const b = await digests('det_b', agency);
    expect(Object.keys(a).length).toBeGreaterThan(1);
    expect(b).toEqual(a);
    expect(Object.values(a).some((d) => !d.startsWith('0:'))).toBe(true);
  });

  it('writes byte-identical ground truth', () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(sha(join(dir, 'det_b.jsonl.gz'))).toBe(sha(join(dir, 'det_a.jsonl.gz')));
  });
});
