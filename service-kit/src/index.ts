/**
 * @hub/service-kit — what every server process of the hub (gateway, portal, subgraphs, CLI) does the same
 * way: configuration, logging, tokens and purposes, coded errors for clients, the authorization policy read
 * from the schema's directives, the hash-chained audit tables, database connections, listening and a clean
 * shutdown.
 */
export * from './audit-chain';
export * from './auth';
export * from './authorization-policy';
export * from './config';
export * from './db';
export * from './errors';
export * from './graphql-http';
export * from './http';
export * from './logger';
export * from './process';
export * from './gateway-identity';
export * from './limits';
export * from './operation-bounds';
export * from './scalars';
