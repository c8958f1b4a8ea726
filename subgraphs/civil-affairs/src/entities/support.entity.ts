import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, decimalTransformer, RequiresScopes } from '@hub/shared';

export enum SupportType {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  EXTREME_POVERTY = 'EXTREME_POVERTY',
  ORPHAN_ALLOWANCE = 'ORPHAN_ALLOWANCE',
  DE_FACTO_UNSUPPORTED_ALLOWANCE = 'DE_FACTO_UNSUPPORTED_ALLOWANCE',
  DIFFICULT_CHILD_ALLOWANCE = 'DIFFICULT_CHILD_ALLOWANCE',
  DISABILITY_LIVING_SUBSIDY = 'DISABILITY_LIVING_SUBSIDY',
  SEVERE_DISABILITY_CARE_SUBSIDY = 'SEVERE_DISABILITY_CARE_SUBSIDY',
  TEMPORARY_ASSISTANCE = 'TEMPORARY_ASSISTANCE',
}
registerEnumType(SupportType, {
  name: 'SupportType',
  description:
    '保障类型：低保、特困供养、孤儿基本生活费、事实无人抚养儿童基本生活补贴、困境儿童基本生活费、困难残疾人生活补贴、重度残疾人护理补贴、临时救助',
  valuesConfig: {
    MINIMUM_LIVING: { description: '最低生活保障（低保）' },
    EXTREME_POVERTY: { description: '特困人员救助供养' },
    ORPHAN_ALLOWANCE: { description: '孤儿基本生活费' },
    DE_FACTO_UNSUPPORTED_ALLOWANCE: { description: '事实无人抚养儿童基本生活补贴' },
    DIFFICULT_CHILD_ALLOWANCE: { description: '困境儿童基本生活费' },
    DISABILITY_LIVING_SUBSIDY: { description: '困难残疾人生活补贴' },
    SEVERE_DISABILITY_CARE_SUBSIDY: { description: '重度残疾人护理补贴' },
    TEMPORARY_ASSISTANCE: { description: '临时救助' },
  },
});

@Entity('support')
@RequiresScopes('welfare:read')
@ObjectType({ description: '保障待遇（救助、补贴）' })
export class Support {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('text')
  @Field(() => SupportType, { description: '保障类型' })
  type!: SupportType;

  @Column({ name: 'monthly_amount', type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: '月发放金额（元）' })
  monthlyAmount!: number;

  @Column({ name: 'start_date', type: 'date' })
  @Field(() => DateScalar, { description: '起始日期' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '终止日期（含当日），仍在发放为空' })
  endDate!: string | null;

  @Column({ name: 'paying_region', type: 'varchar', length: 6 })
  @Field(() => String, { description: '发放地（县级区划代码）' })
  payingRegion!: string;
}
