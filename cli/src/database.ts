import { existsSync, renameSync } from 'node:fs';
import { Client } from 'pg';
import { type Agency, AGENCIES, AGENCY_INFO, agencyEnvKey } from '@hub/domain';
import { ensureNamedDatabase, GATEWAY_DATABASE, type HubDatabase, type Logger, migrateDatabase, withDatabase } from '@hub/service-kit';
import { gatewayMigrations, migrations } from '@hub/migrations';
import { asRole, type DatabaseGrants, grantsFor, HUB_DATABASES, OWNER_ROLE, type RolePasswords } from './roles';

/** Each agency's database URL on one server (or its own `DATABASE_URL_<AGENCY>` if set). */
export function agencyUrls(serverUrl: string, env: NodeJS.ProcessEnv = process.env): Record<Agency, string> {
  return Object.fromEntries(
    AGENCIES.map((a) => [a, env[`DATABASE_URL_${agencyEnvKey(a)}`] ?? withDatabase(serverUrl, AGENCY_INFO[a].database)]),
  ) as Record<Agency, string>;
}

/** The gateway's database URL on the same server (or `DATABASE_URL_GATEWAY`). */
function gatewayUrl(serverUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL_GATEWAY ?? withDatabase(serverUrl, GATEWAY_DATABASE);
}

/** Every database of the hub by name (agency or `gateway`), with the operator's credentials. */
export function databaseUrls(serverUrl: string, env: NodeJS.ProcessEnv = process.env): Record<HubDatabase, string> {
  return { ...agencyUrls(serverUrl, env), gateway: gatewayUrl(serverUrl, env) };
}

const overrideVariable = (database: HubDatabase) => `DATABASE_URL_${database === 'gateway' ? 'GATEWAY' : agencyEnvKey(database)}`;
const databaseName = (database: HubDatabase) => (database === 'gateway' ? GATEWAY_DATABASE : AGENCY_INFO[database].database);
const migrationsOf = (database: HubDatabase) => (database === 'gateway' ? [...gatewayMigrations] : [...migrations[database]]);

export interface MigrateResult {
  /** Roles of the hub that do not exist on the server (the connecting role could not create them). */
  missingRoles: string[];
}

/**
 * Creates missing databases, applies pending migrations and brings the database roles and their grants up to
 * date, for the six agencies and the gateway (docs/operations.md#database-roles):
 *
 * - connected as a superuser (the embedded default), it creates the owner role `hub_owner`, hands it the
 *   databases and everything in them (a data folder from before the roles has them owned by `postgres`), and
 *   does the rest as `hub_owner`, so nothing of the hub is owned by a superuser;
 * - otherwise the connecting role is the owner (an external server's `DATABASE_URL`);
 * - with CREATEROLE (or as a superuser) it creates the service roles and the audit reader and sets their
 *   passwords; without, it says so and grants to the roles that exist;
 * - then, as the owner, it grants each role exactly what `grantsFor` lists, in one transaction per database.
 */
export async function migrateAll(serverUrl: string, logger: Logger, passwords: RolePasswords): Promise<MigrateResult> {
  const urls = databaseUrls(serverUrl);
  const missing = new Set<string>();
  let skippedRoles = false;
  for (const database of HUB_DATABASES) {
    if (!process.env[overrideVariable(database)] && (await ensureNamedDatabase(serverUrl, databaseName(database)))) {
      logger.info({ database: databaseName(database) }, 'database created');
    }
    const grants = grantsFor(database);
    const roles = [grants.service, ...grants.readers];
    let ownerUrl = urls[database];
    let existing: string[];
    const admin = await connect(urls[database]);
    try {
      const { rows } = await admin.query<{ rolsuper: boolean; rolcreaterole: boolean }>(
        'SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user',
      );
      const { rolsuper: superuser, rolcreaterole: createrole } = rows[0];
      if (superuser) {
        await ensureLoginRole(admin, OWNER_ROLE, passwords[OWNER_ROLE], true);
        await handOver(admin, OWNER_ROLE);
        ownerUrl = asRole(urls[database], OWNER_ROLE, passwords[OWNER_ROLE]);
      }
      const applied = await migrateDatabase(`migrate-${database}`, ownerUrl, migrationsOf(database));
      if (applied.length) logger.info({ database: databaseName(database), applied }, 'migrations applied');
      if (superuser || createrole) {
        for (const role of roles) {
          try {
            await ensureLoginRole(admin, role, passwords[role], superuser);
          } catch (err) {
            logger.warn({ role, err: (err as Error).message }, 'could not create or alter this database role; left as it is');
          }
        }
      } else skippedRoles = true;
      existing = await checkRoles(admin, roles);
      for (const role of roles) if (!existing.includes(role)) missing.add(role);
    } finally {
      await admin.end();
    }
    await applyGrants(ownerUrl, grants, existing);
  }
  if (skippedRoles) {
    logger.warn(
      missing.size ? { missing: [...missing] } : { note: 'the roles exist; grants applied, passwords left as they are' },
      'the migrating role may not create roles (no CREATEROLE): database roles not created or altered; create them as docs/operations.md#database-roles says',
    );
  }
  return { missingRoles: [...missing] };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'hub-migrate' });
  await client.connect();
  return client;
}

