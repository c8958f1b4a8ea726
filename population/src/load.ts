import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { AGENCIES, type Agency } from '@hub/domain';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { encodeRows } from './copy-format';
import { generateHouseholds } from './generate';
import { resolveOptions, type GeneratorOptions } from './options';
import { columnsOf, tableNames, type ColumnType } from './tables';
import { GroundTruthWriter, groundTruthHeader, householdTruth } from './ground-truth';

export interface LoadOptions extends GeneratorOptions {
  /** Write the ground truth (every child's expected outcome of every rule) to this file as well. */
  groundTruthPath?: string;
  /** Connection string of each agency's own database; each agency's rows go there and nowhere else. */
  databaseUrls: Record<Agency, string>;
  /** Called as households are generated and queued (children so far), and once at the end. */
  onProgress?: (childrenDone: number) => void;
  /** Children per COPY batch (default 2,000): bounds memory and the final batch's wait, sets the number of COPY statements. */
  batchChildren?: number;
  /**
   * Drop the tables' indexes, primary/unique keys and foreign keys inside the load transaction and
   * recreate them, with their exact definitions, before commit (default true). The PostgreSQL
   * manual's advice for populating a database: a sorted index build instead of millions of random
   * B-tree inserts and full-page WAL images. Both ways end in the migration's schema; a failure
   * rolls back to it.
   */
  deferIndexes?: boolean;
}

export interface LoadStats {
  children: number;
  households: number;
  /** Rows written per agency and table (every table listed, zero included). */
  rows: Record<Agency, Record<string, number>>;
  elapsedMs: number;
}

const DEFAULT_BATCH_CHILDREN = 2000;
const FIRST_BATCH_CHILDREN = 250;
/** Let socket I/O run between households this often (the generator itself is synchronous). */
const YIELD_EVERY_CHILDREN = 64;
/** COPY data is written in pieces of about this many characters. */
const CHUNK_CHARS = 256 * 1024;

type Batch = Record<string, string[]>;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

async function copyTable(
  client: Client,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  parts: string[],
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map(([c]) => c).join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  try {
    let chunk = '';
    for (const p of parts) {
      chunk += p;
      if (chunk.length >= CHUNK_CHARS) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        chunk = '';
      }
    }
    if (chunk) stream.write(chunk);
    stream.end();
  } catch (e) {
    stream.destroy(e as Error);
  }
  await done;
}

/**
 * One agency's connection and transaction. Batches go in one at a time, each table by its own COPY
 * in foreign-key order; the next batch waits for the previous one, so a slow database slows the
 * generator rather than filling memory.
 */
class AgencySink {
  private pending: Promise<void> = Promise.resolve();
  private readonly tables: { name: string; columns: [string, ColumnType][] }[];

  constructor(
    readonly agency: Agency,
    readonly client: Client,
  ) {
    this.tables = tableNames(agency).map((name) => ({ name, columns: columnsOf(agency, name) }));
  }

  encode(rows: Record<string, Record<string, unknown>[]>, batch: Batch, counts: Record<string, number>): void {
    for (const t of this.tables) {
      const r = rows[t.name];
      if (!r.length) continue;
      batch[t.name].push(encodeRows(r, t.columns));
      counts[t.name] += r.length;
    }
  }

  emptyBatch(): Batch {
    return Object.fromEntries(this.tables.map((t) => [t.name, [] as string[]]));
  }

  /** Resolves when the batch in flight is in (rethrows its failure). */
  ready(): Promise<void> {
    return this.pending;
  }

  submit(batch: Batch): void {
    this.pending = (async () => {
      for (const t of this.tables) if (batch[t.name].length) await copyTable(this.client, t.name, t.columns, batch[t.name]);
    })();
    // Observed here, reported by the next ready(): no unhandled rejection in between.
    this.pending.catch(() => undefined);
  }
}

interface Deferred {
  /** Statements that recreate what was dropped, in order (keys, then indexes, then foreign keys). */
  recreate: string[];
}

/**
 * Drops keys, indexes and foreign keys of the agency's tables, and foreign keys of other tables that
 * reference them (inside the open transaction); returns how to recreate them.
 */
async function dropIndexes(client: Client, agency: Agency): Promise<Deferred> {
  const tables = tableNames(agency);
  const constraints = await client.query<{ tbl: string; name: string; type: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, quote_ident(c.conname) AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
      WHERE r.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
        AND (r.relname = ANY($1) OR (c.contype = 'f' AND c.confrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname = ANY($1))))
      ORDER BY r.relname, c.conname`,
    [tables],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
      WHERE r.relnamespace = current_schema()::regnamespace AND r.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1`,
    [tables],
  );
  const fks = constraints.rows.filter((c) => c.type === 'f');
  const keys = constraints.rows.filter((c) => c.type !== 'f');
  for (const c of fks) await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const c of keys) await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes.rows) await client.query(`DROP INDEX ${i.name}`);
  return {
    recreate: [
      ...keys.map((c) => `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`),
      ...indexes.rows.map((i) => i.def),
      ...fks.map((c) => `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`),
    ],
  };
}

