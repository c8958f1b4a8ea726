import { join } from 'node:path';
import { createLogger, createTokenVerifier, parsePort, runServiceProcess, verifierOptionsFromEnv } from '@hub/shared';
import { readSupergraph, startGateway, subgraphUrlOverrides } from './server';

/** Gateway process: serves the composed supergraph file (no runtime introspection of subgraphs). */
const logger = createLogger('gateway');
const supergraphPath = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'supergraph.graphql');

runServiceProcess(
  'gateway',
  () =>
    startGateway({
      supergraphSdl: readSupergraph(supergraphPath),
      port: parsePort(process.env.GATEWAY_PORT ?? process.env.PORT ?? '4000'),
      host: process.env.HOST,
      subgraphUrls: subgraphUrlOverrides(),
      verifyToken: createTokenVerifier(verifierOptionsFromEnv()),
      logger,
    }),
  logger,
);
