import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

/** 儿童督导员: one per township (乡镇、街道), supervising the village child directors. */
@Entity('child_supervisor')
@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童督导员（乡镇、街道）' })
export class ChildSupervisor {
  @PrimaryColumn('text')
  @Field(() => ID, { description: '督导员编号' })
  id!: string;

  @Column('text')
  @Field(() => String, { description: '姓名' })
  name!: string;

  @Column({ name: 'township_code', type: 'varchar', length: 9 })
  @Field(() => String, { description: '所在乡镇（街道）区划代码' })
  townshipCode!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '联系电话' })
  phone!: string | null;

  @Column({ name: 'appointed_on', type: 'date' })
  @Field(() => DateScalar, { description: '聘任日期' })
  appointedOn!: string;

  @Column({ name: 'trained_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '最近一次培训日期，未培训为空' })
  trainedOn!: string | null;
}