/**
 * Creates a login role with no attribute beyond LOGIN (no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or
 * BYPASSRLS), or sets the password of an existing one. Only a superuser may name the superuser attributes in
 * ALTER ROLE, so only then are they reset too.
 */
async function ensureLoginRole(c: Client, role: string, password: string | undefined, superuser: boolean): Promise<void> {
  if (!password) throw new Error(`no password for database role ${role}`);
  const id = c.escapeIdentifier(role);
  const pw = c.escapeLiteral(password);
  const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) await c.query(`CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pw}`);
  else if (superuser) await c.query(`ALTER ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pw}`);
  else await c.query(`ALTER ROLE ${id} LOGIN PASSWORD ${pw}`);
}

/**
 * Makes `owner` the owner of the connected database, its schema `public` and everything in it (run as a
 * superuser). Identity sequences follow their tables; nothing is touched when the owner is already right.
 */
async function handOver(c: Client, owner: string): Promise<void> {
  const o = c.escapeIdentifier(owner);
  const { rows } = await c.query<{ db: string }>('SELECT current_database() AS db');
  await c.query(`ALTER DATABASE ${c.escapeIdentifier(rows[0].db)} OWNER TO ${o}`);
  await c.query(`ALTER SCHEMA public OWNER TO ${o}`);
  await c.query(`
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> ${c.escapeLiteral(owner)}::regrole
      LOOP
        EXECUTE format('ALTER %s %I OWNER TO %I',
          CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
          r.relname, ${c.escapeLiteral(owner)});
      END LOOP;
      FOR r IN SELECT s.relname FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
                WHERE n.nspname = 'public' AND s.relkind = 'S' AND s.relowner <> ${c.escapeLiteral(owner)}::regrole
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.oid AND d.deptype IN ('a', 'i'))
      LOOP
        EXECUTE format('ALTER SEQUENCE %I OWNER TO %I', r.relname, ${c.escapeLiteral(owner)});
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND p.proowner <> ${c.escapeLiteral(owner)}::regrole
      LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.sig, ${c.escapeLiteral(owner)});
      END LOOP;
      FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> ${c.escapeLiteral(owner)}::regrole
      LOOP
        EXECUTE format('ALTER TYPE %I OWNER TO %I', r.typname, ${c.escapeLiteral(owner)});
      END LOOP;
    END $$`);
}

/**
 * The roles of `roles` that exist. Refuses any that holds more than a login: a service role that is a
 * superuser, may create roles or databases, replicate, bypass row security or is a member of another role
 * (e.g. the owner) would undo the least privilege the grants give it.
 */
async function checkRoles(c: Client, roles: string[]): Promise<string[]> {
  const { rows } = await c.query<{ rolname: string; powers: string[] }>(
    `SELECT r.rolname,
            array_remove(ARRAY[
              CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
              CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
              CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END] ||
              ARRAY(SELECT 'member of ' || g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid),
            NULL) AS powers
       FROM pg_roles r WHERE r.rolname = ANY($1)`,
    [roles],
  );
  const unsafe = rows.filter((r) => r.powers.length);
  if (unsafe.length) {
    throw new Error(
      `database roles with more than a login: ${unsafe.map((r) => `${r.rolname} (${r.powers.join(', ')})`).join('; ')}. ` +
        'A service or reader role must have none of these; fix it with ALTER ROLE / REVOKE (docs/operations.md#database-roles)',
    );
  }
  return rows.map((r) => r.rolname);
}

