import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLogger,
  createTokenVerifier,
  gatewayIdentity,
  gatewayPrivateKey,
  parsePort,
  runServiceProcess,
  subgraphUrlOverrides,
  verifierOptionsFromEnv,
} from '@hub/service-kit';
import { startHiveGateway } from './server';

/**
 * Hive Gateway process: the composed supergraph file (SUPERGRAPH_PATH), the same environment as the hub's gateway
 * (GATEWAY_PORT, HOST, SUBGRAPH_URL_<AGENCY>, the token verifier's JWKS/issuer settings, HUB_GATEWAY_PRIVATE_KEY or
 * HUB_GATEWAY_KEY_FILE, HUB_LIMITS, HUB_ENV). Needs no database: it keeps no audit log of its own.
 */
const logger = createLogger('hive-gateway');
const supergraphPath = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'supergraph.graphql');

runServiceProcess(
  'hive-gateway',
  async () =>
    startHiveGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      port: parsePort(process.env.GATEWAY_PORT ?? process.env.PORT ?? '4000'),
      host: process.env.HOST,
      subgraphUrls: subgraphUrlOverrides(),
      verifyToken: createTokenVerifier(verifierOptionsFromEnv()),
      identity: gatewayIdentity(await gatewayPrivateKey()),
      logger,
    }),
  logger,
);
