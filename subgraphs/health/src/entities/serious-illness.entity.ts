import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('serious_illness')
@RequiresScopes('health:sensitive')
@ObjectType({ description: '重大疾病记录（敏感信息）' })
export class SeriousIllness {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => String, { description: '疾病编码（ICD-10）' })
  icd10!: string;

  @Column('text')
  @Field(() => String, { description: '诊断名称' })
  diagnosis!: string;

  @Column({ name: 'diagnosed_on', type: 'date' })
  @Field(() => DateScalar, { description: '确诊日期' })
  diagnosedOn!: string;

  @Column('boolean')
  @Field(() => Boolean, { description: '是否仍在患病（治疗中）' })
  ongoing!: boolean;
}
