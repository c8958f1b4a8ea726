import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { disabledPersonsLoaders } from '../disabled-persons.loader';
import { DisabilityCertificate } from '../entities/disability-certificate.entity';
import { Parent } from '../entities/parent.type';

@Resolver(() => Parent)
export class ParentDisabledPersonsResolver {
  @FieldResolver(() => [DisabilityCertificate], {
    nullable: true,
    description: '残疾人证（最新发证在前，含过期和注销的）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  disabilityCertificates(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<DisabilityCertificate[]> {
    return disabledPersonsLoaders(ctx).certificatesByHolder.load(parent.id);
  }
}
