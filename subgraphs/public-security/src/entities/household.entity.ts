import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/subgraph-kit';

/** 户: the household a person's hukou is registered in. Named `HukouHousehold` in the graph so that
 *  `Child.household` (the person's own registration) and the household itself are not confused. */
@Entity('household')
@RequiresScopes('ps:household')
@ObjectType('HukouHousehold', { description: '户籍户（户口簿所登记的户）' })
export class Household {
  @PrimaryColumn({ name: 'household_no', type: 'varchar', length: 20 })
  @Field(() => String, { description: '户号' })
  householdNo!: string;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => String, { description: '户籍地区划代码' })
  region!: string;

  @Column('text')
  @Field(() => String, { description: '户籍地址' })
  address!: string;

  @Column({ name: 'established_on', type: 'date' })
  @Field(() => DateScalar, { description: '立户日期' })
  establishedOn!: string;
}
