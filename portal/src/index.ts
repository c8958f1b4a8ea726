import { join } from 'node:path';
import {
  createLogger,
  createTokenVerifier,
  identityProviderConfigured,
  isProduction,
  loadOrCreateSigningKey,
  oidcClientConfigFromEnv,
  parsePort,
  runServiceProcess,
  verifierOptionsFromEnv,
} from '@hub/service-kit';
import { startPortal } from './server';

/** Portal process: the dashboard and its login, reports and runs, in front of the gateway (`HUB_GATEWAY_URL`). */
const logger = createLogger('portal');

runServiceProcess(
  'portal',
  async () => {
    const host = process.env.HOST ?? '127.0.0.1';
    // The demo login stays on this machine unless asked for (HUB_DEV_LOGIN=1), and never exists in production
    // or with an identity provider: then users log in at the provider.
    const local = ['127.0.0.1', 'localhost', '::1'].includes(host) || process.env.HUB_DEV_LOGIN === '1';
    const devKeyFile = process.env.HUB_DEV_SIGNING_KEY_FILE;
    return startPortal({
      gatewayUrl: process.env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
      verifyToken: createTokenVerifier(verifierOptionsFromEnv()),
      port: parsePort(process.env.PORTAL_PORT ?? process.env.PORT ?? '4007'),
      host,
      logger,
      dashboardDir: process.env.HUB_DASHBOARD_DIR ?? join(__dirname, '..', '..', 'dashboard', 'dist'),
      reportsDir: process.env.HUB_REPORTS_DIR,
      oidc: oidcClientConfigFromEnv(),
      devSigningKey:
        !isProduction() && !identityProviderConfigured() && local && devKeyFile ? await loadOrCreateSigningKey(devKeyFile) : undefined,
    });
  },
  logger,
);
