import { GraphQLError } from 'graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';

/**
 * The ledger's counts and the work on them (scorecard, statistics, workforce, screening rounds) are civil affairs'
 * own: other agencies holding the same scopes (医保, 残联 read `welfare:read`) are refused, in words naming what.
 */
export function civilAffairsOnly(ctx: SubgraphContext, what: string): void {
  if (ctx.principal.agency !== 'civil-affairs') {
    throw new GraphQLError(`${what}只向民政部门开放`, { extensions: { code: 'FORBIDDEN' } });
  }
}
