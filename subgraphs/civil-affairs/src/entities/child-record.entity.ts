import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, Gender, RequiresScopes } from '@hub/shared';

/** Stored in `child_record.categories` (text[]) under the same names. */
export enum ChildCategory {
  LEFT_BEHIND = 'LEFT_BEHIND',
  MIGRANT = 'MIGRANT',
  DIFFICULT_POVERTY = 'DIFFICULT_POVERTY',
  DIFFICULT_DISABILITY = 'DIFFICULT_DISABILITY',
  DIFFICULT_ILLNESS = 'DIFFICULT_ILLNESS',
  DIFFICULT_GUARDIANSHIP = 'DIFFICULT_GUARDIANSHIP',
  ORPHAN = 'ORPHAN',
  SCATTERED_ORPHAN = 'SCATTERED_ORPHAN',
  DE_FACTO_UNSUPPORTED = 'DE_FACTO_UNSUPPORTED',
  NO_HUKOU = 'NO_HUKOU',
}
registerEnumType(ChildCategory, {
  name: 'ChildCategory',
  description: '儿童类别：农村留守儿童、流动儿童、困境儿童（各类）、孤儿、散居孤儿、事实无人抚养儿童、无户籍儿童',
  valuesConfig: {
    LEFT_BEHIND: { description: '农村留守儿童' },
    MIGRANT: { description: '流动儿童' },
    DIFFICULT_POVERTY: { description: '困境儿童：因家庭贫困导致生活、就医、就学等困难' },
    DIFFICULT_DISABILITY: { description: '困境儿童：因自身残疾导致康复、照料、护理和社会融入等困难' },
    DIFFICULT_ILLNESS: { description: '困境儿童：因重病导致生活、就医等困难' },
    DIFFICULT_GUARDIANSHIP: { description: '困境儿童：因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等' },
    ORPHAN: { description: '孤儿（机构集中养育）' },
    SCATTERED_ORPHAN: { description: '散居孤儿' },
    DE_FACTO_UNSUPPORTED: { description: '事实无人抚养儿童' },
    NO_HUKOU: { description: '无户籍儿童（民政核发临时标识，公安户籍库无记录）' },
  },
});

export enum RiskColour {
  RED = 'RED',
  YELLOW = 'YELLOW',
  BLUE = 'BLUE',
  GREEN = 'GREEN',
}
registerEnumType(RiskColour, {
  name: 'RiskColour',
  description: '四色管理风险等级：红、黄、蓝、绿',
  valuesConfig: {
    RED: { description: '红色：高风险，需立即干预' },
    YELLOW: { description: '黄色：较高风险，重点关注' },
    BLUE: { description: '蓝色：一般风险，定期关注' },
    GREEN: { description: '绿色：低风险，常规关爱' },
  },
});

@RequiresScopes('welfare:read')
@ObjectType('WelfareGuardian', { description: '监护人（民政台账登记）' })
export class Guardian {
  @RequiresScopes('child:basic')
  @Field(() => String, { nullable: true, description: '姓名' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: '与儿童的关系' })
  relation!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话' })
  phone!: string | null;
}

/** The ledger record (一人一档). Its id is the child's pseudonymous id; the graph calls it `WelfareRecord`. */
@Entity('child_record')
@RequiresScopes('welfare:read')
@ObjectType('WelfareRecord', { description: '民政儿童台账记录（一人一档）' })
export class ChildRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Disclosed through WelfareRecordResolver.idNumber (masked without the identity scope). */
  @Column({ name: 'id_number', type: 'varchar', length: 18, nullable: true })
  idNumber!: string | null;

  @Column({ name: 'ca_issued_id', type: 'varchar', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: '民政赋码（无身份证号儿童的标识）' })
  caIssuedId!: string | null;

  @Column('text')
  @RequiresScopes('child:basic')
  @Field(() => String, { description: '姓名' })
  name!: string;

  @Column({ type: 'char', length: 1 })
  @RequiresScopes('child:basic')
  @Field(() => Gender, { description: '性别' })
  gender!: Gender;

  @Column({ name: 'date_of_birth', type: 'date' })
  @RequiresScopes('child:basic')
  @Field(() => DateScalar, { description: '出生日期' })
  dateOfBirth!: string;

  @Column({ name: 'hukou_region', type: 'varchar', length: 12, nullable: true })
  @Field(() => String, { nullable: true, description: '户籍地区划代码（无户籍为空）' })
  hukouRegion!: string | null;

  @Column({ name: 'residence_region', type: 'varchar', length: 12 })
  @Field(() => String, { description: '实际居住地区划代码' })
  residenceRegion!: string;

  @Column('text', { array: true })
  @Field(() => [ChildCategory], { description: '儿童类别（可多项）' })
  categories!: ChildCategory[];

  @Column({ name: 'risk_colour', type: 'text' })
  @Field(() => RiskColour, { description: '四色管理风险等级' })
  riskColour!: RiskColour;

  @Column({ name: 'guardian_name', type: 'text', nullable: true })
  guardianName!: string | null;

  @Column({ name: 'guardian_relation', type: 'text', nullable: true })
  guardianRelation!: string | null;

  @Column({ name: 'guardian_phone', type: 'text', nullable: true })
  guardianPhone!: string | null;

  @Column({ name: 'director_id', type: 'text', nullable: true })
  directorId!: string | null;

  @Column({ name: 'registered_on', type: 'date' })
  @Field(() => DateScalar, { description: '建档日期' })
  registeredOn!: string;
}
