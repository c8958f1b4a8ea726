import {
  createLogger,
  closeServer,
  jsonErrors,
  listen,
  portOf,
  type Logger,
  type OidcClientConfig,
  type RunningService,
  type SigningKey,
  type TokenVerifier,
} from '@hub/service-kit';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { authRoutes } from './auth-routes';
import { graphqlProxy } from './graphql-proxy';
import { regionRoutes } from './regions';
import { reportRoutes } from './reports';
import { runRoutes } from './runs';

/**
 * The people-facing side of the hub: serves the dashboard (民政工作台) and what it needs besides the graph —
 * the login configuration (demo login or the OIDC provider), report downloads and starting a run — and passes
 * its GraphQL calls on to the gateway. It holds no database and no personal data of its own: everything it
 * shows or checks comes through the gateway, as the logged-in user.
 */
export interface PortalOptions {
  /** The gateway's GraphQL endpoint. */
  gatewayUrl: string;
  verifyToken: TokenVerifier;
  /** 0: any free port. */
  port: number;
  host?: string;
  logger?: Logger;
  /** The built dashboard (dashboard/dist), served at `/dashboard`. */
  dashboardDir?: string;
  /** Folder of the reconciliation reports, served at `/reports/<run id>.xlsx|.json`. */
  reportsDir?: string;
  /** Production login: the OIDC provider. With it there is no demo login, whatever else is configured. */
  oidc?: OidcClientConfig;
  /** The embedded default's demo login (`POST /auth/dev-token`) mints with this key; never in production. */
  devSigningKey?: SigningKey;
}

export async function startPortal(opts: PortalOptions): Promise<RunningService & { dashboardUrl: string }> {
  const logger = opts.logger ?? createLogger('portal');
  const host = opts.host ?? '127.0.0.1';
  const app = express();
  app.disable('x-powered-by');
  // The dashboard's pages load only their own scripts and styles and talk only to this origin (and, for the
  // production login, to the identity provider); no framing, no sniffing, no referrer to other sites.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", ...(opts.oidc ? [new URL(opts.oidc.issuer).origin] : [])],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': null,
        },
      },
      // Plain HTTP on loopback in the embedded default; behind TLS the proxy in front sets HSTS.
      strictTransportSecurity: false,
    }),
  );
  // Compressed answers (gzip, or deflate): the dashboard's scripts and the graph's JSON are text, and a village child
  // director may be on a slow mobile line (docs/dashboard.md#loading).
  app.use(compression());
  app.get('/health', async (_req, res) => {
    const gateway = await fetch(opts.gatewayUrl.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) }).then(
      (r) => (r.ok ? 'ok' : `http ${r.status}`),
      () => 'unreachable',
    );
    res.status(gateway === 'ok' ? 200 : 503).json({ status: gateway === 'ok' ? 'ok' : 'degraded', gateway });
  });
  app.use('/graphql', ...graphqlProxy(opts.gatewayUrl));
  // Place names for the pages and the login's jurisdiction picker (public, as the standard they come from).
  app.use(regionRoutes());
  app.use(authRoutes({ verifyToken: opts.verifyToken, logger, oidc: opts.oidc, devSigningKey: opts.devSigningKey }));
  if (opts.reportsDir)
    app.use(reportRoutes({ reportsDir: opts.reportsDir, gatewayUrl: opts.gatewayUrl, verifyToken: opts.verifyToken, logger }));
  const runs = runRoutes({ gatewayUrl: opts.gatewayUrl, reportsDir: opts.reportsDir, verifyToken: opts.verifyToken, logger });
  app.use(runs.router);
  if (opts.dashboardDir) {
    const dir = opts.dashboardDir;
    app.use('/dashboard', express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // The app routes in the browser (#/…); any other path under /dashboard gets the app.
    app.get(/^\/dashboard(\/.*)?$/, (_req, res) => res.sendFile('index.html', { root: dir }));
    app.get('/', (_req, res) => res.redirect('/dashboard/'));
  }
  const errors = jsonErrors({ logger, graphqlPaths: ['/graphql'] });
  app.use(errors.notFound);
  app.use(errors.errorHandler);
  const server = await listen(app, opts.port, host);
  const port = portOf(server);
  const url = `http://${host}:${port}`;
  logger.info({ url, gateway: opts.gatewayUrl }, 'portal listening');
  return {
    url,
    port,
    dashboardUrl: `${url}/dashboard/`,
    async stop() {
      runs.stop();
      await closeServer(server);
    },
  };
}
