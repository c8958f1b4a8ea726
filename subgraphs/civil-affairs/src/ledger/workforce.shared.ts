import { GraphQLError } from 'graphql';
import { jurisdictionPatterns } from '@hub/service-kit';
import type { SubgraphContext } from '@hub/subgraph-kit';
import type { WorkforceKind } from '@hub/domain';

/**
 * What the workforce ledger's writes share: a child director (by village) or supervisor (by township) inside the
 * caller's jurisdiction; otherwise FORBIDDEN, with the same words whether the person exists elsewhere or not.
 */
export async function personInJurisdiction(ctx: SubgraphContext, personId: string): Promise<{ id: string; kind: WorkforceKind }> {
  const [person] = (await ctx.db.query(
    `SELECT id, 'DIRECTOR' AS kind FROM child_director WHERE id = $1 AND village_code LIKE ANY($2)
     UNION ALL SELECT id, 'SUPERVISOR' FROM child_supervisor WHERE id = $1 AND township_code LIKE ANY($2)`,
    [personId, jurisdictionPatterns(ctx.principal)],
  )) as { id: string; kind: WorkforceKind }[];
  if (!person) throw new GraphQLError('该人员不在您辖区的儿童工作队伍中', { extensions: { code: 'FORBIDDEN' } });
  return person;
}
