import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('residence_permit')
@RequiresScopes('ps:household')
@ObjectType({ description: '居住证' })
export class ResidencePermit {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column({ name: 'permit_no', type: 'varchar', length: 24 })
  @Field(() => String, { description: '居住证编号' })
  permitNo!: string;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => String, { description: '居住地区划代码' })
  region!: string;

  @Column({ name: 'residence_since', type: 'date' })
  @Field(() => DateScalar, { description: '在居住地居住起始日期' })
  residenceSince!: string;

  @Column({ name: 'issued_on', type: 'date' })
  @Field(() => DateScalar, { description: '签发日期' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  @Field(() => DateScalar, { description: '有效期至' })
  validUntil!: string;
}
