import { PREMIUM_SUBSIDY, PREMIUM_SUBSIDY_BASIS, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PremiumSubsidy = registerCodeList(PREMIUM_SUBSIDY);
export type PremiumSubsidy = CodeOf<typeof PREMIUM_SUBSIDY>;

export const PremiumSubsidyBasis = registerCodeList(PREMIUM_SUBSIDY_BASIS);
export type PremiumSubsidyBasis = CodeOf<typeof PREMIUM_SUBSIDY_BASIS>;

@Entity('insurance_enrolment')
@RequiresScopes('mi:enrollment')
@ObjectType({ description: '城乡居民基本医疗保险参保登记（按年度）' })
export class InsuranceEnrolment {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column('smallint')
  @Field(() => Int, { description: '参保年度' })
  year!: number;

  @Column({ name: 'insured_region', type: 'varchar', length: 6 })
  @Field(() => String, { description: '参保地（县级区划代码）' })
  insuredRegion!: string;

  @Column('text')
  @Field(() => PremiumSubsidy, { description: '个人缴费资助' })
  subsidy!: PremiumSubsidy;

  @Column({ name: 'subsidy_basis', type: 'text', nullable: true })
  @Field(() => PremiumSubsidyBasis, { nullable: true, description: '资助依据（无资助时为空）' })
  subsidyBasis!: PremiumSubsidyBasis | null;

  @Column({ name: 'enrolled_on', type: 'date' })
  @Field(() => DateScalar, { description: '参保登记日期' })
  enrolledOn!: string;
}
