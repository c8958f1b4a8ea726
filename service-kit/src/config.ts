import { type Agency, AGENCIES, AGENCY_INFO, agencyEnvKey } from '@hub/domain';

/** `production` hides error details and (later) turns off introspection and the dev login. */
export function isProduction(): boolean {
  return (process.env.HUB_ENV ?? process.env.NODE_ENV) === 'production';
}

/**
 * Connection string of an agency's database. `DATABASE_URL_<AGENCY>` wins; otherwise `DATABASE_URL`
 * names the server and the agency's database name replaces its path. Both the embedded default and an
 * external server go through here, so there is one code path.
 */
export function databaseUrlFor(agency: Agency, env: NodeJS.ProcessEnv = process.env): string {
  const specific = env[`DATABASE_URL_${agencyEnvKey(agency)}`];
  if (specific) return specific;
  const server = env.DATABASE_URL;
  if (!server) {
    throw new Error(`No database configured for ${agency}: set DATABASE_URL (a PostgreSQL server) or DATABASE_URL_${agencyEnvKey(agency)}`);
  }
  return withDatabase(server, AGENCY_INFO[agency].database);
}

/** The gateway's own database: its audit log. */
export const GATEWAY_DATABASE = 'hub_gateway';

/** Connection string of the gateway's database: `DATABASE_URL_GATEWAY`, else `DATABASE_URL`'s server. */
export function gatewayDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL_GATEWAY) return env.DATABASE_URL_GATEWAY;
  if (!env.DATABASE_URL) throw new Error('No database configured for the gateway: set DATABASE_URL or DATABASE_URL_GATEWAY');
  return withDatabase(env.DATABASE_URL, GATEWAY_DATABASE);
}

/**
 * Where a subgraph that serves the gateway's audit log to auditors (civil affairs) reads it:
 * `DATABASE_URL_GATEWAY_AUDIT` (`hub start` sets it, with that subgraph's own database role), else
 * `DATABASE_URL_GATEWAY`, else the gateway's database on the subgraph's own server, with its own credentials.
 */
export function gatewayAuditReadUrl(agencyDatabaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL_GATEWAY_AUDIT ?? env.DATABASE_URL_GATEWAY ?? withDatabase(agencyDatabaseUrl, GATEWAY_DATABASE);
}

/** The same server URL pointing at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function portFor(agency: Agency, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`PORT_${agencyEnvKey(agency)}`] ?? env.PORT;
  return raw ? parsePort(raw) : AGENCY_INFO[agency].defaultPort;
}

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
}

/**
 * Subgraph URL overrides: the supergraph file records each subgraph's default URL; deployments move them
 * with `SUBGRAPH_URL_<AGENCY>` (e.g. the compose file's service names) without recomposing.
 */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const agency of AGENCIES) {
    const url = env[`SUBGRAPH_URL_${agencyEnvKey(agency)}`];
    if (url) out[agency] = url;
  }
  return out;
}
