import { EDUCATION_AID_KIND, type CodeOf } from '@hub/domain';
import { registerCodeList, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { decimalTransformer } from '@hub/service-kit';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const EducationAidKind = registerCodeList(EDUCATION_AID_KIND);
export type EducationAidKind = CodeOf<typeof EDUCATION_AID_KIND>;

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
