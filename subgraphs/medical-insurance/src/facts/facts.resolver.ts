import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { hiddenPersons, medicalInsuranceLoaders } from '../medical-insurance.loader';
import { Child } from '../entities/child.type';

/** Minimal facts medical insurance shares for the civil-affairs cross-checks (参保、资助参保). */
@RequiresScopes('mi:enrollment')
@ObjectType({ description: '医保共享事实（供比对核查）' })
export class InsuranceFacts {
  @Field(() => [InsuranceFact], { description: '全部年度的城乡居民医保参保登记' })
  enrolments!: InsuranceFact[];
}

@RequiresScopes('mi:enrollment')
@ObjectType({ description: '参保事实' })
export class InsuranceFact {
  @Field(() => Int, { description: '参保年度' })
  year!: number;

  @Field(() => String, { description: '个人缴费资助：FULL、PARTIAL、NONE' })
  subsidy!: string;

  @Field(() => String, { description: '参保地区划代码' })
  insuredRegion!: string;
}

@Resolver(() => Child)
export class ChildFactsResolver {
  @FieldResolver(() => InsuranceFacts, { nullable: true, description: '医保共享事实（供比对核查；本部门不可用时网关置空）' })
  async medicalInsuranceFacts(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<InsuranceFacts | null> {
    if (await hiddenPersons(ctx).load(child.id)) return null;
    const enrolments = await medicalInsuranceLoaders(ctx).enrolmentsByPerson.load(child.id);
    return { enrolments: enrolments.map((e) => ({ year: e.year, subsidy: e.subsidy, insuredRegion: e.insuredRegion })) };
  }
}
