import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { queryByKeys } from './loaders';

/** The sort of `rowsByKeys`: entity properties, in order of precedence. */
export type RowOrder<E> = Partial<Record<keyof E & string, 'ASC' | 'DESC'>>;

interface KeyedRead {
  sql: string;
  columns: EntityMetadata['columns'];
}

const reads = new WeakMap<EntityMetadata, Map<string, KeyedRead>>();

/**
 * The rows of `entity` whose `key` property is one of `keys`, sorted by `order`: what
 * `repository.find({ where: { [key]: In(keys) }, order })` returns, entities of the same class with the same
 * values. The statement is written once per entity, key and order from TypeORM's metadata, and each value is
 * converted by TypeORM's own driver (`prepareHydratedValue`: dates, numerics, column transformers). The find
 * built its statement through the QueryBuilder on every call — 8–14 % of a subgraph's CPU when the unified
 * child graph is asked for one child at a time (bench/RESULTS.md, issue 16) — and named every key as its own
 * parameter; here the keys go through `queryByKeys`, spelled out for a small batch and as one array for a page.
 * Entities with relations or embedded columns are refused: this read would not load them as `find` does.
 */
export function rowsByKeys<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  key: keyof E & string,
  keys: readonly string[],
  order: RowOrder<E> = {},
): Promise<E[]> {
  return entityRows(db, entity, (column) => `${column(key)} = ANY($1)`, keys, [], order);
}

/**
 * `rowsByKeys` with a condition of its own: `where` is SQL over the keys as `= ANY($1)` and `rest` as `$2` on, and is
 * given a function that names a property's column. For a read `find` cannot say in one statement, such as each
 * child's latest few visits. Values go in `rest`, never into the text: statements are kept by their text.
 */
export async function entityRows<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  where: (column: (property: keyof E & string) => string) => string,
  keys: readonly string[],
  rest: readonly unknown[] = [],
  order: RowOrder<E> = {},
): Promise<E[]> {
  if (keys.length === 0) return [];
  const metadata = db.getMetadata(entity);
  const read = keyedRead(db, metadata, where as (column: (property: string) => string) => string, order);
  const raw = await queryByKeys<Record<string, unknown>>(db, read.sql, keys, rest);
  const out = new Array<E>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const row = metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const c of read.columns) c.setEntityValue(row, db.driver.prepareHydratedValue(raw[i][c.databaseName], c));
    out[i] = row;
  }
  return out;
}

function keyedRead(
  db: DataSource,
  metadata: EntityMetadata,
  where: (column: (property: string) => string) => string,
  order: Record<string, 'ASC' | 'DESC' | undefined>,
): KeyedRead {
  let byShape = reads.get(metadata);
  if (!byShape) reads.set(metadata, (byShape = new Map()));
  const q = (name: string) => db.driver.escape(name);
  const column = (property: string) => {
    const c = metadata.findColumnWithPropertyPath(property);
    if (!c) throw new Error(`rowsByKeys: ${metadata.name} has no column for property ${property}`);
    return q(c.databaseName);
  };
  // The condition is written on every call (a few string joins); the statement is kept by it and the order.
  const condition = where(column);
  const shape = `${condition}|${Object.entries(order)
    .map(([p, d]) => `${p} ${d}`)
    .join(',')}`;
  let read = byShape.get(shape);
  if (read) return read;
  if (metadata.relations.length || metadata.embeddeds.length || metadata.childEntityMetadatas.length) {
    throw new Error(`rowsByKeys: ${metadata.name} has relations, embedded columns or child entities; use the repository`);
  }
  const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
  const sort = Object.entries(order).map(([p, d]) => `${column(p)} ${d === 'DESC' ? 'DESC' : 'ASC'}`);
  read = {
    columns,
    sql:
      `SELECT ${columns.map((c) => q(c.databaseName)).join(', ')} FROM ${metadata.tablePath.split('.').map(q).join('.')}` +
      ` WHERE ${condition}` +
      (sort.length ? ` ORDER BY ${sort.join(', ')}` : ''),
  };
  byShape.set(shape, read);
  return read;
}
