import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('home_delivery')
@RequiresScopes('edu:enrollment')
@ObjectType({ description: '送教上门登记' })
export class HomeDelivery {
  @PrimaryColumn({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'school_code', type: 'varchar', length: 10 })
  @Field(() => String, { description: '负责送教的学校标识码' })
  schoolCode!: string;

  @Column({ name: 'registered_on', type: 'date' })
  @Field(() => DateScalar, { description: '登记日期' })
  registeredOn!: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '结束日期（为空表示仍在送教）' })
  endedOn!: string | null;
}

@Entity('home_delivery_session')
@RequiresScopes('edu:enrollment')
@ObjectType({ description: '送教上门记录' })
export class HomeDeliverySession {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'session_date', type: 'date' })
  @Field(() => DateScalar, { description: '送教日期' })
  sessionDate!: string;

  @Column({ name: 'teacher_name', type: 'text' })
  @Field(() => String, { description: '送教教师' })
  teacherName!: string;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  @Field(() => Int, { description: '时长（分钟）' })
  durationMinutes!: number;
}
