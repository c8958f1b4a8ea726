import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import express from 'express';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Agency } from './agencies';
import { auditPlugin } from './audit';
import { agencyAuditLogResolver, GatewayAuditLogResolver } from './audit-query';
import { AuthorizationPolicy } from './authz';
import { applyAuthorizationShield } from './shield';
import { checkPurpose, type Principal, type TokenVerifier } from './auth';
import type { Purpose } from './roles';
import { isProduction } from './config';
import { formatErrorForClient } from './errors';
import { Loaders } from './loaders';
import { createLogger, Logger } from './logger';
import { requestScope } from './request-context';
import { instrumentEntityIds } from './audit-disclosure';
import { DateScalar } from './scalars';

/** Federation directives the subgraphs may use. v2.5+ is needed for `@requiresScopes`/`@authenticated`. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@requiresScopes", "@authenticated"])';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  agency: Agency;
  requestId: string;
  /** The caller, from the forwarded token, verified here again (a subgraph trusts no one, not even the gateway). */
  principal: Principal;
  /** The stated purpose (`x-purpose`), allowed for the caller's roles. */
  purpose: Purpose;
  db: DataSource;
  loaders: Loaders;
  /** The gateway's database, in the subgraph that serves the gateway's audit log (civil affairs). */
  gatewayAuditDb?: DataSource;
  /** Ids of the objects the fields returned, by response path, for the audit entry (`instrumentEntityIds`). */
  disclosedIds?: Map<string, string>;
}

// Reference resolvers are looked up by type name; their shape is fixed by @apollo/subgraph.
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => unknown }>;

export interface SubgraphDefinition {
  agency: Agency;
  // type-graphql's own signature for resolver classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  /** Serve the gateway's audit log (`gatewayAuditLog`) from the gateway's database. */
  servesGatewayAudit?: boolean;
  /** SDL appended to the generated schema: `@external` mirrors of other subgraphs' types for `@requires`. */
  extraTypeDefs?: string;
}

/**
 * type-graphql schema → SDL with its directives → `buildSubgraphSchema` with the resolver map and the
 * reference resolvers (the approach of type-graphql's apollo-federation-2 example).
 */
export async function buildFederatedSchema(def: SubgraphDefinition): Promise<GraphQLSchema> {
  // Every subgraph serves its own audit log to auditors; one also serves the gateway's.
  const resolvers: NonEmptyArray<Function> = [
    ...def.resolvers,
    agencyAuditLogResolver(def.agency),
    ...(def.servesGatewayAudit ? [GatewayAuditLogResolver] : []),
  ];
  const schema = await buildSchema({
    resolvers,
    orphanedTypes: def.orphanedTypes,
    scalarsMap: [],
    validate: false,
    skipCheck: true,
  });
  const resolverMap = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(def.referenceResolvers ?? {})) {
    resolverMap[typeName] = { ...(resolverMap[typeName] ?? {}), __resolveReference: ref.__resolveReference };
  }
  resolverMap.Date = DateScalar as unknown as Record<string, unknown>;
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}\n${def.extraTypeDefs ?? ''}`);
  const subgraph = buildSubgraphSchema({
    typeDefs,
    // The map's value types are graphql-tools' IResolvers; @apollo/subgraph types them differently.
    resolvers: resolverMap as never,
  });
  // The same directives the gateway enforces, enforced again here (deny by default).
  return applyAuthorizationShield(subgraph, AuthorizationPolicy.fromSdl(typeDefs));
}

/** The subgraph's SDL with federation directives, as composed into the supergraph. */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

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
  const port = (server.address() as { port: number }).port;
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

export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}
