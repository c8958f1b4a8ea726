import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { disabledPersonsLoaders } from '../disabled-persons.loader';
import { Child } from '../entities/child.type';
import { DisabilityCertificate } from '../entities/disability-certificate.entity';
import { Rehabilitation } from '../entities/rehabilitation.entity';

@Resolver(() => Child)
export class ChildDisabledPersonsResolver {
  @FieldResolver(() => [DisabilityCertificate], {
    nullable: true,
    description: '残疾人证（最新发证在前，含过期和注销的）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  disabilityCertificates(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<DisabilityCertificate[]> {
    return disabledPersonsLoaders(ctx).certificatesByHolder.load(child.id);
  }

  @FieldResolver(() => [Rehabilitation], {
    nullable: true,
    description: '残疾儿童康复救助（最新年度在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  rehabilitation(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Rehabilitation[]> {
    return disabledPersonsLoaders(ctx).rehabilitationByChild.load(child.id);
  }
}
