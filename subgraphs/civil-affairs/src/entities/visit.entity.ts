import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/shared';

export enum VisitorRole {
  DIRECTOR = 'DIRECTOR',
  SUPERVISOR = 'SUPERVISOR',
  CASEWORKER = 'CASEWORKER',
}
registerEnumType(VisitorRole, {
  name: 'VisitorRole',
  description: '走访人员身份：儿童主任、儿童督导员、社会工作者',
  valuesConfig: {
    DIRECTOR: { description: '儿童主任' },
    SUPERVISOR: { description: '儿童督导员' },
    CASEWORKER: { description: '社会工作者' },
  },
});

export enum VisitMethod {
  HOME = 'HOME',
  PHONE = 'PHONE',
  SCHOOL = 'SCHOOL',
  VIDEO = 'VIDEO',
}
registerEnumType(VisitMethod, {
  name: 'VisitMethod',
  description: '走访方式：入户、电话、到校、视频',
  valuesConfig: {
    HOME: { description: '入户走访' },
    PHONE: { description: '电话访问' },
    SCHOOL: { description: '到校走访' },
    VIDEO: { description: '视频访问' },
  },
});

@Entity('visit')
@RequiresScopes('welfare:read')
@ObjectType({ description: '走访记录' })
export class Visit {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'visited_on', type: 'date' })
  @Field(() => DateScalar, { description: '走访日期' })
  visitedOn!: string;

  @Column({ name: 'visitor_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '走访人员编号（儿童主任或督导员编号）' })
  visitorId!: string | null;

  @Column({ name: 'visitor_role', type: 'text' })
  @Field(() => VisitorRole, { description: '走访人员身份' })
  visitorRole!: VisitorRole;

  @Column('text')
  @Field(() => VisitMethod, { description: '走访方式' })
  method!: VisitMethod;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '走访情况记录' })
  notes!: string | null;
}
