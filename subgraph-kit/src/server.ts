import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Agency } from '@hub/domain';
import {
  checkPurpose,
  closeServer,
  createLogger,
  exceededLimit,
  formatErrorForClient,
  GATEWAY_IDENTITY_HEADER,
  gatewayIdentityVerifier,
  graphqlListener,
  headerOf,
  isProduction,
  limitError,
  limitsConfig,
  limitsFor,
  listen,
  MAX_TOKENS,
  portOf,
  type LimitsConfig,
  type Logger,
  type Principal,
  type RunningService,
  type TokenVerifier,
  unauthenticated,
} from '@hub/service-kit';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { auditPlugin } from './audit';
import { instrumentEntityIds } from './audit-disclosure';
import type { SubgraphContext } from './context';
import { Loaders } from './loader-registry';
import { requestScope } from './sql-count';

export interface ServeSubgraphOptions {
  agency: Agency;
  /** Verifies the forwarded bearer token. */
  verifyToken: TokenVerifier;
  schema: GraphQLSchema;
  dataSource: DataSource;
  gatewayAuditDataSource?: DataSource;
  port: number;
  host?: string;
  logger?: Logger;
  /** The gateway's public key: requests signed with its identity may use `_entities` and `_service`. */
  gatewayPublicKey?: JWK;
  /** Operation and body limits for direct callers (default `HUB_LIMITS` over the built-in defaults). */
  limits?: LimitsConfig;
}

/** Largest body from the gateway: a page of `_entities` representations carries every fact of 5,000 children. */
const GATEWAY_BODY_BYTES = 64 * 1024 * 1024;
/** Largest body of a request whose token does not verify. */
const UNAUTHENTICATED_BODY_BYTES = 16 * 1024;

/** Who sent a request, decided before its body is read. */
interface Caller {
  principal?: Principal;
  viaGateway: boolean;
  failure?: unknown;
}

/**
 * A direct caller (not the gateway) gets the same bounds it would get at the gateway: the operation must be one it
 * names, and keep the caller's depth, alias, directive and cost limits. The gateway's own fetches are derived from
 * operations it has already bounded.
 */
function directCallLimitsPlugin(config: LimitsConfig): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (contextValue.viaGateway || !operation) return;
          const refusal = exceededLimit(schema, document, operation, request.variables, limitsFor(contextValue.principal.roles, config));
          if (refusal) throw limitError(refusal);
        },
      };
    },
  };
}

/** Reports each request's SQL statement count (`x-sql-statements`) so N+1 regressions are visible and testable. */
const sqlCountPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const scope = requestScope.getStore();
        if (scope) response.http.headers.set('x-sql-statements', String(scope.sqlStatements));
      },
    };
  },
};

/** An Apollo Server over the agency's own database, with `/graphql` and `/health`. */
export async function serveSubgraph(opts: ServeSubgraphOptions): Promise<RunningService> {
  const logger = opts.logger ?? createLogger(opts.agency);
  const production = isProduction();
  const countSql = process.env.HUB_SQL_STATEMENT_COUNT === '1';
  const limits = opts.limits ?? limitsConfig();
  const fromGateway = gatewayIdentityVerifier(opts.gatewayPublicKey);
  const identify = async (req: IncomingMessage): Promise<Caller> => {
    const caller: Caller = { viaGateway: false };
    try {
      caller.viaGateway = await fromGateway(headerOf(req, GATEWAY_IDENTITY_HEADER));
    } catch {
      // Says it is the gateway and is not: refused, whatever its bearer token.
      caller.failure = unauthenticated('网关身份无法验证');
    }
    if (!caller.failure) {
      try {
        caller.principal = await opts.verifyToken(headerOf(req, 'authorization'));
      } catch (failure) {
        caller.failure = failure;
      }
    }
    return caller;
  };
  const apollo = new ApolloServer<SubgraphContext>({
    schema: instrumentEntityIds(opts.schema),
    // runServiceProcess handles SIGTERM/SIGINT (Apollo's own handler would re-raise the signal mid-shutdown).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    persistedQueries: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: (formatted, error) => formatErrorForClient(formatted, error, production, logger),
    // Apollo starts every willSendResponse hook in list order; the SQL count reads its number
    // synchronously, so listed first it counts the data statements only, not the audit write.
    // No federated tracing: nothing here reports to Apollo Studio, and the traces cost time per field.
    // No cache-control hints either: nothing here is cacheable (personal data), and the plugin wraps every
    // field's resolver (about 4 % of a subgraph's CPU in the nightly job).
    plugins: [
      ...(countSql ? [sqlCountPlugin] : []),
      directCallLimitsPlugin(limits),
      auditPlugin(opts.dataSource, logger),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const listener = graphqlListener<SubgraphContext>({
    apollo,
    logger,
    get: {
      '/health': async () => {
        try {
          await opts.dataSource.query('SELECT 1');
          return { status: 200, body: { status: 'ok', agency: opts.agency } };
        } catch {
          return { status: 503, body: { status: 'unavailable', agency: opts.agency, database: 'down' } };
        }
      },
    },
    // The gateway sends large pages of `_entities` representations; a person calling directly gets their own
    // limit; an unauthenticated request is read no further than it takes to refuse it.
    admit: async (req) => {
      const caller = await identify(req);
      const bodyBytes = caller.viaGateway
        ? GATEWAY_BODY_BYTES
        : caller.principal
          ? limitsFor(caller.principal.roles, limits).bodyBytes
          : UNAUTHENTICATED_BODY_BYTES;
      return {
        bodyBytes,
        context: async () => {
          if (!caller.principal) throw caller.failure ?? new GraphQLError('未登录', { extensions: { code: 'UNAUTHENTICATED' } });
          const principal = caller.principal;
          return {
            viaGateway: caller.viaGateway,
            agency: opts.agency,
            requestId: (headerOf(req, 'x-request-id') ?? '').slice(0, 100) || randomUUID(),
            principal,
            purpose: checkPurpose(principal, headerOf(req, 'x-purpose')),
            db: opts.dataSource,
            loaders: new Loaders(),
            disclosedIds: new Map<string, string>(),
            gatewayAuditDb: opts.gatewayAuditDataSource,
          };
        },
      };
    },
    // The per-request SQL count needs an async context around the whole request; Node 20 pays for one with
    // a hook on every promise (about a tenth of a subgraph's CPU in the nightly job), so it is a diagnostic
    // switched on by HUB_SQL_STATEMENT_COUNT=1 (the test suite does), not a default.
    around: countSql ? (run) => requestScope.run({ sqlStatements: 0 }, run) : undefined,
  });

  const server = await listen(listener, opts.port, opts.host ?? '127.0.0.1');
  const port = portOf(server);
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');
  return {
    url,
    port,
    async stop() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}
