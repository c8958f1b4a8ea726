import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/shared';

export enum PremiumSubsidy {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  NONE = 'NONE',
}
registerEnumType(PremiumSubsidy, {
  name: 'PremiumSubsidy',
  description: '个人缴费资助：全额资助、定额（部分）资助、无资助',
  valuesConfig: {
    FULL: { description: '全额资助' },
    PARTIAL: { description: '定额（部分）资助' },
    NONE: { description: '无资助' },
  },
});

export enum PremiumSubsidyBasis {
  ORPHAN = 'ORPHAN',
  DE_FACTO_UNSUPPORTED = 'DE_FACTO_UNSUPPORTED',
  EXTREME_POVERTY = 'EXTREME_POVERTY',
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  DISABILITY = 'DISABILITY',
  LOW_INCOME = 'LOW_INCOME',
}
registerEnumType(PremiumSubsidyBasis, {
  name: 'PremiumSubsidyBasis',
  description: '资助参保依据：孤儿、事实无人抚养儿童、特困人员、低保对象、残疾人、低收入人口',
  valuesConfig: {
    ORPHAN: { description: '孤儿' },
    DE_FACTO_UNSUPPORTED: { description: '事实无人抚养儿童' },
    EXTREME_POVERTY: { description: '特困人员' },
    MINIMUM_LIVING: { description: '低保对象' },
    DISABILITY: { description: '残疾人' },
    LOW_INCOME: { description: '低收入人口' },
  },
});

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
