import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

/** A court judgment revoking a parent's guardianship (撤销监护人资格); child and parent resolve as references. */
@Entity('guardianship_revocation')
@RequiresScopes('welfare:read')
@ObjectType({ description: '撤销监护人资格判决' })
export class GuardianshipRevocation {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 64 })
  parentId!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('text')
  @Field(() => String, { description: '作出判决的人民法院' })
  court!: string;

  @Column({ name: 'judgment_no', type: 'text' })
  @Field(() => String, { description: '判决书案号' })
  judgmentNo!: string;

  @Column({ name: 'revoked_on', type: 'date' })
  @Field(() => DateScalar, { description: '撤销日期' })
  revokedOn!: string;
}
