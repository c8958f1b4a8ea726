import { SCREENING_CONDITION, SCREENING_RESULT, SCREENING_FOLLOW_UP, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ScreeningCondition = registerCodeList(SCREENING_CONDITION);
export type ScreeningCondition = CodeOf<typeof SCREENING_CONDITION>;

export const ScreeningResult = registerCodeList(SCREENING_RESULT);
export type ScreeningResult = CodeOf<typeof SCREENING_RESULT>;

export const ScreeningFollowUp = registerCodeList(SCREENING_FOLLOW_UP);
export type ScreeningFollowUp = CodeOf<typeof SCREENING_FOLLOW_UP>;

@Entity('newborn_screening')
@RequiresScopes('health:basic')
@ObjectType({ description: '新生儿疾病筛查' })
export class NewbornScreening {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column('text')
  @Field(() => ScreeningCondition, { description: '筛查病种' })
  condition!: ScreeningCondition;

  @Column({ name: 'screened_on', type: 'date' })
  @Field(() => DateScalar, { description: '筛查日期' })
  screenedOn!: string;

  @Column('text')
  @Field(() => ScreeningResult, { description: '筛查结果' })
  result!: ScreeningResult;

  @Column({ name: 'follow_up', type: 'text' })
  @Field(() => ScreeningFollowUp, { description: '随访状态' })
  followUp!: ScreeningFollowUp;
}
