import { MEDICAL_ASSISTANCE_KIND, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '@hub/service-kit';

export const MedicalAssistanceKind = registerCodeList(MEDICAL_ASSISTANCE_KIND);
export type MedicalAssistanceKind = CodeOf<typeof MEDICAL_ASSISTANCE_KIND>;

@Entity('medical_assistance')
@RequiresScopes('mi:enrollment')
@ObjectType({ description: '医疗救助' })
export class MedicalAssistance {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column({ name: 'granted_on', type: 'date' })
  @Field(() => DateScalar, { description: '救助日期' })
  grantedOn!: string;

  @Column('text')
  @Field(() => MedicalAssistanceKind, { description: '救助类型' })
  kind!: MedicalAssistanceKind;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: '救助金额（元）' })
  amount!: number;
}
