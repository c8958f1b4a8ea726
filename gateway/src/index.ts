import { join } from 'node:path';
import {
  createDataSource,
  createLogger,
  createTokenVerifier,
  gatewayDatabaseUrl,
  parsePort,
  runServiceProcess,
  verifierOptionsFromEnv,
} from '@hub/service-kit';
import { readSupergraph, startGateway, subgraphUrlOverrides } from './server';

/** Gateway process: serves the composed supergraph file (no runtime introspection of subgraphs). */
const logger = createLogger('gateway');
const supergraphPath = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'supergraph.graphql');

runServiceProcess(
  'gateway',
  async () => {
    // The audit log is not optional: without its database the gateway does not start.
    const auditDataSource = createDataSource({ name: 'gateway', url: gatewayDatabaseUrl(), poolSize: 4 });
    await auditDataSource.initialize();
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(supergraphPath),
      port: parsePort(process.env.GATEWAY_PORT ?? process.env.PORT ?? '4000'),
      host: process.env.HOST,
      subgraphUrls: subgraphUrlOverrides(),
      verifyToken: createTokenVerifier(verifierOptionsFromEnv()),
      rejectUnauthorized: process.env.HUB_AUTHZ_REJECT_UNAUTHORIZED === 'true',
      auditDataSource,
      logger,
    });
    return {
      ...gateway,
      async stop() {
        await gateway.stop();
        await auditDataSource.destroy();
      },
    };
  },
  logger,
);
