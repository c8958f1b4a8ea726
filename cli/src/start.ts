import { join } from 'node:path';
import { AGENCIES, AGENCY_INFO, agencyEnvKey, type Agency } from '@hub/domain';
import { identityProviderConfigured, isProduction, loadOrCreateSigningKey, parsePort } from '@hub/service-kit';
import { anchorWhileRunning } from './audit';
import { databaseUrls, migrateAll, populatedAgencies } from './database';
import { type HubEnvironment, logDir } from './environment';
import { GATEWAY_ENTRY, gatewayKeyPath, PORTAL_ENTRY, signingKeyPath, subgraphEntry, SUPERGRAPH_PATH } from './paths';
import { DEFAULT_RECONCILE_CRON, scheduleReconciliation } from './schedule';
import { seedPopulation, type SeedOptions } from './seed';
import { rolePasswords, serviceDatabaseEnv, withoutDatabaseCredentials } from './roles';
import { type ManagedProcess, spawnService, stopAll, superviseRestarts, waitHealthy } from './supervisor';

export interface StartOptions {
  /** The gateway's port; the six subgraphs take the next six and the portal the one after (0: any free ports). */
  port: string;
  /** The portal's port, if not the one after the subgraphs'. */
  portalPort?: string;
  host: string;
  /** Gateway processes sharing its port (`HUB_GATEWAY_PROCESSES`); default 1. */
  gatewayProcesses?: string;
  seedIfEmpty: boolean;
  demo: SeedOptions;
}

export interface RunningHub {
  gatewayUrl: string;
  portalUrl: string;
  dashboardUrl: string;
  subgraphUrls: Record<Agency, string>;
  stop(): Promise<void>;
}

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo population when empty, six subgraph
 * processes, the gateway and the portal; waits for health and stays up until Ctrl-C.
 */
