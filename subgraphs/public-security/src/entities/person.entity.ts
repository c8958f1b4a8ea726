import { HUKOU_STATUS, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, Gender, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const HukouStatus = registerCodeList(HUKOU_STATUS);
export type HukouStatus = CodeOf<typeof HUKOU_STATUS>;

/** A person in the household register: children and parents alike. The graph calls it `HouseholdRecord`. */
@Entity('person')
@RequiresScopes('ps:household')
@ObjectType('HouseholdRecord', { description: '户籍登记信息（常住人口登记）' })
export class Person {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '假名化标识（身份证号的 HMAC），与 Child.id / Parent.id 相同' })
  id!: string;

  /** Disclosed through ResidentResolver.idNumber (masked without the identity scope). */
  @Column({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

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

  @Column({ name: 'hukou_region', type: 'varchar', length: 12 })
  @Field(() => String, { description: '户籍地区划代码（县、乡镇或村级）' })
  hukouRegion!: string;

  @Column({ name: 'household_no', type: 'varchar', length: 20 })
  @Field(() => String, { description: '户号' })
  householdNo!: string;

  @Column({ name: 'registration_status', type: 'text' })
  @Field(() => HukouStatus, { description: '户籍登记状态' })
  registrationStatus!: HukouStatus;

  @Column({ name: 'status_since', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '当前登记状态的起始日期' })
  statusSince!: string | null;
}
