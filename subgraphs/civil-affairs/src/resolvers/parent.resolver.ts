import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { civilAffairsLoaders } from '../civil-affairs.loader';
import { GuardianshipRevocation } from '../entities/guardianship-revocation.entity';
import { Parent } from '../entities/parent.type';

@Resolver(() => Parent)
export class ParentCivilAffairsResolver {
  @FieldResolver(() => [GuardianshipRevocation], { description: '被撤销监护人资格的判决（最新在前）' })
  guardianshipRevocations(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<GuardianshipRevocation[]> {
    return civilAffairsLoaders(ctx).revocationsByParent.load(parent.id);
  }
}
