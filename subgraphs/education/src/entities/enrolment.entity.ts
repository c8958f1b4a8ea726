import { ENROLMENT_STATUS, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { School } from './school.entity';

export const EnrolmentStatus = registerCodeList(ENROLMENT_STATUS);
export type EnrolmentStatus = CodeOf<typeof ENROLMENT_STATUS>;

@Entity('enrolment')
@RequiresScopes('edu:enrollment')
@ObjectType({ description: '学籍记录' })
export class Enrolment {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'student_no', type: 'varchar', length: 20 })
  @Field(() => String, { description: '全国学籍号' })
  studentNo!: string;

  @Column({ name: 'school_code', type: 'varchar', length: 10 })
  schoolCode!: string;

  /** Resolved through the school loader; declared here so the GraphQL type has it. */
  @Field(() => School, { description: '就读学校' })
  school?: School;

  @Column('smallint')
  @Field(() => Int, { description: '年级（1–12）' })
  grade!: number;

  @Column('text')
  @Field(() => EnrolmentStatus, { description: '学籍状态' })
  status!: EnrolmentStatus;

  @Column({ name: 'status_since', type: 'date' })
  @Field(() => DateScalar, { description: '状态起始日期' })
  statusSince!: string;

  @Column({ name: 'enrolled_on', type: 'date' })
  @Field(() => DateScalar, { description: '入学日期' })
  enrolledOn!: string;

  @Column({ name: 'full_time', type: 'boolean' })
  @Field(() => Boolean, { description: '是否全日制' })
  fullTime!: boolean;
}
