import { AGENCIES, agencyEnvKey } from '@hub/domain';
import { CHAINED_TABLES, type HubDatabase } from '@hub/service-kit';
import { SUBGRAPHS } from './registry';

/**
 * The hub's PostgreSQL roles (docs/operations.md#database-roles): an owner that owns the databases and runs the
 * migrations, one service role per database with only what that service does, and a read-only audit reader for
 * `hub audit verify`, the anchoring and auditors. No service connects as the owner or as a superuser.
 */
export const OWNER_ROLE = 'hub_owner';
export const AUDIT_READER_ROLE = 'hub_audit_reader';

/** The service role of a database: `hub_svc_civil_affairs`, …, `hub_svc_gateway`. */
function serviceRole(database: HubDatabase): string {
  return `hub_svc_${database.replace(/-/g, '_')}`;
}

/** The hub's databases: the six agencies' and the gateway's. */
export const HUB_DATABASES: readonly HubDatabase[] = [...AGENCIES, 'gateway'];

/** Every login role `hub migrate` manages, and the key of the variable that may set its password (`HUB_DB_PASSWORD_<key>`). */
export const DATABASE_ROLES: readonly { role: string; key: string }[] = [
  { role: OWNER_ROLE, key: 'OWNER' },
  { role: AUDIT_READER_ROLE, key: 'AUDIT_READER' },
  ...HUB_DATABASES.map((d) => ({ role: serviceRole(d), key: d === 'gateway' ? 'GATEWAY' : agencyEnvKey(d) })),
];

export type RolePasswords = Readonly<Record<string, string>>;

/** Each role's password: `HUB_DB_PASSWORD_<KEY>` if set, else the one kept in the data folder's secrets. */
export function rolePasswords(stored: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): RolePasswords {
  return Object.fromEntries(DATABASE_ROLES.map(({ role, key }) => [role, env[`HUB_DB_PASSWORD_${key}`] || stored[role]]));
}

/** The same database URL with a role's credentials instead of the operator's. */
export function asRole(url: string, role: string, password: string | undefined): string {
  const u = new URL(url);
  u.username = role;
  u.password = password ?? '';
  return u.toString();
}

/**
 * What each service writes besides its chained audit tables (what its resolvers INSERT or UPDATE). Nothing of
 * the hub DELETEs a record; the one DELETE is a nightly run's scratch list of what it saw (`finding_run`),
 * emptied once the run is done. Civil affairs records the nightly runs, their pages and the findings, and keeps the cases:
 * their tasks are updated, their history only appended to. A service reads every table of its own database.
 */
const SERVICE_WRITES: Partial<Record<HubDatabase, Readonly<Record<string, readonly ('INSERT' | 'UPDATE' | 'DELETE')[]>>>> = {
  'civil-affairs': {
    reconciliation_run: ['INSERT', 'UPDATE'],
    reconciliation_page: ['INSERT'],
    finding: ['INSERT', 'UPDATE'],
    finding_run: ['INSERT', 'DELETE'],
    hub_case: ['INSERT', 'UPDATE'],
    case_task: ['INSERT', 'UPDATE'],
    case_event: ['INSERT'],
    child_name_index: ['INSERT', 'UPDATE'],
    // The ledger kept in the hub: visits and assessments recorded, the colour updated, every write logged.
    visit: ['INSERT'],
    risk_assessment: ['INSERT'],
    care_agreement: ['INSERT'],
    work_log: ['INSERT'],
    help_record: ['INSERT'],
    child_record: ['UPDATE'],
    ledger_change: ['INSERT'],
    // The workforce ledger: trainings and appraisals recorded, the person's last training date kept current.
    training_event: ['INSERT'],
    appraisal: ['INSERT'],
    child_director: ['UPDATE'],
    child_supervisor: ['UPDATE'],
    // Screening rounds: opened and closed by the district or city; the villages' reports only ever added.
    screening_round: ['INSERT', 'UPDATE'],
    screening_report: ['INSERT'],
    // The month's statistics, counted again each night until the month is over.
    ledger_stat_month: ['INSERT', 'UPDATE'],
  },
};

/** The subgraphs that serve the gateway's audit log to auditors (civil affairs): they read the gateway's chained tables. */
const GATEWAY_AUDIT_SERVERS = AGENCIES.filter((a) => SUBGRAPHS[a].definition.servesGatewayAudit);

export interface DatabaseGrants {
  /** The database's own service: CONNECT, and SELECT on every table but the migrations' bookkeeping. */
  service: string;
  /** Other roles that may connect: the audit reader, and for the gateway's database the subgraphs serving its log. */
  readers: string[];
  /** Privileges beyond the service's SELECT, table by table. */
  tables: { role: string; table: string; privileges: string[] }[];
}

/** What each role may do in one database: generic over the chained tables of @hub/service-kit's CHAINED_TABLES. */
export function grantsFor(database: HubDatabase): DatabaseGrants {
  const service = serviceRole(database);
  const chained = CHAINED_TABLES.filter((c) => c.database === database).map((c) => c.spec.table);
  const readers = [AUDIT_READER_ROLE, ...(database === 'gateway' ? GATEWAY_AUDIT_SERVERS.map(serviceRole) : [])];
  return {
    service,
    readers,
    tables: [
      // Append and read the chain head; never UPDATE, DELETE or TRUNCATE (and the trigger refuses them anyway).
      ...chained.map((table) => ({ role: service, table, privileges: ['INSERT'] })),
      ...Object.entries(SERVICE_WRITES[database] ?? {}).map(([table, privileges]) => ({
        role: service,
        table,
        privileges: [...privileges],
      })),
      ...chained.flatMap((table) => readers.map((role) => ({ role, table, privileges: ['SELECT'] }))),
    ],
  };
}

/**
 * The database connection settings of each service `hub start` runs, for its own role: a subgraph gets
 * `DATABASE_URL_<AGENCY>` (and, serving the gateway's log, `DATABASE_URL_GATEWAY_AUDIT`), the gateway
 * `DATABASE_URL_GATEWAY`. `urls` are the databases' locations (host, port, name); the credentials are replaced.
 */
export function serviceDatabaseEnv(
  urls: Readonly<Record<HubDatabase, string>>,
  passwords: RolePasswords,
): Record<HubDatabase, NodeJS.ProcessEnv> {
  const own = (database: HubDatabase, as: HubDatabase = database) => asRole(urls[database], serviceRole(as), passwords[serviceRole(as)]);
  return {
    ...(Object.fromEntries(
      AGENCIES.map((a) => [
        a,
        {
          [`DATABASE_URL_${agencyEnvKey(a)}`]: own(a),
          ...(GATEWAY_AUDIT_SERVERS.includes(a) ? { DATABASE_URL_GATEWAY_AUDIT: own('gateway', a) } : {}),
        },
      ]),
    ) as Record<HubDatabase, NodeJS.ProcessEnv>),
    gateway: { DATABASE_URL_GATEWAY: own('gateway') },
  };
}

/** The supervisor's environment without database credentials: each service it starts gets its own role's, nothing more. */
export function withoutDatabaseCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([k]) => !/^(DATABASE_URL(_.*)?|HUB_DB_PASSWORD_.*|PGPASSWORD|PGPASSFILE|PGUSER)$/.test(k)),
  );
}
