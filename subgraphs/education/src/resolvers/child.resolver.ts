import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { educationLoaders } from '../education.loader';
import { Child } from '../entities/child.type';
import { EducationAid } from '../entities/education-aid.entity';
import { Enrolment } from '../entities/enrolment.entity';
import { HomeDelivery, HomeDeliverySession } from '../entities/home-delivery.entity';

@Resolver(() => Child)
export class ChildEducationResolver {
  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description: '学籍记录（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  enrolments(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Enrolment[]> {
    return educationLoaders(ctx).enrolmentsByChild.load(child.id);
  }

  @FieldResolver(() => HomeDelivery, { nullable: true, description: '送教上门登记（无则为空）' })
  homeDelivery(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<HomeDelivery | null> {
    return educationLoaders(ctx).homeDeliveryByChild.load(child.id);
  }

  @FieldResolver(() => [HomeDeliverySession], {
    nullable: true,
    description: '送教上门记录（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  homeDeliverySessions(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<HomeDeliverySession[]> {
    return educationLoaders(ctx).sessionsByChild.load(child.id);
  }

  @FieldResolver(() => [EducationAid], { nullable: true, description: '教育资助（空值表示本部门数据暂不可用或无权查看，并非无记录）' })
  educationAid(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<EducationAid[]> {
    return educationLoaders(ctx).aidByChild.load(child.id);
  }
}
