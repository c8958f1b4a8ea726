import { requireAgency, type SubgraphContext } from '@hub/subgraph-kit';

/**
 * The ledger's counts and the work on them (scorecard, statistics, workforce, screening rounds, appraisals) are civil
 * affairs' own: other agencies holding the same scopes (医保, 残联 read `welfare:read`) are refused, in words naming
 * what. The agency is the caller's role's, from the role table.
 */
export function civilAffairsOnly(ctx: SubgraphContext, what: string): void {
  requireAgency(ctx, 'civil-affairs', what);
}
