import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { checkEnrolmentYear } from '../enrolment-year';
import { enrolmentsOf, medicalInsuranceLoaders } from '../medical-insurance.loader';
import { Child } from '../entities/child.type';
import { CrossRegionFiling } from '../entities/cross-region-filing.entity';
import { InsuranceEnrolment } from '../entities/insurance-enrolment.entity';
import { MedicalAssistance } from '../entities/medical-assistance.entity';

@Resolver(() => Child)
export class ChildMedicalInsuranceResolver {
  @FieldResolver(() => [InsuranceEnrolment], {
    nullable: true,
    description: '城乡居民医保参保登记（最新年度在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  insuranceEnrolments(
    @Root() child: Child,
    @Arg('year', () => Int, { nullable: true, description: '只返回该参保年度（不填则返回全部年度）' }) year: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InsuranceEnrolment[]> {
    if (year != null) checkEnrolmentYear(year);
    return enrolmentsOf(ctx, child.id, year);
  }

  @FieldResolver(() => [MedicalAssistance], {
    nullable: true,
    description: '医疗救助（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  medicalAssistance(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<MedicalAssistance[]> {
    return medicalInsuranceLoaders(ctx).assistanceByPerson.load(child.id);
  }

  @FieldResolver(() => [CrossRegionFiling], {
    nullable: true,
    description: '异地就医备案（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  crossRegionFilings(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<CrossRegionFiling[]> {
    return medicalInsuranceLoaders(ctx).filingsByPerson.load(child.id);
  }
}
