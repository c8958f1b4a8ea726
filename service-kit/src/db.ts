import { Client, types } from 'pg';
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
    extra: { max: opts.poolSize ?? 10, application_name: `hub-${opts.name}` },
  });
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