export async function startHub(env: HubEnvironment, opts: StartOptions): Promise<RunningHub> {
  const { logger } = env;
  const processes: ManagedProcess[] = [];
  let unsupervise = () => {};
  const stop = async () => {
    unsupervise();
    // The front doors first, so that what they still have in flight finds the subgraphs up; then the rest.
    const front = processes.filter((p) => p.name === 'portal' || p.name === 'gateway');
    await stopAll(front, logger);
    await stopAll(
      processes.filter((p) => !front.includes(p)),
      logger,
    );
    await env.server.stop();
  };
  try {
    const passwords = rolePasswords(env.secrets.databaseRoles);
    const { missingRoles } = await migrateAll(env.server.url, logger, passwords);
    if (missingRoles.length) {
      throw new Error(
        `database roles missing: ${missingRoles.join(', ')}; no service connects as the owner or a superuser, so create them (docs/operations.md#database-roles)`,
      );
    }
    const populated = await populatedAgencies(env.server.url);
    if (populated.length === 0 && opts.seedIfEmpty) {
      logger.info({ children: opts.demo.children, seed: opts.demo.seed }, 'empty databases: seeding the demo population');
      await seedPopulation(env.server.url, env.idKey, opts.demo, logger);
    } else if (populated.length > 0 && populated.length < AGENCIES.length) {
      logger.warn({ populated }, 'only some agencies hold data (an interrupted seed?); `npm run hub -- reset` starts over');
    }

    logger.info('starting the six agency subgraphs, the gateway and the portal');
    const basePort = parsePort(opts.port);
    const portAt = (offset: number) => String(basePort === 0 ? 0 : basePort + offset);
    const signingKey = await loadOrCreateSigningKey(signingKeyPath(env.dataDir));
    // No service gets the server's (owner's or superuser's) credentials: each gets its own database role's.
    const databaseEnv = serviceDatabaseEnv(databaseUrls(env.server.url), passwords);
    const baseEnv: NodeJS.ProcessEnv = {
      ...withoutDatabaseCredentials(process.env),
      HUB_ID_KEY: env.idKey,
      HOST: opts.host,
      ...libraryModeEnv(),
    };
    // An identity provider (its JWKS URL or OIDC issuer) wins; otherwise every process verifies with the hub's own key.
    const idp = identityProviderConfigured(baseEnv);
    if (!idp) baseEnv.HUB_JWT_PUBLIC_KEY = JSON.stringify(signingKey.publicJwk);
    // The gateway's own identity key: the subgraphs answer `_entities`/`_service` only to requests it signed.
    const gatewayKey = await loadOrCreateSigningKey(gatewayKeyPath(env.dataDir));
    baseEnv.HUB_GATEWAY_PUBLIC_KEY = JSON.stringify(gatewayKey.publicJwk);
    const service = (name: string, entry: string, portVariable: string, port: string, extra: NodeJS.ProcessEnv = {}) => {
      const p = spawnService({ name, entry, portVariable, env: { ...baseEnv, ...extra, [portVariable]: port }, logDir: logDir(env) });
      processes.push(p);
      return p;
    };

    const subgraphs = AGENCIES.map((agency, i) => service(agency, subgraphEntry(agency), 'PORT', portAt(1 + i), databaseEnv[agency]));
    await Promise.all(subgraphs.map((p) => waitHealthy(p)));
    const subgraphUrls = Object.fromEntries(AGENCIES.map((a, i) => [a, subgraphs[i].url!])) as Record<Agency, string>;

    const gateway = service('gateway', GATEWAY_ENTRY, 'GATEWAY_PORT', portAt(0), {
      ...databaseEnv.gateway,
      HUB_GATEWAY_KEY_FILE: gatewayKeyPath(env.dataDir),
      HUB_GATEWAY_PROCESSES: opts.gatewayProcesses ?? baseEnv.HUB_GATEWAY_PROCESSES ?? '1',
      SUPERGRAPH_PATH,
      ...Object.fromEntries(AGENCIES.map((a) => [`SUBGRAPH_URL_${agencyEnvKey(a)}`, subgraphUrls[a]])),
    });
    await waitHealthy(gateway);
    const gatewayUrl = gateway.url!;

    const portal = service('portal', PORTAL_ENTRY, 'PORTAL_PORT', opts.portalPort ?? portAt(AGENCIES.length + 1), {
      HUB_GATEWAY_URL: gatewayUrl,
      HUB_REPORTS_DIR: join(env.dataDir, 'reports'),
      // The dashboard's demo login mints with the hub's own key; with an identity provider there is none.
      ...(idp ? {} : { HUB_DEV_SIGNING_KEY_FILE: signingKeyPath(env.dataDir) }),
    });
    await waitHealthy(portal);
    unsupervise = superviseRestarts(processes, logger);

    const nightly = scheduleReconciliation({
      cron: process.env.HUB_RECONCILE_CRON ?? DEFAULT_RECONCILE_CRON,
      gatewayUrl,
      dataDir: env.dataDir,
      region: opts.demo.region,
      logger,
      identityProvider: !!idp,
      token: process.env.HUB_TOKEN,
    });
    // The audit chains' heads, signed every interval with a key no database role can read (docs/access.md#audit-anchors).
    const anchoring = anchorWhileRunning({ urls: databaseUrls(env.server.url), passwords, dataDir: env.dataDir, logger });
    return {
      gatewayUrl,
      portalUrl: portal.url!,
      dashboardUrl: `${portal.url!}/dashboard/`,
      subgraphUrls,
      stop: async () => {
        await anchoring.stop();
        await nightly.stop();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The banner's list of subgraphs: agency in Chinese, name and URL. */
export function describeAgencies(urls: Record<Agency, string>): string {
  return AGENCIES.map((a) => `    ${AGENCY_INFO[a].title.padEnd(4, '　')} ${a.padEnd(18)} ${urls[a]}`).join('\n');
}

/**
 * The services' libraries always run in their production mode (`NODE_ENV=production`), and the hub's own mode is
 * passed on as `HUB_ENV`, decided here as before (HUB_ENV, else NODE_ENV). In development mode graphql-js checks every
 * failed `instanceof` of a type (is it a list? non-null? an object type?) for a second copy of itself, reading
 * `Symbol.toStringTag` off the value, on every field of every request; @apollo/gateway re-validates the supergraph.
 * The hub's development behaviour (demo login, introspection, error details) follows HUB_ENV and is unchanged.
 */
function libraryModeEnv(): NodeJS.ProcessEnv {
  return { HUB_ENV: isProduction() ? 'production' : 'development', NODE_ENV: 'production' };
}
