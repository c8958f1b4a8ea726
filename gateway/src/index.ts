import { join } from 'node:path';
import {
  createDataSource,
  createLogger,
  createTokenVerifier,
  gatewayDatabaseUrl,
  gatewayIdentity,
  loadOrCreateSigningKey,
  parsePort,
  runServiceProcess,
  verifierOptionsFromEnv,
  type SigningKey,
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
    // The gateway's own key: subgraphs answer `_entities` and `_service` only to requests signed with it.
    // HUB_GATEWAY_PRIVATE_KEY (a JWK, from `hub gateway-key`), else HUB_GATEWAY_KEY_FILE (created on first use).
    const identity = gatewayIdentity(await gatewayPrivateKey());
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(supergraphPath),
      port: parsePort(process.env.GATEWAY_PORT ?? process.env.PORT ?? '4000'),
      host: process.env.HOST,
      subgraphUrls: subgraphUrlOverrides(),
      verifyToken: createTokenVerifier(verifierOptionsFromEnv()),
      rejectUnauthorized: process.env.HUB_AUTHZ_REJECT_UNAUTHORIZED === 'true',
      auditDataSource,
      identity,
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

async function gatewayPrivateKey(): Promise<SigningKey['privateJwk']> {
  if (process.env.HUB_GATEWAY_PRIVATE_KEY) return JSON.parse(process.env.HUB_GATEWAY_PRIVATE_KEY) as SigningKey['privateJwk'];
  const keyFile = process.env.HUB_GATEWAY_KEY_FILE;
  if (!keyFile) {
    throw new Error(
      'neither HUB_GATEWAY_PRIVATE_KEY nor HUB_GATEWAY_KEY_FILE is set: the gateway needs its own key to identify itself to the subgraphs',
    );
  }
  return (await loadOrCreateSigningKey(keyFile)).privateJwk;
}
