import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  closeServer,
  createLogger,
  enforceScalars,
  formatErrorForClient,
  graphqlListener,
  isProduction,
  limitsConfig,
  limitsFor,
  listen,
  MAX_TOKENS,
  portOf,
  type LimitsConfig,
  type Logger,
  type RunningService,
  type TokenVerifier,
} from '@hub/service-kit';
import type { DataSource } from 'typeorm';
import { gatewayAuditPlugin } from './audit';
import { type AuthorizationDecision, AuthorizingGateway, separateSecurityFeatures } from './authorization';
import { gatewayContext, identifyCaller, type GatewayContext } from './context';
import { healthHandler } from './health';
import { operationGuardPlugin } from './operation-guard';
import { RateLimits } from './rate-limits';
import { RefusalLog } from './refusals';
import { ForwardingDataSource } from './subgraph-source';

export { separateSecurityFeatures } from './authorization';

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
  /** The gateway's own identity towards the subgraphs (`x-hub-gateway`); without it they refuse `_entities`. */
  identity?: () => Promise<string>;
  /** Operation, body and rate limits per role (default `HUB_LIMITS` over the built-in defaults). */
  limits?: LimitsConfig;
  /** Off: no per-principal rate limit (tests that measure something else). Default on. */
  rateLimit?: boolean;
  /** Aggregation window of the refusal log, seconds (default 60, `HUB_REFUSAL_WINDOW_SECONDS`). */
  refusalWindowSeconds?: number;
}

/** Largest body of a request whose token does not verify (it is refused anyway; its body need not be read). */
const UNAUTHENTICATED_BODY_BYTES = 16 * 1024;

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
      return new ForwardingDataSource(name, target, logger, timeoutMs, opts.identity);
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
  const limits = opts.limits ?? limitsConfig();
  const refusals = opts.auditDataSource
    ? new RefusalLog(opts.auditDataSource, logger, opts.refusalWindowSeconds ?? Number(process.env.HUB_REFUSAL_WINDOW_SECONDS ?? 60))
    : undefined;
  const rateLimits = opts.rateLimit === false ? undefined : new RateLimits(limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // runServiceProcess handles SIGTERM/SIGINT (Apollo's own handler would re-raise the signal mid-shutdown).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // No "Did you mean …?" in production: the schema is not for guessing.
    hideSchemaDetailsFromClientErrors: production,
    // Operations arrive as text: no automatic persisted queries (nothing here uses them; one less cache to poison).
    persistedQueries: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: (formatted, error) => formatErrorForClient(formatted, error, production, logger),
    plugins: [
      operationGuardPlugin(limits),
      ...(refusals ? [refusalPlugin(refusals)] : []),
      ...(opts.auditDataSource ? [gatewayAuditPlugin(opts.auditDataSource, logger)] : []),
      ...(opts.plugins ?? []),
    ],
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => enforceScalars(apiSchema));
  await apollo.start();

  const listener = graphqlListener<GatewayContext>({
    apollo,
    logger,
    get: { '/health': healthHandler(() => effectiveUrls) },
    // Who asks decides how large a request may be: the caller is known before the body is read. Authentication,
    // purpose and rate limit come before parsing and planning: nothing reaches a subgraph without them.
    admit: async (req) => {
      const caller = await identifyCaller(req, opts.verifyToken);
      return {
        bodyBytes: caller.principal ? limitsFor(caller.principal.roles, limits).bodyBytes : UNAUTHENTICATED_BODY_BYTES,
        context: () => gatewayContext(req, caller, { rateLimits, refusals }),
      };
    },
    onRefusal: (r) => refusals?.record({ subject: null, roles: [], purpose: null, reason: r.code, clientAddress: r.clientAddress }),
  });
  const host = opts.host ?? '127.0.0.1';
  const server = await listen(listener, opts.port, host);
  const port = portOf(server);
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url, subgraphs: effectiveUrls }, 'gateway listening');
  return {
    url,
    port,
    subgraphUrls: effectiveUrls,
    async stop() {
      await closeServer(server);
      await apollo.stop();
      await refusals?.stop();
    },
  };
}

export function readSupergraph(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Writes the gateway's refusals after authentication (bad operations, limits: HTTP 4xx) to the refusal log. */
function refusalPlugin(refusals: RefusalLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, queryHash, errors }) {
          const status = response.http.status ?? 200;
          if (status < 400 || status >= 500 || !contextValue?.principal) return;
          refusals.record({
            subject: contextValue.principal.sub,
            roles: contextValue.principal.roles,
            purpose: contextValue.purpose,
            reason: String(errors?.[0]?.extensions?.code ?? 'BAD_REQUEST'),
            clientAddress: contextValue.clientAddress,
            operationHash: queryHash ?? null,
          });
        },
      };
    },
  };
}
