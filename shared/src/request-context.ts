import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-request state that must be reachable from code that has no GraphQL context at hand: the TypeORM
 * logger counting SQL round trips. Set by the subgraph kit around each request, only when the
 * `x-sql-statements` diagnostic is on (HUB_SQL_STATEMENT_COUNT=1).
 */
export interface RequestScope {
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
