import { CHILD_CATEGORY, RISK_COLOUR, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, Gender, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stored in `child_record.categories` (text[]) under the same names. */
export const ChildCategory = registerCodeList(CHILD_CATEGORY);
export type ChildCategory = CodeOf<typeof CHILD_CATEGORY>;

export const RiskColour = registerCodeList(RISK_COLOUR);
export type RiskColour = CodeOf<typeof RISK_COLOUR>;

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
