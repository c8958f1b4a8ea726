import { RISK_FACTOR, type CodeOf } from '@hub/domain';
import { DateScalar, registerCodeList, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RiskColour } from './child-record.entity';

export const RiskFactor = registerCodeList(RISK_FACTOR);
export type RiskFactor = CodeOf<typeof RISK_FACTOR>;

/** One risk-colour assessment (四色管理分级评估): what was found, the colour it led to and who judged it. */
@Entity('risk_assessment')
@RequiresScopes('welfare:read')
@ObjectType({ description: '风险等级评估记录（四色管理）' })
export class RiskAssessment {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'assessed_on', type: 'date' })
  @Field(() => DateScalar, { description: '评估日期' })
  assessedOn!: string;

  @Column('text')
  @Field(() => RiskColour, { description: '评估结果：风险等级' })
  colour!: RiskColour;

  @Column({ name: 'previous_colour', type: 'text', nullable: true })
  @Field(() => RiskColour, { nullable: true, description: '评估前的风险等级' })
  previousColour!: RiskColour | null;

  @Column('text', { array: true })
  @Field(() => [RiskFactor], { description: '评估因素' })
  factors!: RiskFactor[];

  @Column('text')
  @Field(() => String, { description: '评估说明' })
  reason!: string;

  @Column('text')
  @Field(() => String, { description: '评估人（用户标识）' })
  assessor!: string;

  @Column({ name: 'assessor_role', type: 'text' })
  @Field(() => String, { description: '评估人角色' })
  assessorRole!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  /** Disclosed as ISO 8601 by the ledger resolver. */
  recordedAt!: Date;

  @Column({ name: 'request_key', type: 'uuid' })
  requestKey!: string;
}
