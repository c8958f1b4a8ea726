import { Client } from 'pg';
import { type Agency, AGENCIES, AGENCY_INFO, agencyEnvKey } from '@hub/domain';
import { ensureDatabase, ensureNamedDatabase, GATEWAY_DATABASE, migrateAgency, migrateDatabase, withDatabase } from '@hub/service-kit';
import type { Logger } from '@hub/service-kit';
import { gatewayMigrations, migrations } from '@hub/migrations';

/** Each agency's database URL on one server (or its own `DATABASE_URL_<AGENCY>` if set). */
export function agencyUrls(serverUrl: string, env: NodeJS.ProcessEnv = process.env): Record<Agency, string> {
  return Object.fromEntries(
    AGENCIES.map((a) => [a, env[`DATABASE_URL_${agencyEnvKey(a)}`] ?? withDatabase(serverUrl, AGENCY_INFO[a].database)]),
  ) as Record<Agency, string>;
}

/** The gateway's database URL on the same server (or `DATABASE_URL_GATEWAY`). */
export function gatewayUrl(serverUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL_GATEWAY ?? withDatabase(serverUrl, GATEWAY_DATABASE);
}

/** Creates missing databases and applies pending migrations for the six agencies and the gateway. */
export async function migrateAll(serverUrl: string, logger: Logger): Promise<void> {
  const urls = agencyUrls(serverUrl);
  for (const agency of AGENCIES) {
    if (!process.env[`DATABASE_URL_${agencyEnvKey(agency)}`]) {
      if (await ensureDatabase(serverUrl, agency)) logger.info({ agency, database: AGENCY_INFO[agency].database }, 'database created');
    }
    const applied = await migrateAgency(agency, [...migrations[agency]], urls[agency]);
    if (applied.length) logger.info({ agency, applied }, 'migrations applied');
  }
  if (!process.env.DATABASE_URL_GATEWAY && (await ensureNamedDatabase(serverUrl, GATEWAY_DATABASE))) {
    logger.info({ database: GATEWAY_DATABASE }, 'database created');
  }
  const applied = await migrateDatabase('gateway', gatewayUrl(serverUrl), [...gatewayMigrations]);
  if (applied.length) logger.info({ database: GATEWAY_DATABASE, applied }, 'migrations applied');
}

/** Drops and recreates the hub's databases (the demo data, audit logs and everything else in them). */
export async function resetAll(serverUrl: string, logger: Logger): Promise<void> {
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
  await migrateAll(serverUrl, logger);
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
