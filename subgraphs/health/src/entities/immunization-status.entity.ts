import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

@Entity('immunization_status')
@RequiresScopes('health:basic')
@ObjectType({ description: '预防接种状态（对照国家免疫规划程序）' })
export class ImmunizationStatus {
  @PrimaryColumn({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'clinic_region', type: 'varchar', length: 12 })
  @Field(() => String, { description: '接种单位所在区划代码' })
  clinicRegion!: string;

  @Column({ name: 'doses_due', type: 'smallint' })
  @Field(() => Int, { description: '按免疫程序截至评估日应种剂次' })
  dosesDue!: number;

  @Column({ name: 'doses_given', type: 'smallint' })
  @Field(() => Int, { description: '已种剂次' })
  dosesGiven!: number;

  /** Derived rather than stored, so it can never disagree with the two counts. */
  @Field(() => Boolean, { description: '是否按程序完成接种（已种剂次不少于应种剂次）' })
  get upToDate(): boolean {
    return this.dosesGiven >= this.dosesDue;
  }

  @Column({ name: 'last_dose_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '最近一次接种日期（未接种则为空）' })
  lastDoseOn!: string | null;

  @Column({ name: 'assessed_on', type: 'date' })
  @Field(() => DateScalar, { description: '评估日期' })
  assessedOn!: string;
}
