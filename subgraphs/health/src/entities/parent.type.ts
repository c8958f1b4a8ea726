import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Authenticated } from '@hub/subgraph-kit';

/** The parent entity, keyed by the same pseudonymous id; health contributes death and serious illness. */
@ObjectType({ description: '父母（以假名化标识关联各部门数据）' })
@Directive('@key(fields: "id")')
export class Parent {
  @Authenticated()
  @Field(() => ID, { description: '假名化标识（身份证号的 HMAC）' })
  id!: string;
}
