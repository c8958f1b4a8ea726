import { AsyncLocalStorage } from 'node:async_hooks';
import { QuietSqlLogger } from '@hub/service-kit';

/**
 * Per-request state that must be reachable from code that has no GraphQL context at hand: the TypeORM
 * logger counting SQL round trips. Set by the subgraph kit around each request, only when the
 * `x-sql-statements` diagnostic is on (HUB_SQL_STATEMENT_COUNT=1).
 */
export interface RequestScope {
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Counts every statement sent to PostgreSQL against the current request, so a test (and the
 * `x-sql-statements` diagnostic) can prove a page of 1,000 children costs O(1) round trips.
 */
export class CountingSqlLogger extends QuietSqlLogger {
  override logQuery(): void {
    countStatement();
  }
}

/** Counts one statement against the current request, when the diagnostic is on (for SQL sent past TypeORM). */
export function countStatement(): void {
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements++;
}
