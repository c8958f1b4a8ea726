import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { decimalTransformer, RequiresScopes } from '@hub/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum EducationAidKind {
  TUITION_WAIVER = 'TUITION_WAIVER',
  LIVING_SUBSIDY = 'LIVING_SUBSIDY',
  NUTRITION_MEAL = 'NUTRITION_MEAL',
  NATIONAL_GRANT = 'NATIONAL_GRANT',
}
registerEnumType(EducationAidKind, {
  name: 'EducationAidKind',
  description: '教育资助类型',
  valuesConfig: {
    TUITION_WAIVER: { description: '免学费' },
    LIVING_SUBSIDY: { description: '家庭经济困难学生生活补助' },
    NUTRITION_MEAL: { description: '农村义务教育学生营养改善计划' },
    NATIONAL_GRANT: { description: '国家助学金' },
  },
});

@Entity('education_aid')
@RequiresScopes('edu:enrollment')
@ObjectType({ description: '教育资助' })
export class EducationAid {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('smallint')
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Column('text')
  @Field(() => EducationAidKind, { description: '资助类型' })
  kind!: EducationAidKind;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: '金额（元）' })
  amount!: number;
}
