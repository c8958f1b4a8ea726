import { Field, ID, ObjectType } from 'type-graphql';
import { RequiresScopes } from '@hub/subgraph-kit';
import { InsuranceEnrolment } from './insurance-enrolment.entity';

/**
 * A node of the by-region listing. Enrolments cover adults as well as children, so a node cannot be a
 * `Child`; it carries the pseudonymous id instead, which the caller joins to Child or Parent.
 */
@RequiresScopes('mi:enrollment')
@ObjectType({ description: '参保人（某年度的参保登记及其假名化标识）' })
export class InsuredPerson {
  @Field(() => ID, { description: '参保人的假名化标识（可作为 Child.id 或 Parent.id 关联）' })
  id!: string;

  @Field(() => InsuranceEnrolment, { description: '该年度的参保登记' })
  enrolment!: InsuranceEnrolment;
}