/**
 * Grants each existing role exactly what `grants` lists, in one transaction (a running service never sees a
 * half-applied set): nobody but these roles may connect; the service reads every table of its database and
 * writes only what `grants.tables` names; the readers read only the chained tables. Run as the owner, whose
 * default privileges give the service SELECT on tables created later, too.
 */
async function applyGrants(ownerUrl: string, grants: DatabaseGrants, existing: string[]): Promise<void> {
  const c = await connect(ownerUrl);
  try {
    const id = (name: string) => c.escapeIdentifier(name);
    const roles = [grants.service, ...grants.readers].filter((r) => existing.includes(r));
    const { rows } = await c.query<{ db: string; tables: string[] }>(
      `SELECT current_database() AS db, ARRAY(SELECT tablename::text FROM pg_tables WHERE schemaname = 'public') AS tables`,
    );
    const { db, tables } = rows[0];
    await c.query('BEGIN');
    await c.query(`REVOKE ALL ON DATABASE ${id(db)} FROM PUBLIC`);
    await c.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    if (roles.length) {
      const list = roles.map(id).join(', ');
      await c.query(`GRANT CONNECT ON DATABASE ${id(db)} TO ${list}`);
      await c.query(`GRANT USAGE ON SCHEMA public TO ${list}`);
      await c.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${list}`);
      await c.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${list}`);
    }
    if (existing.includes(grants.service)) {
      const service = id(grants.service);
      for (const t of tables) if (t !== 'typeorm_migrations') await c.query(`GRANT SELECT ON ${id(t)} TO ${service}`);
      await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${service}`);
    }
    for (const g of grants.tables) {
      if (!existing.includes(g.role) || !tables.includes(g.table)) continue;
      await c.query(`GRANT ${g.privileges.join(', ')} ON ${id(g.table)} TO ${id(g.role)}`);
      // The sequences behind an inserted table's identity columns (none today: audit rows carry their own seq).
      if (g.privileges.includes('INSERT')) {
        const { rows: seqs } = await c.query<{ seq: string }>(
          `SELECT s.relname AS seq FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
             WHERE s.relkind = 'S' AND d.refobjid = $1::regclass`,
          [`public.${id(g.table)}`],
        );
        for (const { seq } of seqs) await c.query(`GRANT USAGE ON SEQUENCE ${id(seq)} TO ${id(g.role)}`);
      }
    }
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}

/**
 * Drops and recreates the hub's databases (the demo data, audit logs and everything else in them). The audit
 * anchors of the dropped chains would no longer match anything: their folder is set aside next to it.
 */
export async function resetAll(serverUrl: string, logger: Logger, passwords: RolePasswords, anchorDir: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    for (const agency of AGENCIES) {
      await client.query(`DROP DATABASE IF EXISTS "${AGENCY_INFO[agency].database}" WITH (FORCE)`);
      logger.info({ agency }, 'database dropped');
    }
    await client.query(`DROP DATABASE IF EXISTS "${GATEWAY_DATABASE}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  if (existsSync(anchorDir)) {
    const aside = `${anchorDir}.before-reset-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(anchorDir, aside);
    logger.info({ aside }, 'audit anchors of the dropped logs set aside');
  }
  await migrateAll(serverUrl, logger, passwords);
}

/** Which agencies already hold population data (the public-security register or the civil-affairs ledger…). */
export async function populatedAgencies(serverUrl: string): Promise<Agency[]> {
  const probe: Record<Agency, string> = {
    'civil-affairs': 'child_record',
    education: 'school',
    'public-security': 'person',
    health: 'immunization_status',
    'medical-insurance': 'insurance_enrolment',
    'disabled-persons': 'disability_certificate',
  };
  const urls = agencyUrls(serverUrl);
  const out: Agency[] = [];
  for (const agency of AGENCIES) {
    const client = new Client({ connectionString: urls[agency] });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${probe[agency]}) AS has`);
      if (rows[0].has) out.push(agency);
    } finally {
      await client.end();
    }
  }
  return out;
}
