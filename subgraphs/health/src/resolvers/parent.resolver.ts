import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { healthLoaders } from '../health.loader';
import { DeathCertificate } from '../entities/death-certificate.entity';
import { Parent } from '../entities/parent.type';
import { SeriousIllness } from '../entities/serious-illness.entity';

@Resolver(() => Parent)
export class ParentHealthResolver {
  @FieldResolver(() => DeathCertificate, { nullable: true, description: '医学死亡证明（无则为空）' })
  deathCertificate(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<DeathCertificate | null> {
    return healthLoaders(ctx).deathCertificateByPerson.load(parent.id);
  }

  @FieldResolver(() => [SeriousIllness], {
    nullable: true,
    description: '重大疾病记录（敏感信息，最新确诊在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  seriousIllnesses(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<SeriousIllness[]> {
    return healthLoaders(ctx).seriousIllnessesByPerson.load(parent.id);
  }
}
