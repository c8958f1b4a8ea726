import { GraphQLError } from 'graphql';
import { type Agency, AGENCY_INFO, isRole, ROLES } from '@hub/domain';
import type { SubgraphContext } from './context';

/** The agencies a caller works for, from the role table (not from the token's optional `agency` claim). */
export function agenciesOf(ctx: SubgraphContext): Agency[] {
  const out = new Set<Agency>();
  for (const r of ctx.principal.roles) {
    if (!isRole(r)) continue;
    const a = ROLES[r].agency;
    if (a !== 'hub') out.add(a);
  }
  return [...out];
}

/**
 * What one agency keeps for its own work (civil affairs' counts of the ledger, its workforce, its screening rounds):
 * callers of other agencies holding the same scopes are refused, FORBIDDEN in words naming what.
 */
export function requireAgency(ctx: SubgraphContext, agency: Agency, what: string): void {
  if (!agenciesOf(ctx).includes(agency)) {
    // Worded as the dashboard words a page kept for one agency (dashboard/src/access.ts).
    throw new GraphQLError(`${what}只向${AGENCY_INFO[agency].title}部门开放`, { extensions: { code: 'FORBIDDEN' } });
  }
}
