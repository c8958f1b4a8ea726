import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/shared';

export enum ScreeningCondition {
  PKU = 'PKU',
  CH = 'CH',
  HEARING = 'HEARING',
  CHD = 'CHD',
}
registerEnumType(ScreeningCondition, {
  name: 'ScreeningCondition',
  description: '新生儿筛查病种：苯丙酮尿症、先天性甲状腺功能减低症、听力、先天性心脏病',
  valuesConfig: {
    PKU: { description: '苯丙酮尿症' },
    CH: { description: '先天性甲状腺功能减低症' },
    HEARING: { description: '听力障碍' },
    CHD: { description: '先天性心脏病' },
  },
});

export enum ScreeningResult {
  NORMAL = 'NORMAL',
  POSITIVE = 'POSITIVE',
  INCONCLUSIVE = 'INCONCLUSIVE',
}
registerEnumType(ScreeningResult, {
  name: 'ScreeningResult',
  description: '筛查结果：未见异常、阳性（可疑）、结果不明需复筛',
  valuesConfig: {
    NORMAL: { description: '未见异常' },
    POSITIVE: { description: '阳性（可疑）' },
    INCONCLUSIVE: { description: '结果不明，需复筛' },
  },
});

export enum ScreeningFollowUp {
  NONE = 'NONE',
  REFERRED = 'REFERRED',
  CONFIRMED = 'CONFIRMED',
  TREATED = 'TREATED',
  LOST = 'LOST',
}
registerEnumType(ScreeningFollowUp, {
  name: 'ScreeningFollowUp',
  description: '筛查随访：无需随访、已转诊、已确诊、已治疗、失访',
  valuesConfig: {
    NONE: { description: '无需随访' },
    REFERRED: { description: '已转诊' },
    CONFIRMED: { description: '已确诊' },
    TREATED: { description: '已治疗' },
    LOST: { description: '失访' },
  },
});

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