/**
 * Opens the agency's transaction and locks its tables against other writers (readers are not
 * blocked), then checks they are empty: inside the lock, so two loaders cannot both pass the check.
 * Returns the non-empty tables.
 */
async function beginOnEmptyTables(agency: Agency, client: Client): Promise<string[]> {
  const tables = tableNames(agency);
  const missing = await client.query<{ t: string }>(`SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`, [tables]);
  if (missing.rows.length) {
    throw new Error(`${agency}: table(s) ${missing.rows.map((r) => r.t).join(', ')} do not exist; run the ${agency} migrations first`);
  }
  await client.query('BEGIN');
  // Fail clearly rather than wait long if another session holds the tables.
  await client.query(`SET LOCAL lock_timeout = '30s'`);
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`LOCK TABLE ${tables.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
  const nonEmpty: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS has`);
    if (rows[0].has) nonEmpty.push(`${agency}.${table}`);
  }
  return nonEmpty;
}

/**
 * Generates the population and bulk-loads each agency's rows into that agency's database with
 * COPY … FROM STDIN, every agency in one transaction (all or nothing per database). Refuses to load
 * into tables that already hold rows.
 */
export async function loadPopulation(opts: LoadOptions): Promise<LoadStats> {
  const started = performance.now();
  // Invalid options fail here, before any connection is opened.
  const resolved = resolveOptions(opts);
  let truth: GroundTruthWriter | undefined;
  const batchSize = opts.batchChildren ?? DEFAULT_BATCH_CHILDREN;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchChildren must be a positive integer: ${batchSize}`);
  for (const a of AGENCIES) if (!opts.databaseUrls[a]) throw new Error(`no database URL for ${a}`);

  const clients = {} as Record<Agency, Client>;
  const connectionErrors: Error[] = [];
  try {
    for (const a of AGENCIES) {
      const client = new Client({ connectionString: opts.databaseUrls[a], application_name: `hub-population-${a}` });
      client.on('error', (e) => connectionErrors.push(e));
      clients[a] = client;
      await client.connect();
    }
    const nonEmpty = (await Promise.all(AGENCIES.map((a) => beginOnEmptyTables(a, clients[a])))).flat();
    if (nonEmpty.length) {
      throw new Error(
        `refusing to load a population into non-empty tables: ${nonEmpty.join(', ')} (start from freshly migrated databases)`,
      );
    }
    const deferIndexes = opts.deferIndexes ?? true;
    const deferred = {} as Record<Agency, Deferred>;
    await Promise.all(
      AGENCIES.map(async (a) => {
        deferred[a] = deferIndexes ? await dropIndexes(clients[a], a) : { recreate: [] };
      }),
    );

    const sinks = AGENCIES.map((a) => new AgencySink(a, clients[a]));
    const rows = Object.fromEntries(AGENCIES.map((a) => [a, Object.fromEntries(tableNames(a).map((t) => [t, 0]))])) as Record<
      Agency,
      Record<string, number>
    >;
    let batches = sinks.map((s) => s.emptyBatch());
    let inBatch = 0;
    // Small first batches put every database to work early; later ones grow to the full size.
    let target = Math.min(batchSize, FIRST_BATCH_CHILDREN);
    let sinceYield = 0;
    let children = 0;
    let households = 0;
    const submit = async () => {
      await Promise.all(sinks.map((s) => s.ready()));
      sinks.forEach((s, i) => s.submit(batches[i]));
      batches = sinks.map((s) => s.emptyBatch());
      inBatch = 0;
      target = Math.min(batchSize, target * 2);
    };

    truth = opts.groundTruthPath ? await GroundTruthWriter.open(opts.groundTruthPath, groundTruthHeader(opts)) : undefined;
    for (const h of generateHouseholds(opts)) {
      if (truth) await truth.write(householdTruth(h, resolved));
      sinks.forEach((s, i) =>
        s.encode(h.rows[s.agency] as unknown as Record<string, Record<string, unknown>[]>, batches[i], rows[s.agency]),
      );
      households++;
      children += h.children.length;
      inBatch += h.children.length;
      sinceYield += h.children.length;
      if (inBatch >= target) await submit();
      if (sinceYield >= YIELD_EVERY_CHILDREN) {
        sinceYield = 0;
        opts.onProgress?.(children);
        await yieldToIo();
        if (connectionErrors.length) throw connectionErrors[0];
      }
    }
    if (inBatch > 0) await submit();
    await Promise.all(sinks.map((s) => s.ready()));
    await Promise.all(
      AGENCIES.map(async (a) => {
        for (const sql of deferred[a].recreate) await clients[a].query(sql);
      }),
    );
    // The ground truth is complete before any database commits: a population never exists without it.
    await truth?.close();
    for (const a of AGENCIES) await clients[a].query('COMMIT');
    opts.onProgress?.(children);
    return { children, households, rows, elapsedMs: Math.round(performance.now() - started) };
  } catch (e) {
    truth?.abort();
    await Promise.all(Object.values(clients).map((c) => c.query('ROLLBACK').catch(() => undefined)));
    throw e;
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.end().catch(() => undefined)));
  }
}
