export * from './graphql-client';
export * from './reconcile';
export * from './report';
