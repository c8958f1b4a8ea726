import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { checkEnrolmentYear } from '../enrolment-year';
import { enrolmentsOf } from '../medical-insurance.loader';
import { InsuranceEnrolment } from '../entities/insurance-enrolment.entity';
import { Parent } from '../entities/parent.type';

@Resolver(() => Parent)
export class ParentMedicalInsuranceResolver {
  @FieldResolver(() => [InsuranceEnrolment], {
    nullable: true,
    description: '城乡居民医保参保登记（最新年度在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  insuranceEnrolments(
    @Root() parent: Parent,
    @Arg('year', () => Int, { nullable: true, description: '只返回该参保年度（不填则返回全部年度）' }) year: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InsuranceEnrolment[]> {
    if (year != null) checkEnrolmentYear(year);
    return enrolmentsOf(ctx, parent.id, year);
  }
}
