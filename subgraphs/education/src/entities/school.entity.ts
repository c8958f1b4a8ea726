import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum SchoolLevel {
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  NINE_YEAR = 'NINE_YEAR',
  SENIOR = 'SENIOR',
  VOCATIONAL = 'VOCATIONAL',
  SPECIAL = 'SPECIAL',
}
registerEnumType(SchoolLevel, { name: 'SchoolLevel', description: '学校类别：小学、初中、九年一贯制、高中、中职、特殊教育' });

@Entity('school')
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
