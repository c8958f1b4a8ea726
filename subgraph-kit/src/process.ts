import type { JWK } from 'jose';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import {
  createAgencyDataSource,
  createDataSource,
  createTokenVerifier,
  databaseUrlFor,
  gatewayAuditReadUrl,
  portFor,
  runServiceProcess,
  verifierOptionsFromEnv,
  type RunningService,
  type VerifierOptions,
} from '@hub/service-kit';
import { buildFederatedSchema, type SubgraphDefinition } from './schema';
import { serveSubgraph } from './server';
import { CountingSqlLogger } from './sql-count';

export interface SubgraphModule {
  definition: SubgraphDefinition;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /**
   * Work the service keeps doing in the background while it runs (e.g. keeping a search index current), started
   * once it listens; the function it returns stops it (awaited before the database closes).
   */
  background?: (dataSource: DataSource) => () => Promise<void>;
}

/** Connects the agency's database, builds the schema and listens. Used by tests and by `index.ts`. */
async function startSubgraph(
  mod: SubgraphModule,
  opts: { port?: number; host?: string; databaseUrl?: string; verifier?: VerifierOptions } = {},
): Promise<RunningService> {
  const { agency } = mod.definition;
  const dataSource = createAgencyDataSource({ agency, entities: mod.entities, url: opts.databaseUrl, sqlLogger: new CountingSqlLogger() });
  await dataSource.initialize();
  let gatewayAuditDataSource: DataSource | undefined;
  if (mod.definition.servesGatewayAudit) {
    const url = gatewayAuditReadUrl(opts.databaseUrl ?? databaseUrlFor(agency));
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
    // The gateway's public key (JWK as JSON): only requests signed with its identity may use `_entities`/`_service`.
    gatewayPublicKey: process.env.HUB_GATEWAY_PUBLIC_KEY ? (JSON.parse(process.env.HUB_GATEWAY_PUBLIC_KEY) as JWK) : undefined,
    port: opts.port ?? portFor(agency),
    host: opts.host ?? process.env.HOST,
  });
  const stopBackground = mod.background?.(dataSource);
  return {
    ...running,
    async stop() {
      await running.stop();
      await stopBackground?.();
      await dataSource.destroy();
      await gatewayAuditDataSource?.destroy();
    },
  };
}

/** Entry point of a subgraph process: start, and shut down cleanly on SIGINT/SIGTERM. */
export function runSubgraphProcess(mod: SubgraphModule): void {
  runServiceProcess(mod.definition.agency, () => startSubgraph(mod));
}
