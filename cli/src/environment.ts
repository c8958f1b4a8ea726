import { join } from 'node:path';
import { parsePort } from '@hub/service-kit';
import type { Logger } from '@hub/service-kit';
import { dataDir } from './paths';
import { externalPostgres, type PostgresServer, startEmbeddedPostgres } from './postgres';
import { type HubSecrets, loadOrCreateSecrets } from './secrets';

export interface HubEnvironment {
  dataDir: string;
  secrets: HubSecrets;
  idKey: string;
  server: PostgresServer;
  logger: Logger;
}

export interface EnvironmentOptions {
  dataDir?: string;
  pgPort?: string;
}

/**
 * `DATABASE_URL` set → that server; otherwise the embedded PostgreSQL in the data folder. Everything after
 * this point is the same code path for both.
 */
export async function openEnvironment(opts: EnvironmentOptions, logger: Logger): Promise<HubEnvironment> {
  const dir = dataDir(opts.dataDir);
  const secrets = loadOrCreateSecrets(dir);
  const idKey = process.env.HUB_ID_KEY ?? secrets.idKey;
  const server = process.env.DATABASE_URL
    ? externalPostgres(process.env.DATABASE_URL)
    : await startEmbeddedPostgres({
        dir,
        port: parsePort(opts.pgPort ?? process.env.HUB_PG_PORT ?? '54329'),
        password: secrets.postgresPassword,
        logger,
      });
  return { dataDir: dir, secrets, idKey, server, logger };
}

export function logDir(env: HubEnvironment): string {
  return join(env.dataDir, 'logs');
}
