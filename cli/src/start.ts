import { AGENCIES, AGENCY_INFO, agencyEnvKey } from '@hub/domain';
import { identityProviderConfigured, loadOrCreateSigningKey, parsePort } from '@hub/service-kit';
import { signingKeyPath } from './paths';
import { migrateAll, populatedAgencies } from './database';
import { HubEnvironment, logDir } from './environment';
import { GATEWAY_ENTRY, SUPERGRAPH_PATH, subgraphEntry } from './paths';
import { seedPopulation, SeedOptions } from './seed';
import { DEFAULT_RECONCILE_CRON, scheduleReconciliation } from './schedule';
import { join } from 'node:path';
import { ManagedProcess, spawnService, stopAll, superviseRestarts, waitHealthy } from './supervisor';

export interface StartOptions {
  port: string;
  host: string;
  seedIfEmpty: boolean;
  demo: SeedOptions;
}

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo population when empty, six
 * subgraph processes and the gateway; waits for health and stays up until Ctrl-C.
 */
export async function startHub(env: HubEnvironment, opts: StartOptions): Promise<{ gatewayUrl: string; stop: () => Promise<void> }> {
  const { logger } = env;
  const processes: ManagedProcess[] = [];
  let unsupervise = () => {};
  const stop = async () => {
    unsupervise();
    await stopAll(processes, logger);
    await env.server.stop();
  };
  try {
    await migrateAll(env.server.url, logger);
    const populated = await populatedAgencies(env.server.url);
    if (populated.length === 0 && opts.seedIfEmpty) {
      logger.info({ children: opts.demo.children, seed: opts.demo.seed }, 'empty databases: seeding the demo population');
      await seedPopulation(env.server.url, env.idKey, opts.demo, logger);
    } else if (populated.length > 0 && populated.length < AGENCIES.length) {
      logger.warn({ populated }, 'only some agencies hold data (an interrupted seed?); `npm run hub -- reset` starts over');
    }

    logger.info('starting the six agency subgraphs and the gateway');
    const gatewayPort = parsePort(opts.port);
    const subgraphUrls: Record<string, string> = {};
    const signingKey = await loadOrCreateSigningKey(signingKeyPath(env.dataDir));
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: env.server.url, HUB_ID_KEY: env.idKey, HOST: opts.host };
    // An identity provider (its JWKS URL or OIDC issuer) wins; otherwise every process verifies with the hub's own key.
    const idp = identityProviderConfigured(baseEnv);
    if (!idp) baseEnv.HUB_JWT_PUBLIC_KEY = JSON.stringify(signingKey.publicJwk);
    AGENCIES.forEach((agency, i) => {
      const port = gatewayPort === 0 ? 0 : gatewayPort + 1 + i;
      const p = spawnService({
        name: agency,
        entry: subgraphEntry(agency),
        env: { ...baseEnv, PORT: String(port) },
        healthUrl: `http://${opts.host}:${port}/health`,
        logDir: logDir(env),
      });
      processes.push(p);
      subgraphUrls[`SUBGRAPH_URL_${agencyEnvKey(agency)}`] = `http://${opts.host}:${port}/graphql`;
    });
    await Promise.all(processes.map((p) => waitHealthy(p)));

    const gateway = spawnService({
      name: 'gateway',
      entry: GATEWAY_ENTRY,
      env: {
        ...baseEnv,
        ...subgraphUrls,
        GATEWAY_PORT: String(gatewayPort),
        SUPERGRAPH_PATH,
        HUB_REPORTS_DIR: join(env.dataDir, 'reports'),
        // The dashboard's dev login mints with the hub's own key; with an identity provider there is none.
        ...(idp ? {} : { HUB_DEV_SIGNING_KEY_FILE: signingKeyPath(env.dataDir) }),
      },
      healthUrl: `http://${opts.host}:${gatewayPort}/health`,
      logDir: logDir(env),
    });
    processes.push(gateway);
    await waitHealthy(gateway);
    unsupervise = superviseRestarts(processes, logger);
    const gatewayUrl = `http://${opts.host}:${gatewayPort}/graphql`;
    const nightly = scheduleReconciliation({
      cron: process.env.HUB_RECONCILE_CRON ?? DEFAULT_RECONCILE_CRON,
      gatewayUrl,
      dataDir: env.dataDir,
      region: opts.demo.region,
      logger,
      identityProvider: !!idp,
    });
    return {
      gatewayUrl,
      stop: async () => {
        await nightly.stop();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function describeAgencies(host: string, gatewayPort: number): string {
  return AGENCIES.map(
    (a, i) => `    ${AGENCY_INFO[a].title.padEnd(4, '　')} ${a.padEnd(18)} http://${host}:${gatewayPort + 1 + i}/graphql`,
  ).join('\n');
}
