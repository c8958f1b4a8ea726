import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { healthLoaders } from '../health.loader';
import { Child } from '../entities/child.type';
import { DeathCertificate } from '../entities/death-certificate.entity';
import { ImmunizationStatus } from '../entities/immunization-status.entity';
import { NewbornScreening } from '../entities/newborn-screening.entity';
import { SeriousIllness } from '../entities/serious-illness.entity';

@Resolver(() => Child)
export class ChildHealthResolver {
  @FieldResolver(() => DeathCertificate, { nullable: true, description: '医学死亡证明（无则为空）' })
  deathCertificate(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<DeathCertificate | null> {
    return healthLoaders(ctx).deathCertificateByPerson.load(child.id);
  }

  @FieldResolver(() => [NewbornScreening], {
    nullable: true,
    description: '新生儿疾病筛查（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  newbornScreenings(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<NewbornScreening[]> {
    return healthLoaders(ctx).screeningsByChild.load(child.id);
  }

  @FieldResolver(() => ImmunizationStatus, { nullable: true, description: '预防接种状态（无接种档案则为空）' })
  immunization(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<ImmunizationStatus | null> {
    return healthLoaders(ctx).immunizationByChild.load(child.id);
  }

  @FieldResolver(() => [SeriousIllness], {
    nullable: true,
    description: '重大疾病记录（敏感信息，最新确诊在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  seriousIllnesses(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<SeriousIllness[]> {
    return healthLoaders(ctx).seriousIllnessesByPerson.load(child.id);
  }
}
