import { VISITOR_ROLE, VISIT_METHOD, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
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
  @Field(() => ID, { description: '记录编号' })
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

  @Column({ name: 'next_due_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '下次走访日期（走访人约定）' })
  nextDueOn!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  /** Disclosed as ISO 8601 by the ledger resolver. */
  recordedAt!: Date | null;

  /** The client's key for the write (idempotent retries); never disclosed. */
  @Column({ name: 'request_key', type: 'uuid', nullable: true })
  requestKey!: string | null;
}
