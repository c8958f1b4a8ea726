import { SCHOOL_LEVEL, type CodeOf } from '@hub/domain';
import { registerCodeList, Authenticated } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SchoolLevel = registerCodeList(SCHOOL_LEVEL);
export type SchoolLevel = CodeOf<typeof SCHOOL_LEVEL>;

@Entity('school')
@Authenticated()
@ObjectType({ description: '学校' })
export class School {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '学校标识码' })
  code!: string;

  @Column('text')
  @Field(() => String, { description: '学校名称' })
  name!: string;

  @Column({ type: 'varchar', length: 9 })
  @Field(() => String, { description: '所在乡镇（街道）区划代码' })
  region!: string;

  @Column('text')
  @Field(() => SchoolLevel, { description: '学校类别' })
  level!: SchoolLevel;
}
