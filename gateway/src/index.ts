import cluster from 'node:cluster';
import { join } from 'node:path';
import {
  createDataSource,
  createLogger,
  createTokenVerifier,
  gatewayDatabaseUrl,
  gatewayIdentity,
  parsePort,
  runServiceProcess,
  subgraphUrlOverrides,
  gatewayPrivateKey,
  verifierOptionsFromEnv,
} from '@hub/service-kit';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { readSupergraph, startGateway } from './server';

/** Gateway process: serves the composed supergraph file (no runtime introspection of subgraphs). */
const logger = createLogger('gateway');
const supergraphPath = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'supergraph.graphql');

/**
 * `HUB_GATEWAY_PROCESSES` (default 1, `hub start --gateway-processes`): how many gateway processes serve the one
 * port. Above 1 this process is a node:cluster primary that serves nothing itself: it forks the workers, which
 * share the listening socket (the kernel hands each connection to one of them), passes their first "listening"
 * report on to `hub start`, keeps one rate-limit count for all of them, replaces a worker that dies, and stops
 * them on SIGINT/SIGTERM. The workers are stateless: everything they keep (verified tokens, plans, filtered
 * operations) is a cache; the audit chain is appended under a database lock, whichever worker writes.
 */
const processes = Number(process.env.HUB_GATEWAY_PROCESSES ?? '1');
if (!Number.isInteger(processes) || processes < 1 || processes > 32) {
  logger.fatal({ HUB_GATEWAY_PROCESSES: process.env.HUB_GATEWAY_PROCESSES }, 'HUB_GATEWAY_PROCESSES: expected a whole number from 1 to 32');
  process.exit(1);
}
if (processes > 1 && cluster.isPrimary) runPrimary(processes);
else runWorker();

function runPrimary(n: number): void {
  new RateLimiterClusterMaster();
  let reported = false;
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('message', (_worker, message: { type?: string }) => {
    if (message?.type === 'listening' && !reported && process.send) {
      reported = true;
      process.send(message);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    // A worker that stopped cleanly (Ctrl-C reaches the whole process group) is not replaced.
    if (stopping || code === 0) {
      stopping = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker exited; starting another');
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2500).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  logger.info({ processes: n }, 'gateway: starting worker processes');
  for (let i = 0; i < n; i++) fork();
}

function runWorker(): void {
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
}
