import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Authenticated } from '@hub/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum SchoolLevel {
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  NINE_YEAR = 'NINE_YEAR',
  SENIOR = 'SENIOR',
  VOCATIONAL = 'VOCATIONAL',
  SPECIAL = 'SPECIAL',
}
registerEnumType(SchoolLevel, {
  name: 'SchoolLevel',
  description: '学校类别',
  valuesConfig: {
    PRIMARY: { description: '小学' },
    JUNIOR: { description: '初级中学' },
    NINE_YEAR: { description: '九年一贯制学校' },
    SENIOR: { description: '普通高中' },
    VOCATIONAL: { description: '中等职业学校' },
    SPECIAL: { description: '特殊教育学校' },
  },
});

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
