import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource, poolOf, queryRows } from '@hub/service-kit';
import { queryByKeys, subjectVisibilitySql } from '@hub/subgraph-kit';
import { hubInfo } from '../helpers/hub';

type DataSource = ReturnType<typeof createDataSource>;

/**
 * The services' statements run prepared, so PostgreSQL can keep a plan instead of planning every keyed lookup of the
 * unified child graph again (issue 16: planning cost more than running). Checked on the services' own data source
 * factory against the hub's PostgreSQL, one connection, reading the session's `pg_prepared_statements`.
 */
describe('prepared statements', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const url = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_education`;
  // Education's own visibility statement shape: persons among $1 placed under one of the patterns in $2.
  const VISIBLE = subjectVisibilitySql();
  const patterns = ['500110%', '500101%'];

  const open = async (): Promise<DataSource> => {
    const ds = createDataSource({ name: 'prepared-statements-test', url, poolSize: 1 });
    await ds.initialize();
    return ds;
  };
  const prepared = async (ds: DataSource) =>
    (await ds.query(`SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements`)) as {
      statement: string;
      generic: number;
      custom: number;
    }[];

  let ds: DataSource;
  let persons: string[] = [];
  beforeAll(async () => {
    ds = await open();
    // Persons inside and outside the patterns, so each batch below mixes both.
    const inside = (await ds.query(
      `SELECT person_id AS id FROM subject_region WHERE residence_region LIKE '500110%' ORDER BY 1 LIMIT 6`,
    )) as {
      id: string;
    }[];
    const outside = (await ds.query(
      `SELECT person_id AS id FROM subject_region WHERE residence_region NOT LIKE '500110%' AND residence_region NOT LIKE '500101%'
         AND coalesce(hukou_region, '') NOT LIKE '500110%' AND coalesce(hukou_region, '') NOT LIKE '500101%' ORDER BY 1 LIMIT 6`,
    )) as { id: string }[];
    expect(inside).toHaveLength(6);
    expect(outside).toHaveLength(6);
    persons = inside.flatMap((p, i) => [p.id, outside[i].id]);
  });
  afterAll(() => ds.destroy());

  it('a batch of any size finds exactly what the statement over the whole array finds', async () => {
    for (let n = 1; n <= persons.length; n++) {
      const keys = persons.slice(0, n).concat(['not-a-person']);
      const asWritten = ((await ds.query(VISIBLE, [keys, patterns])) as { id: string }[]).map((r) => r.id).sort();
      const batched = (await queryByKeys<{ id: string }>(ds, VISIBLE, keys, [patterns])).map((r) => r.id).sort();
      expect(batched).toEqual(asWritten);
      expect(batched.length).toBe(Math.ceil(n / 2));
    }
  });

  it('a keyed lookup runs as a prepared statement whose generic plan PostgreSQL keeps', async () => {
    for (let i = 0; i < 12; i++) await queryByKeys(ds, VISIBLE, [persons[i]], [patterns]);
    const one = (await prepared(ds)).find((s) => /person_id IN \(\$1\)/.test(s.statement));
    expect(one).toBeDefined();
    // PostgreSQL plans the first five calls for their values, then compares: the generic plan was kept.
    expect(one!.generic).toBeGreaterThan(0);
    expect(one!.custom).toBeLessThanOrEqual(5);
  });

  it('the same lookup of one key over an array parameter is planned again on every call, which is why small batches are spelled out', async () => {
    // A connection of its own: the first test's larger batches may have made the array statement's generic plan the cheaper.
    const fresh = await open();
    try {
      for (let i = 0; i < 12; i++) await fresh.query(VISIBLE, [[persons[i]], patterns]);
      const overArray = (await prepared(fresh)).find((s) => /person_id = ANY\(\$1\)/.test(s.statement));
      expect(overArray).toBeDefined();
      expect(overArray!.generic).toBe(0);
      expect(overArray!.custom).toBe(12);
    } finally {
      await fresh.destroy();
    }
  });

  it('a batch of many keys (a nightly page) stays unnamed and is planned for its values', async () => {
    const fresh = await open();
    try {
      const many = [...persons, ...Array.from({ length: 10 }, (_, i) => `absent-${i}`)];
      expect(many.length).toBeGreaterThan(16);
      for (let i = 0; i < 3; i++) await queryByKeys(fresh, VISIBLE, many, [patterns]);
      expect(await prepared(fresh)).toEqual([]);
      // The same statement with a few keys in an array is prepared.
      await fresh.query(VISIBLE, [persons.slice(0, 3), patterns]);
      expect((await prepared(fresh)).map((s) => s.statement)).toEqual([VISIBLE]);
    } finally {
      await fresh.destroy();
    }
  });

  it('a table altered under a kept `SELECT *` (a migration while the service runs) is read again, not refused for good', async () => {
    await ds.query(`CREATE TEMPORARY TABLE prep_probe (id int PRIMARY KEY, a text)`);
    await ds.query(`INSERT INTO prep_probe VALUES (1, 'x')`);
    const read = () => ds.query(`SELECT * FROM prep_probe WHERE id = $1`, [1]) as Promise<Record<string, unknown>[]>;
    expect(await read()).toEqual([{ id: 1, a: 'x' }]);
    await ds.query(`ALTER TABLE prep_probe ADD COLUMN b text DEFAULT 'y'`);
    expect(await read()).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    expect(await read()).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('HUB_DB_PREPARED_STATEMENTS=off sends every statement unnamed (for a pooler that cannot carry them)', async () => {
    process.env.HUB_DB_PREPARED_STATEMENTS = 'off';
    let plain: DataSource | undefined;
    try {
      plain = await open();
      for (let i = 0; i < 3; i++) await queryByKeys(plain, VISIBLE, [persons[i]], [patterns]);
      expect(await prepared(plain)).toEqual([]);
    } finally {
      delete process.env.HUB_DB_PREPARED_STATEMENTS;
      await plain?.destroy();
    }
  });

  it('a connection lost in the middle of a keyed read fails that read, not the process, and the next read gets another connection', async () => {
    const own = await open();
    try {
      const reading = queryRows(own, 'SELECT pg_sleep(5), $1::int AS n', [1]);
      // The socket under the checked-out connection closes without a word from PostgreSQL (a network reset).
      const pool = poolOf(own) as unknown as { _clients: { activeQuery?: unknown; connection: { stream: { destroy(): void } } }[] };
      for (let i = 0; i < 50 && !pool._clients.some((c) => c.activeQuery); i++) await new Promise((r) => setTimeout(r, 20));
      const busy = pool._clients.find((c) => c.activeQuery);
      expect(busy).toBeDefined();
      busy!.connection.stream.destroy();
      await expect(reading).rejects.toThrow(/terminated|closed|ended/i);
      await expect(queryRows<{ n: number }>(own, 'SELECT $1::int AS n', [2])).resolves.toEqual([{ n: 2 }]);
    } finally {
      await own.destroy();
    }
  });
});
