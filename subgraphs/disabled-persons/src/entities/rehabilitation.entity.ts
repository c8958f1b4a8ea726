import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, decimalTransformer, RequiresScopes } from '@hub/shared';

export enum RehabilitationService {
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  COCHLEAR_IMPLANT = 'COCHLEAR_IMPLANT',
  ASSISTIVE_DEVICE = 'ASSISTIVE_DEVICE',
  AUTISM = 'AUTISM',
  INTELLECTUAL = 'INTELLECTUAL',
}
registerEnumType(RehabilitationService, {
  name: 'RehabilitationService',
  description: '康复救助项目：言语、肢体、人工耳蜗植入、辅助器具适配、孤独症、智力',
  valuesConfig: {
    SPEECH: { description: '言语（听力言语）康复训练' },
    PHYSICAL: { description: '肢体康复训练' },
    COCHLEAR_IMPLANT: { description: '人工耳蜗植入' },
    ASSISTIVE_DEVICE: { description: '辅助器具适配' },
    AUTISM: { description: '孤独症康复训练' },
    INTELLECTUAL: { description: '智力康复训练' },
  },
});

@Entity('rehabilitation')
@RequiresScopes('dpf:disability')
@ObjectType({ description: '残疾儿童康复救助' })
export class Rehabilitation {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('smallint')
  @Field(() => Int, { description: '救助年度' })
  year!: number;

  @Column('text')
  @Field(() => RehabilitationService, { description: '康复救助项目' })
  service!: RehabilitationService;

  @Column('text')
  @Field(() => String, { description: '定点康复机构' })
  provider!: string;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: '救助金额（元）' })
  amount!: number;

  @Column({ name: 'approved_on', type: 'date' })
  @Field(() => DateScalar, { description: '审批日期' })
  approvedOn!: string;
}
