import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Authenticated } from '@hub/subgraph-kit';

/** The child entity, keyed by the pseudonymous id; education contributes its registry fields. */
@ObjectType({ description: '儿童（以假名化标识关联各部门数据）' })
@Directive('@key(fields: "id")')
export class Child {
  @Authenticated()
  @Field(() => ID, { description: '假名化标识（身份证号的 HMAC）' })
  id!: string;
}
