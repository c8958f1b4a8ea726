import { REHABILITATION_SERVICE, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '@hub/service-kit';

export const RehabilitationService = registerCodeList(REHABILITATION_SERVICE);
export type RehabilitationService = CodeOf<typeof REHABILITATION_SERVICE>;

@Entity('rehabilitation')
@RequiresScopes('dpf:disability')
@ObjectType({ description: '残疾儿童康复救助' })
export class Rehabilitation {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('smallint')
  @Field(() => Int, { description: '救助年度' })
  year!: number;

  @Column('text')
  @Field(() => RehabilitationService, { description: '康复救助项目' })
  service!: RehabilitationService;

  @Column('text')
  @Field(() => String, { description: '定点康复机构' })
  provider!: string;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: '救助金额（元）' })
  amount!: number;

  @Column({ name: 'approved_on', type: 'date' })
  @Field(() => DateScalar, { description: '审批日期' })
  approvedOn!: string;
}
