import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, decimalTransformer, RequiresScopes } from '@hub/shared';

export enum MedicalAssistanceKind {
  INPATIENT = 'INPATIENT',
  OUTPATIENT_CHRONIC = 'OUTPATIENT_CHRONIC',
  CATASTROPHIC = 'CATASTROPHIC',
}
registerEnumType(MedicalAssistanceKind, {
  name: 'MedicalAssistanceKind',
  description: '医疗救助类型：住院救助、门诊慢特病救助、重特大疾病救助',
  valuesConfig: {
    INPATIENT: { description: '住院救助' },
    OUTPATIENT_CHRONIC: { description: '门诊慢特病救助' },
    CATASTROPHIC: { description: '重特大疾病救助' },
  },
});

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
