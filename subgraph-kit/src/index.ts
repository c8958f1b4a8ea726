/**
 * @hub/subgraph-kit — what every agency subgraph does the same way: builds its federated schema from
 * type-graphql classes (with the authorization directives, enforced again by a generated shield), serves it
 * over its own database with token and purpose checks, batches reads through per-request DataLoaders under
 * the caller's jurisdiction, pages with keyset cursors, and writes its disclosure audit log. An agency's
 * folder holds only its own domain; this kit never imports an agency package.
 */
export * from './audit';
export * from './audit-log.resolver';
export * from './context';
export * from './directives';
export * from './enums';
export * from './inputs';
export * from './loader-registry';
export * from './loaders';
export * from './pagination';
export * from './process';
export * from './rows';
/** The hub's Date scalar, defined once in @hub/service-kit (the gateway enforces the same rules). */
export { DateScalar } from '@hub/service-kit';
export * from './schema';
export * from './server';
export * from './shield';
export * from './sql-count';
export * from './agency';
