import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('care_agreement')
@RequiresScopes('welfare:read')
@ObjectType({ description: '委托照护协议' })
export class CareAgreement {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '协议编号' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'caregiver_name', type: 'text' })
  @Field(() => String, { description: '受委托照护人姓名' })
  caregiverName!: string;

  @Column({ name: 'caregiver_relation', type: 'text' })
  @Field(() => String, { description: '受委托照护人与儿童的关系' })
  caregiverRelation!: string;

  @Column({ name: 'signed_on', type: 'date' })
  @Field(() => DateScalar, { description: '签订日期' })
  signedOn!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '有效期至（未约定期限为空）' })
  validUntil!: string | null;

  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '在本平台登记的人员（用户标识；导入的历史记录为空）' })
  recordedBy!: string | null;

  @Column({ name: 'request_key', type: 'uuid', nullable: true })
  requestKey!: string | null;
}
