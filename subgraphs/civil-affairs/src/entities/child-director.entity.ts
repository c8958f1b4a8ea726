import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

/** 儿童主任: one per village (村、社区); the supervisor is resolved through a loader. */
@Entity('child_director')
@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童主任（村、社区）' })
export class ChildDirector {
  @PrimaryColumn('text')
  @Field(() => ID, { description: '儿童主任编号' })
  id!: string;

  @Column('text')
  @Field(() => String, { description: '姓名' })
  name!: string;

  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  @Field(() => String, { description: '所在村（社区）区划代码' })
  villageCode!: string;

  @Column({ name: 'supervisor_id', type: 'text', nullable: true })
  supervisorId!: string | null;

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
