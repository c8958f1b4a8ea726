import { SUPPORT_TYPE, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '@hub/service-kit';

export const SupportType = registerCodeList(SUPPORT_TYPE);
export type SupportType = CodeOf<typeof SUPPORT_TYPE>;

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
