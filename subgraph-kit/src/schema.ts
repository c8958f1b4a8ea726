import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { Agency } from '@hub/domain';
import { AuthorizationPolicy, DateScalar } from '@hub/service-kit';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { agencyAuditLogResolver, GatewayAuditLogResolver } from './audit-log.resolver';
import type { ReferenceResolvers } from './context';
import { applyAuthorizationShield } from './shield';

/** Federation directives the subgraphs may use. v2.5+ is needed for `@requiresScopes`/`@authenticated`. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@requiresScopes", "@authenticated"])';

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
  // type-graphql's own signature for resolver classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
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
