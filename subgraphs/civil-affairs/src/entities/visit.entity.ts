import { VISITOR_ROLE, VISIT_METHOD, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const VisitorRole = registerCodeList(VISITOR_ROLE);
export type VisitorRole = CodeOf<typeof VISITOR_ROLE>;

export const VisitMethod = registerCodeList(VISIT_METHOD);
export type VisitMethod = CodeOf<typeof VISIT_METHOD>;

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
