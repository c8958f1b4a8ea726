import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('death_certificate')
@RequiresScopes('health:basic')
@ObjectType({ description: '医学死亡证明' })
export class DeathCertificate {
  @PrimaryColumn({ name: 'certificate_no', type: 'varchar', length: 20 })
  @Field(() => String, { description: '死亡证明编号' })
  certificateNo!: string;

  /** Exposed so a page of certificates can be joined to Child or Parent without an ID number. */
  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  @Field(() => ID, { description: '死者的假名化标识（可作为 Child.id 或 Parent.id 关联）' })
  personId!: string;

  @Column({ name: 'date_of_death', type: 'date' })
  @Field(() => DateScalar, { description: '死亡日期' })
  dateOfDeath!: string;

  @Column({ name: 'cause_icd10', type: 'varchar', length: 8 })
  @Field(() => String, { description: '根本死因（ICD-10 编码）' })
  causeIcd10!: string;

  @Column({ name: 'place_region', type: 'varchar', length: 12 })
  @Field(() => String, { description: '死亡地点区划代码' })
  placeRegion!: string;
}
