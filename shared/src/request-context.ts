import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-request state that must be reachable from code that has no GraphQL context at hand (the TypeORM
 * logger counting SQL round trips, audit writers). Set by the subgraph kit around each request.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
