import { createHash } from 'node:crypto';
import { Client, types, type Pool, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { Agency } from '@hub/domain';
import { databaseUrlFor, withDatabase } from './config';

// DATE columns are civil dates: keep them as 'YYYY-MM-DD' strings instead of local-midnight Date objects.
types.setTypeParser(1082, (value: string) => value);

/** TypeORM's logger, quiet: a failed statement reaches its caller as an exception (and stderr with LOG_SQL_ERRORS=1). */
export class QuietSqlLogger implements TypeOrmLogger {
  logQuery(): void {}
  logQueryError(error: string | Error, query: string): void {
    if (process.env.LOG_SQL_ERRORS) console.error('SQL error', error, query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

// Function is TypeORM's own type for migration classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface AgencyDataSourceOptions {
  agency: Agency;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  migrations?: MigrationList;
  url?: string;
  poolSize?: number;
  /** Sees every statement (the subgraphs count them per request); default quiet. */
  sqlLogger?: TypeOrmLogger;
}

/** The agency's own database and nothing else: `synchronize` is off, schema changes are migrations. */
export function createAgencyDataSource(opts: AgencyDataSourceOptions): DataSource {
  return createDataSource({ ...opts, name: opts.agency, url: opts.url ?? databaseUrlFor(opts.agency) });
}

/**
 * The pg pool under a data source (TypeORM's PostgreSQL driver keeps it as `master`), for the paths that send SQL
 * themselves on every request — the keyed reads of the unified child graph and the audit append — rather than
 * through TypeORM's query runner, which takes a connection, broadcasts events and wraps the result around each one.
 */
export function poolOf(ds: DataSource): Pool {
  const pool = (ds.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('the data source is not initialised');
  return pool;
}

/**
 * Runs `work` on a connection of `ds`'s pool (`poolOf`) and gives the connection back. While it is out of the pool its
 * `error` event has a listener, as `Pool.query` and TypeORM's query runner give it: a connection lost mid-statement
 * would otherwise throw past everything and end the service. A connection that failed, or that `work` says is broken
 * (`drop`), is dropped; one whose statement PostgreSQL refused goes back to the pool.
 */
export async function withConnection<T>(ds: DataSource, work: (client: PoolClient, drop: () => void) => Promise<T>): Promise<T> {
  const client = await poolOf(ds).connect();
  let broken: Error | boolean = false;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await work(client, () => {
      broken ||= true;
    });
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/**
 * One statement past TypeORM's query runner (`withConnection`), its rows. Through the client's promise form, so the
 * pool's `PreparingClient` names it (pg's `Pool.query` passes a callback, which it does not).
 */
export function queryRows<R>(ds: DataSource, text: string, values: readonly unknown[]): Promise<R[]> {
  return withConnection(ds, async (client) => (await client.query(text, values as unknown[])).rows as R[]);
}

/**
 * `text` as a named prepared statement whatever its values, on a pool that prepares statements: for a statement whose
 * plan does not depend on its values' sizes (an INSERT of an audit row, whose array columns may hold hundreds of field
 * names), which the pool's own rule would send unnamed for carrying a long array. Otherwise as `client.query`.
 */
export function queryPrepared(client: PoolClient, text: string, values: unknown[]): Promise<QueryResult> {
  if (client instanceof PreparingClient && values.length <= MAX_PREPARED_PARAMS) {
    const name = preparedStatementName(text);
    if (name) return client.prepared(name, text, values) as Promise<QueryResult>;
  }
  return client.query(text, values);
}

/** A PostgreSQL data source of the hub (an agency's or the gateway's database). */
export function createDataSource(opts: Omit<AgencyDataSourceOptions, 'agency' | 'url'> & { name: string; url: string }): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.entities ?? [],
    migrations: opts.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: opts.sqlLogger ? ['query', 'error'] : ['error'],
    logger: opts.sqlLogger ?? new QuietSqlLogger(),
    extra: {
      max: opts.poolSize ?? 10,
      application_name: `hub-${opts.name}`,
      ...(process.env.HUB_DB_PREPARED_STATEMENTS === 'off' ? {} : { Client: PreparingClient }),
    },
  });
}

/** Statements with more parameters than this (a nightly batch of hundreds of ids) stay unnamed, as before. */
const MAX_PREPARED_PARAMS = 32;
/**
 * A statement carrying an array of more elements than this is a batch (a nightly page of hundreds of ids): it stays
 * unnamed and is planned for its values, as before. A kept generic plan assumes ten elements, and the nightly run at
 * 1,000,000 children took 439.5 s with such batches prepared against 411.2 s without, one run each (issue 16).
 */
const MAX_PREPARED_ARRAY = 16;
/** Distinct statements a process prepares at most; past it, new texts run unnamed (each connection keeps its plans). */
const MAX_PREPARED_TEXTS = 500;
const statementNames = new Map<string, string>();

/** A stable name per statement text, the same on every connection of the process. */
function preparedStatementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED_TEXTS) return undefined;
    name = `hub_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * The pool's client: a statement with parameters runs as a named prepared statement, parsed once per connection. A
 * request of the unified child graph sends each subgraph the same few keyed statements (visibility, a loader per
 * field family) with other ids, and PostgreSQL spent more CPU planning them than running them (a
 * visibility check: 0.18 ms planned on every call, 0.06 ms with a kept plan; issue 16). Prepared, PostgreSQL keeps a
 * generic plan once it costs no more than planning each call (`plan_cache_mode` auto): keyed lookups keep one, a
 * region-prefix query does not and is planned for its values as before. `HUB_DB_PREPARED_STATEMENTS=off` sends every
 * statement unnamed (a pooler in transaction mode that cannot carry prepared statements, PgBouncer before 1.21).
 */
class PreparingClient extends Client {
  // pg's query() has a dozen overloads; this one forwards each as it came, naming only (text, values) with a promise.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      values.length <= MAX_PREPARED_PARAMS &&
      callback === undefined &&
      !values.some((v) => Array.isArray(v) && v.length > MAX_PREPARED_ARRAY)
    ) {
      const name = preparedStatementName(config);
      if (name) return this.prepared(name, config, values);
    }
    return super.query(config, values, callback);
  }

  /**
   * A table altered under a kept `SELECT *` (a migration while the service runs) makes PostgreSQL refuse the
   * statement for good on this connection: it is dropped and sent again, parsed anew. Inside a transaction the
   * failure has already aborted it: the caller gets the error, and the next call outside it drops the statement.
   */
  async prepared(name: string, text: string, values: unknown[]): Promise<unknown> {
    try {
      return await super.query({ name, text, values } satisfies QueryConfig);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code !== '0A000' || !/cached plan must not change result type/.test(e.message ?? '')) throw err;
      try {
        await super.query(`DEALLOCATE "${name}"`);
      } catch {
        throw err; // in an aborted transaction: the next call, outside it, drops the statement
      }
      const parsed = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
      delete parsed[name];
      return super.query({ name, text, values } satisfies QueryConfig);
    }
  }
}

/** Creates a database of the hub by name (the agencies' and `hub_gateway`; needs CREATEDB); names are constants, never input. */
export async function ensureNamedDatabase(serverUrl: string, database: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    // Identifiers cannot be bound as parameters; the name comes from AGENCY_INFO, never from input.
    await client.query(`CREATE DATABASE "${database}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Runs pending migrations of one agency; returns the names of the migrations applied. */
export async function migrateAgency(agency: Agency, migrations: MigrationList, url?: string): Promise<string[]> {
  return migrateDatabase(agency, url ?? databaseUrlFor(agency), migrations);
}

/** Runs pending migrations of one of the hub's databases; returns the names of the migrations applied. */
export async function migrateDatabase(name: string, url: string, migrations: MigrationList): Promise<string[]> {
  const ds = createDataSource({ name, url, migrations, poolSize: 1 });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * `numeric` columns (money) arrive from pg as strings to keep precision; amounts here are yuan with two
 * decimals, well inside a double's exact range, so entities read them as numbers.
 */
export const decimalTransformer = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };
