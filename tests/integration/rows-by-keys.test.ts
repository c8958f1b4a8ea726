import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource, decimalTransformer } from '@hub/service-kit';
import { entityRows, rowsByKeys, SPELLED_OUT_KEYS } from '@hub/subgraph-kit';
import { Column, Entity, In, ManyToOne, MoreThanOrEqual, PrimaryColumn } from 'typeorm';
import { hubInfo } from '../helpers/hub';

/** A record with every kind of column the agencies' entities use: text, dates, a numeric through a transformer, flags, arrays, nulls. */
@Entity({ name: 'rows_by_keys_test' })
class Fact {
  @PrimaryColumn() id!: string;
  @Column({ name: 'child_id' }) childId!: string;
  @Column({ name: 'noted_on', type: 'date' }) notedOn!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer, nullable: true }) amount!: number | null;
  @Column({ type: 'boolean' }) current!: boolean;
  @Column({ type: 'int', nullable: true }) grade!: number | null;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text', select: false, nullable: true }) secret!: string | null;
}

/** An entity `rowsByKeys` must refuse: `find` would treat its relation differently. */
@Entity({ name: 'rows_by_keys_test_link' })
class Link {
  @PrimaryColumn() id!: string;
  @ManyToOne(() => Fact) fact!: Fact;
}

/**
 * The agencies' keyed loaders read through `rowsByKeys` instead of `repository.find({ where: { key: In(keys) }, order })`
 * (issue 16: TypeORM built each statement again on every request). It must give back what `find` gives: the same
 * rows in the same order, instances of the entity, every value converted the same way. Checked against the hub's
 * PostgreSQL on a table of its own.
 */
describe('rowsByKeys reads what find reads', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const url = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_education`;
  const ds = createDataSource({ name: 'rows-by-keys-test', url, poolSize: 2, entities: [Fact, Link] });
  const children = Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    await ds.initialize();
    await ds.query(`DROP TABLE IF EXISTS rows_by_keys_test`);
    await ds.query(`CREATE TABLE rows_by_keys_test (
      id text PRIMARY KEY, child_id text NOT NULL, noted_on date NOT NULL, recorded_at timestamptz NOT NULL,
      amount numeric(10,2), current boolean NOT NULL, grade int, tags text[] NOT NULL, note text, secret text)`);
    // Several facts a child, some children none; ties on the first sort column, so the second decides.
    const rows: unknown[][] = [];
    children.forEach((c, i) => {
      for (let k = 0; k < i % 4; k++) {
        rows.push([
          `F${i}-${k}`,
          c,
          `2026-0${1 + (k % 2)}-1${k % 3}`,
          new Date(Date.UTC(2026, 0, 1 + i, k, 30)),
          k === 1 ? null : (i * 100 + k) / 4,
          k % 2 === 0,
          k === 2 ? null : i,
          k === 0 ? [] : ['甲', `t${k}`, "it's"],
          k === 1 ? null : `备注 ${i}`,
          'never selected',
        ]);
      }
    });
    for (const r of rows) await ds.query(`INSERT INTO rows_by_keys_test VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, r);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS rows_by_keys_test`);
    await ds.destroy();
  });

  const find = (keys: string[], order: Partial<Record<keyof Fact, 'ASC' | 'DESC'>> = {}) =>
    ds.getRepository(Fact).find({ where: { childId: In(keys) }, order });

  it.each([
    ['one key', 1],
    ['a small batch, keys spelled out', SPELLED_OUT_KEYS],
    ['a larger batch, keys as one array', 25],
  ])('%s: the same rows, in the same order, as instances of the entity', async (_label, n) => {
    // n keys, one of them no child's (none for the single key); children 0, 4, 8, … have no facts, child 3 has three.
    const keys = n === 1 ? [children[3]] : [...children.slice(1, n), 'no-such-child'];
    for (const order of [{ notedOn: 'DESC', id: 'DESC' }, { childId: 'ASC', amount: 'DESC', id: 'ASC' }, {}] as const) {
      const got = await rowsByKeys(ds, Fact, 'childId', keys, order);
      const expected = await find(keys, order);
      expect(got.length).toBeGreaterThan(0);
      if (Object.keys(order).length) expect(got).toEqual(expected);
      else expect([...got].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...expected].sort((a, b) => a.id.localeCompare(b.id)));
      for (const row of got) expect(row).toBeInstanceOf(Fact);
    }
  });

  it('entityRows: a condition of its own with a further parameter, for every batch size the keys may be spelled out in', async () => {
    for (let n = 1; n <= SPELLED_OUT_KEYS + 2; n++) {
      const keys = children.slice(1, 1 + n);
      const got = await entityRows(ds, Fact, (c) => `${c('childId')} = ANY($1) AND ${c('grade')} >= $2`, keys, [5], { id: 'ASC' });
      const expected = await ds.getRepository(Fact).find({ where: { childId: In(keys), grade: MoreThanOrEqual(5) }, order: { id: 'ASC' } });
      expect(got).toEqual(expected);
      if (n >= 7) expect(got.length).toBeGreaterThan(0);
    }
  });

  it('converts each value as find does, and leaves out a column find does not select', async () => {
    const [fact] = await rowsByKeys(ds, Fact, 'id', ['F3-1']);
    expect(fact).toEqual({
      id: 'F3-1',
      childId: 'C003',
      notedOn: '2026-02-11',
      recordedAt: new Date(Date.UTC(2026, 0, 4, 1, 30)),
      amount: null,
      current: false,
      grade: 3,
      tags: ['甲', 't1', "it's"],
      note: null,
    });
    const [withAmount] = await rowsByKeys(ds, Fact, 'id', ['F7-2']);
    expect(withAmount.amount).toBe(175.5);
    expect(withAmount.secret).toBeUndefined();
    expect(withAmount).toEqual((await ds.getRepository(Fact).findBy({ id: 'F7-2' }))[0]);
  });

  it('reads nothing for no keys, and refuses an entity with relations', async () => {
    await expect(rowsByKeys(ds, Fact, 'childId', [])).resolves.toEqual([]);
    await expect(rowsByKeys(ds, Link, 'id', ['x'])).rejects.toThrow(/Link has relations/);
  });
});
