import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('cross_region_filing')
@RequiresScopes('mi:enrollment')
@ObjectType({ description: '异地就医备案' })
export class CrossRegionFiling {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column({ name: 'insured_region', type: 'varchar', length: 6 })
  @Field(() => String, { description: '参保地（县级区划代码）' })
  insuredRegion!: string;

  @Column({ name: 'treatment_region', type: 'varchar', length: 6 })
  @Field(() => String, { description: '就医地（县级区划代码）' })
  treatmentRegion!: string;

  @Column({ name: 'filed_on', type: 'date' })
  @Field(() => DateScalar, { description: '备案日期' })
  filedOn!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '备案有效期至（为空表示长期有效）' })
  validUntil!: string | null;
}
