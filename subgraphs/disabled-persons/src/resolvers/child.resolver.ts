import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/shared';
import { disabledPersonsLoaders } from '../disabled-persons.loader';
import { Child } from '../entities/child.type';
import { DisabilityCertificate } from '../entities/disability-certificate.entity';
import { Rehabilitation } from '../entities/rehabilitation.entity';

@Resolver(() => Child)
export class ChildDisabledPersonsResolver {
  @FieldResolver(() => [DisabilityCertificate], { description: '残疾人证（最新发证在前，含过期和注销的）' })
  disabilityCertificates(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<DisabilityCertificate[]> {
    return disabledPersonsLoaders(ctx).certificatesByHolder.load(child.id);
  }

  @FieldResolver(() => [Rehabilitation], { description: '残疾儿童康复救助（最新年度在前）' })
  rehabilitation(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Rehabilitation[]> {
    return disabledPersonsLoaders(ctx).rehabilitationByChild.load(child.id);
  }
}
