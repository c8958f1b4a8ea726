import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Agency } from '@hub/domain';
import {
  checkPurpose,
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
import type { GraphQLSchema } from 'graphql';
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
  const apollo = new ApolloServer<SubgraphContext>({
    schema: instrumentEntityIds(opts.schema),
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatErrorForClient(formatted, error, production, logger),
    // Apollo starts every willSendResponse hook in list order; the SQL count reads its number
    // synchronously, so listed first it counts the data statements only, not the audit write.
    // No federated tracing: nothing here reports to Apollo Studio, and the traces cost time per field.
    // No cache-control hints either: nothing here is cacheable (personal data), and the plugin wraps every
    // field's resolver (about 4 % of a subgraph's CPU in the nightly job).
    plugins: [
      ...(countSql ? [sqlCountPlugin] : []),
      auditPlugin(opts.dataSource, logger),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    try {
      await opts.dataSource.query('SELECT 1');
      res.json({ status: 'ok', agency: opts.agency });
    } catch {
      res.status(503).json({ status: 'unavailable', agency: opts.agency, database: 'down' });
    }
  });
  app.use(
    '/graphql',
    // A full page of `_entities` representations is large; @apollo/server standalone allows 50 MB too.
    express.json({ limit: '50mb' }),
    // The per-request SQL count needs an async context around the whole request; Node 20 pays for one with
    // a hook on every promise (about a tenth of a subgraph's CPU in the nightly job), so it is a diagnostic
    // switched on by HUB_SQL_STATEMENT_COUNT=1 (the test suite does), not a default.
    ...(countSql
      ? [(_req: express.Request, _res: express.Response, next: express.NextFunction) => requestScope.run({ sqlStatements: 0 }, next)]
      : []),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const principal = await opts.verifyToken(req.header('authorization'));
        return {
          agency: opts.agency,
          requestId: (req.header('x-request-id') ?? '').slice(0, 100) || randomUUID(),
          principal,
          purpose: checkPurpose(principal, req.header('x-purpose')),
          db: opts.dataSource,
          loaders: new Loaders(),
          disclosedIds: new Map<string, string>(),
          gatewayAuditDb: opts.gatewayAuditDataSource,
        };
      },
    }),
  );

  const server = await listen(app, opts.port, opts.host ?? '127.0.0.1');
  const port = portOf(server);
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');
  return {
    url,
    port,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
