import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AGENCIES, AGENCY_INFO, agencyEnvKey } from '@hub/domain';
import { gatewayMigrations, migrations } from '@hub/migrations';
import { CHAINED_TABLES, chainName, type HubDatabase, migrateDatabase } from '@hub/service-kit';
import { auth, childProcessesOf, CLI, environmentOf, gql, hubInfo, SUPERVISOR } from '../helpers/hub';

const run = promisify(execFile);

/**
 * Least privilege in PostgreSQL, through the real hub: every service connects as its own role, none as the
 * superuser or the owner, and with its credentials the audit tables cannot be rewritten — no UPDATE, DELETE or
 * TRUNCATE, no `session_replication_role = replica` around the append-only trigger, no disabling the trigger.
 */
describe('database roles', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as {
    postgresPassword: string;
    databaseRoles: Record<string, string>;
  };
  const databaseName = (d: HubDatabase) => (d === 'gateway' ? 'hub_gateway' : AGENCY_INFO[d].database);
  const serviceRole = (d: HubDatabase) => `hub_svc_${d.replace(/-/g, '_')}`;
  const SERVICE_ROLES = [...AGENCIES, 'gateway' as const].map(serviceRole);

  async function connectAs<T>(role: string, database: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const password = role === 'postgres' ? secrets.postgresPassword : secrets.databaseRoles[role];
    const c = new Client({ connectionString: `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${info.pgPort}/${database}` });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  it('the service roles and the audit reader hold a login and nothing more; the owner is no superuser either', async () => {
    const rows = await connectAs('postgres', 'postgres', (c) =>
      c
        .query(
          `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin,
                  ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) AS member_of
             FROM pg_roles r WHERE rolname = ANY($1) ORDER BY rolname`,
          [[...SERVICE_ROLES, 'hub_audit_reader', 'hub_owner']],
        )
        .then((r) => r.rows),
    );
    expect(rows.map((r) => r.rolname).sort()).toEqual([...SERVICE_ROLES, 'hub_audit_reader', 'hub_owner'].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ rolsuper: false, rolreplication: false, rolbypassrls: false, rolcanlogin: true, member_of: [] });
      if (r.rolname !== 'hub_owner') expect(r).toMatchObject({ rolcreaterole: false, rolcreatedb: false });
    }
    // The owner owns every database of the hub and everything in them; no service role owns anything.
    const owners = await connectAs('postgres', 'postgres', (c) =>
      c.query(`SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname LIKE 'hub\\_%'`).then((r) => r.rows),
    );
    expect(owners.every((o) => o.owner === 'hub_owner')).toBe(true);
    for (const database of ['hub_civil_affairs', 'hub_gateway']) {
      const notOwner = await connectAs('postgres', database, (c) =>
        c
          .query(
            `SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class
              WHERE relnamespace = 'public'::regnamespace AND relowner <> 'hub_owner'::regrole`,
          )
          .then((r) => r.rows),
      );
      expect(notOwner).toEqual([]);
    }
  });

  describe.each(CHAINED_TABLES.map((c) => [chainName(c), c] as const))('%s', (_name, chain) => {
    const role = serviceRole(chain.database);
    const table = chain.spec.table;
    const db = databaseName(chain.database);

    it('its service role appends and reads it, and can neither change nor empty it', async () => {
      await connectAs(role, db, async (c) => {
        const { rows } = await c.query(
          `SELECT has_table_privilege($1, 'INSERT') AS ins, has_table_privilege($1, 'SELECT') AS sel,
                  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super`,
          [table],
        );
        expect(rows[0]).toEqual({ ins: true, sel: true, super: false });
        // Refused before a row is looked at: the role has no such privilege (the trigger would refuse too).
        await expect(c.query(`UPDATE ${table} SET seq = seq WHERE false`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(c.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(c.query(`TRUNCATE ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
      });
    });

    it('its service role can get around the append-only trigger neither by replication role nor by disabling it', async () => {
      await connectAs(role, db, async (c) => {
        await expect(c.query(`SET session_replication_role = replica`)).rejects.toThrow(
          'permission denied to set parameter "session_replication_role"',
        );
        await c.query('BEGIN');
        await expect(c.query(`SET LOCAL session_replication_role = replica`)).rejects.toThrow('permission denied to set parameter');
        await c.query('ROLLBACK');
        await expect(c.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(`must be owner of table ${table}`);
        await expect(c.query(`ALTER TABLE ${table} OWNER TO ${role}`)).rejects.toThrow(`must be owner of table ${table}`);
        await expect(c.query(`DROP TABLE ${table}`)).rejects.toThrow(`must be owner of table ${table}`);
      });
    });

    it('the audit reader reads it and nothing else', async () => {
      await connectAs('hub_audit_reader', db, async (c) => {
        await c.query(`SELECT seq, hash FROM ${table} ORDER BY seq DESC LIMIT 1`);
        await expect(c.query(`INSERT INTO ${table} (seq) VALUES (0)`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(c.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(`permission denied for table ${table}`);
      });
    });
  });

  it('a service role reads no other agency’s database, and nobody but the roles that need it may connect', async () => {
    await expect(connectAs('hub_svc_education', 'hub_civil_affairs', async () => undefined)).rejects.toThrow(
      'permission denied for database "hub_civil_affairs"',
    );
    await expect(connectAs('hub_svc_gateway', 'hub_health', async () => undefined)).rejects.toThrow(
      'permission denied for database "hub_health"',
    );
    await expect(connectAs('hub_svc_health', 'hub_gateway', async () => undefined)).rejects.toThrow(
      'permission denied for database "hub_gateway"',
    );
    // Civil affairs serves the gateway's log to auditors: it reads it, and writes nothing there.
    await connectAs('hub_svc_civil_affairs', 'hub_gateway', async (c) => {
      await c.query('SELECT count(*) FROM gateway_audit_log');
      await expect(c.query(`INSERT INTO gateway_audit_log (seq) VALUES (0)`)).rejects.toThrow(
        'permission denied for table gateway_audit_log',
      );
    });
    // The audit reader reads the logs, not the agencies' records.
    await connectAs('hub_audit_reader', 'hub_civil_affairs', async (c) => {
      await expect(c.query('SELECT count(*) FROM child_record')).rejects.toThrow('permission denied for table child_record');
    });
    // Nobody creates tables, temporary or not, but the owner.
    await connectAs('hub_svc_education', 'hub_education', async (c) => {
      await expect(c.query('CREATE TABLE x (a int)')).rejects.toThrow('permission denied for schema public');
      await expect(c.query('CREATE TEMP TABLE x (a int)')).rejects.toThrow('permission denied to create temporary tables');
    });
  });

  it('no database role can read the audit anchor key (or any other file of the server)', async () => {
    const keyFile = join(info.dataDir, 'audit-anchor-key.json');
    for (const role of [...SERVICE_ROLES, 'hub_audit_reader']) {
      const database = role === 'hub_svc_gateway' || role === 'hub_audit_reader' ? 'hub_gateway' : `hub_${role.slice('hub_svc_'.length)}`;
      await connectAs(role, database, async (c) => {
        await expect(c.query('SELECT pg_read_file($1)', [keyFile])).rejects.toThrow('permission denied for function pg_read_file');
      });
    }
  });

  it('a data folder from before the roles: the next migrate hands every object to hub_owner and grants the roles', async () => {
    // Seven databases migrated the old way, as postgres (so postgres owns everything and PUBLIC may connect),
    // then `hub migrate` pointed at them (DATABASE_URL_<AGENCY>, DATABASE_URL_GATEWAY) as an upgrade would run it.
    const server = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}`;
    const old = (d: HubDatabase) => `upgrade_${d.replace(/-/g, '_')}`;
    const databases = [...AGENCIES, 'gateway' as const];
    const drop = () =>
      connectAs('postgres', 'postgres', async (c) => {
        for (const d of databases) await c.query(`DROP DATABASE IF EXISTS ${old(d)} WITH (FORCE)`);
      });
    await drop();
    try {
      await connectAs('postgres', 'postgres', async (c) => {
        for (const d of databases) await c.query(`CREATE DATABASE ${old(d)}`);
      });
      for (const d of databases)
        await migrateDatabase(`upgrade-${d}`, `${server}/${old(d)}`, d === 'gateway' ? [...gatewayMigrations] : [...migrations[d]]);
      const env = {
        ...process.env,
        LOG_LEVEL: 'warn',
        HUB_DATA_DIR: info.dataDir, // the test hub's role passwords: migrate sets them again, unchanged
        DATABASE_URL: `${server}/postgres`,
        ...Object.fromEntries(
          databases.map((d) => [`DATABASE_URL_${d === 'gateway' ? 'GATEWAY' : agencyEnvKey(d)}`, `${server}/${old(d)}`]),
        ),
      };
      await run(process.execPath, [CLI, 'migrate'], { env });
      for (const d of databases) {
        const state = await connectAs('postgres', old(d), (c) =>
          c
            .query(
              `SELECT (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS db_owner,
                      ARRAY(SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relowner <> 'hub_owner'::regrole) AS not_owned,
                      ARRAY(SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proowner <> 'hub_owner'::regrole) AS functions_not_owned,
                      has_database_privilege('public', current_database(), 'CONNECT') AS public_connect,
                      has_database_privilege($1, current_database(), 'CONNECT') AS service_connect,
                      has_table_privilege($1, $2, 'INSERT') AS service_insert,
                      has_table_privilege($1, $2, 'UPDATE') AS service_update,
                      has_table_privilege('hub_audit_reader', $2, 'SELECT') AS reader_select`,
              [serviceRole(d), d === 'gateway' ? 'gateway_audit_log' : 'audit_log'],
            )
            .then((r) => r.rows[0]),
        );
        expect({ d, ...state }).toEqual({
          d,
          db_owner: 'hub_owner',
          not_owned: [],
          functions_not_owned: [],
          public_connect: false,
          service_connect: true,
          service_insert: true,
          service_update: false,
          reader_select: true,
        });
      }
    } finally {
      await drop();
    }
  });

  it('every service process is connected as its own role, none as postgres or the owner, over the Unix socket', async () => {
    // Requests that reach every agency and the gateway's log (served by civil affairs), then at once the
    // connections they used (idle pool connections close after 10 s).
    const requestId = `roles-${randomUUID()}`;
    const res = await gql(
      info.gateway,
      `{ roster(first: 50) { nodes { id welfare { name } household { name } enrolments { status } immunization { dosesDue }
           insuranceEnrolments { year } disabilityCertificates { type } } } }`,
      undefined,
      { ...SUPERVISOR(), 'x-request-id': requestId },
    );
    expect(res.body.errors).toBeUndefined();
    const audit = await gql(info.gateway, '{ gatewayAuditLog(first: 1) { nodes { seq } } }', undefined, auth('auditor', '50', 'audit'));
    expect(audit.body.errors).toBeUndefined();
    const rows = await connectAs('postgres', 'postgres', (c) =>
      c
        .query<{ application_name: string; usename: string; datname: string; over_socket: boolean }>(
          // client_addr is null for a connection over the Unix socket (HUB_PG_SOCKET, docs/operations.md).
          `SELECT application_name, usename, datname, bool_and(client_addr IS NULL) AS over_socket FROM pg_stat_activity
            WHERE application_name LIKE 'hub-%' GROUP BY 1, 2, 3 ORDER BY 1`,
        )
        .then((r) => r.rows),
    );
    const expected: Record<string, [string, string]> = {
      ...Object.fromEntries(AGENCIES.map((a) => [`hub-${a}`, [serviceRole(a), AGENCY_INFO[a].database]])),
      'hub-gateway': ['hub_svc_gateway', 'hub_gateway'],
      'hub-civil-affairs-gateway-audit': ['hub_svc_civil_affairs', 'hub_gateway'],
    };
    for (const name of Object.keys(expected)) expect(rows.map((r) => r.application_name)).toContain(name);
    for (const r of rows) {
      expect([r.application_name, r.over_socket]).toEqual([r.application_name, true]);
      expect(r.usename).not.toBe('postgres');
      expect(r.usename).not.toBe('hub_owner');
      if (expected[r.application_name])
        expect([r.application_name, r.usename, r.datname]).toEqual([r.application_name, ...expected[r.application_name]]);
      // The supervisor's anchoring reads as the audit reader.
      else expect([r.application_name, r.usename]).toEqual(['hub-audit-anchor', 'hub_audit_reader']);
    }
  });
  it('every service runs its libraries in production mode, and the hub in its own mode (development here)', async () => {
    // The services `hub start` runs: its child processes running a service's build.
    const services = childProcessesOf(info.pid)
      .filter((c) => /\/dist\/index\.js(\0|$)/.test(c.cmd))
      .map((c) => {
        const { NODE_ENV, HUB_ENV } = environmentOf(c.pid);
        return { cmd: c.cmd, env: { NODE_ENV, HUB_ENV } };
      });
    // Six subgraphs, the gateway and the portal.
    expect(services).toHaveLength(8);
    for (const s of services) expect(s).toEqual({ cmd: s.cmd, env: { NODE_ENV: 'production', HUB_ENV: 'development' } });
    // Development behaviour follows HUB_ENV: the gateway still answers introspection.
    const res = await gql(info.gateway, '{ __schema { queryType { name } } }', undefined, SUPERVISOR());
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
