import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  createLogger,
  formatErrorForClient,
  isProduction,
  listen,
  portOf,
  type Logger,
  type RunningService,
  type TokenVerifier,
} from '@hub/service-kit';
import express from 'express';
import type { DataSource } from 'typeorm';
import { gatewayAuditPlugin } from './audit';
import { type AuthorizationDecision, AuthorizingGateway, separateSecurityFeatures } from './authorization';
import { gatewayContext, type GatewayContext } from './context';
import { healthHandler } from './health';
import { ForwardingDataSource } from './subgraph-source';

export { separateSecurityFeatures } from './authorization';
export { subgraphUrlOverrides } from './subgraph-source';

/**
 * The gateway's wiring, and nothing but federation: authentication and purpose (`context.ts`), field-level
 * authorization before planning (`authorization.ts`), planning and execution by `@apollo/gateway` over the
 * composed supergraph, the subgraph data source (`subgraph-source.ts`), its own audit log (`audit.ts`) and
 * `/health`. The people-facing side (dashboard, login, reports, runs) is the portal (`portal/`).
 */
export interface GatewayOptions {
  supergraphSdl: string;
  /** Verifies bearer tokens (JWKS in production, the hub's own key in the embedded default). */
  verifyToken: TokenVerifier;
  /** 0: any free port. */
  port: number;
  host?: string;
  /** Subgraph URLs by agency, overriding those recorded in the supergraph. */
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
  /** Extra Apollo Server plugins; they run around the authorizing executor. */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /**
   * Strict mode: an operation asking for any field the caller may not see is rejected whole, instead of
   * returning that field as null with an UNAUTHORIZED_FIELD_OR_TYPE error.
   */
  rejectUnauthorized?: boolean;
  /** Told of every authorization decision (tests observe what reached the planner). */
  onAuthorizationDecision?: (decision: AuthorizationDecision) => void;
  /** The gateway's database for its audit log (`hub_gateway`); without it nothing is audited here. */
  auditDataSource?: DataSource;
  /**
   * How long a subgraph may take to answer one fetch (default 30 s, `HUB_SUBGRAPH_TIMEOUT_MS`). A subgraph
   * that hangs then degrades like one that is down, instead of holding every request that needs it.
   */
  subgraphTimeoutMs?: number;
  /** Production mode: no stack traces or internal messages to clients, no introspection (default `HUB_ENV`). */
  production?: boolean;
}

export interface RunningGateway extends RunningService {
  subgraphUrls: Record<string, string>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const logger = opts.logger ?? createLogger('gateway');
  const production = opts.production ?? isProduction();
  const overrides = opts.subgraphUrls ?? {};
  const timeoutMs = opts.subgraphTimeoutMs ?? Number(process.env.HUB_SUBGRAPH_TIMEOUT_MS ?? 30_000);
  const effectiveUrls: Record<string, string> = {};
  // The planner gets the supergraph without its security features; the wrapper enforces them first.
  const { policy, plannerSdl } = separateSecurityFeatures(opts.supergraphSdl);
  const inner = new ApolloGateway({
    supergraphSdl: plannerSdl,
    buildService({ name, url }) {
      const target = overrides[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      effectiveUrls[name] = target;
      return new ForwardingDataSource(name, target, logger, timeoutMs);
    },
    logger,
  });
  const gateway = new AuthorizingGateway(inner, {
    policy,
    rejectUnauthorized: opts.rejectUnauthorized ?? false,
    scopesOf: (context) => (context as GatewayContext).principal?.scopes ?? [],
    onDecision: (decision) => {
      // The decision travels on the request's own context to the audit plugin.
      (decision.requestContext.context as GatewayContext).decision = decision;
      opts.onAuthorizationDecision?.(decision);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatErrorForClient(formatted, error, production, logger),
    plugins: [...(opts.auditDataSource ? [gatewayAuditPlugin(opts.auditDataSource, logger)] : []), ...(opts.plugins ?? [])],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get(
    '/health',
    healthHandler(() => effectiveUrls),
  );
  app.use(
    '/graphql',
    express.json({ limit: '10mb' }),
    // Authentication and purpose come before parsing and planning: nothing reaches a subgraph without them.
    expressMiddleware(apollo, { context: ({ req }) => gatewayContext(req, opts.verifyToken) }),
  );
  const host = opts.host ?? '127.0.0.1';
  const server = await listen(app, opts.port, host);
  const port = portOf(server);
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url, subgraphs: effectiveUrls }, 'gateway listening');
  return {
    url,
    port,
    subgraphUrls: effectiveUrls,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}

export function readSupergraph(path: string): string {
  return readFileSync(path, 'utf8');
}
