import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('missing_report')
@RequiresScopes('ps:custody')
@ObjectType({ description: '失联、失踪报案' })
export class MissingReport {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column({ name: 'reported_on', type: 'date' })
  @Field(() => DateScalar, { description: '报案日期' })
  reportedOn!: string;

  @Column({ name: 'accepted_on', type: 'date' })
  @Field(() => DateScalar, { description: '受理（立案）日期' })
  acceptedOn!: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '结案日期（找到或撤销），仍在查找为空' })
  closedOn!: string | null;
}
