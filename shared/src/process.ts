import { types } from 'pg';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { createTokenVerifier, verifierOptionsFromEnv, type VerifierOptions } from './auth';
import { databaseUrlFor, GATEWAY_DATABASE, portFor, withDatabase } from './config';
import { createAgencyDataSource, createDataSource } from './db';
import { createLogger, Logger } from './logger';
import { buildFederatedSchema, RunningService, serveSubgraph, SubgraphDefinition } from './subgraph';

// DATE columns are civil dates: keep them as 'YYYY-MM-DD' strings instead of local-midnight Date objects.
types.setTypeParser(1082, (value: string) => value);

export interface SubgraphModule {
  definition: SubgraphDefinition;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
}

/** Connects the agency's database, builds the schema and listens. Used by tests and by `index.ts`. */
export async function startSubgraph(
  mod: SubgraphModule,
  opts: { port?: number; host?: string; databaseUrl?: string; verifier?: VerifierOptions } = {},
): Promise<RunningService> {
  const { agency } = mod.definition;
  const dataSource = createAgencyDataSource({ agency, entities: mod.entities, url: opts.databaseUrl });
  await dataSource.initialize();
  let gatewayAuditDataSource: DataSource | undefined;
  if (mod.definition.servesGatewayAudit) {
    const url = process.env.DATABASE_URL_GATEWAY ?? withDatabase(opts.databaseUrl ?? databaseUrlFor(agency), GATEWAY_DATABASE);
    gatewayAuditDataSource = createDataSource({ name: `${agency}-gateway-audit`, url, poolSize: 2 });
    await gatewayAuditDataSource.initialize();
  }
  const schema = await buildFederatedSchema(mod.definition);
  const verifyToken = createTokenVerifier(opts.verifier ?? verifierOptionsFromEnv());
  const running = await serveSubgraph({
    agency,
    schema,
    dataSource,
    gatewayAuditDataSource,
    verifyToken,
    port: opts.port ?? portFor(agency),
    host: opts.host ?? process.env.HOST,
  });
  return {
    ...running,
    async stop() {
      await running.stop();
      await dataSource.destroy();
      await gatewayAuditDataSource?.destroy();
    },
  };
}

/** Entry point of a subgraph process: start, and shut down cleanly on SIGINT/SIGTERM. */
export function runSubgraphProcess(mod: SubgraphModule): void {
  runServiceProcess(mod.definition.agency, () => startSubgraph(mod));
}

/**
 * Runs a service until SIGINT/SIGTERM, then stops it (closing connections and the database pool) before
 * exiting; a failure to start is logged and exits non-zero.
 */
export function runServiceProcess(
  name: string,
  start: () => Promise<{ stop(): Promise<void> }>,
  logger: Logger = createLogger(name),
): void {
  start().then(
    (running) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        // A terminal's Ctrl-C reaches every process of the group and the supervisor passes it on too:
        // the second signal must not cut the clean shutdown short.
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (err: unknown) => {
      logger.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    },
  );
}
