import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { DateScalar } from '@hub/subgraph-kit';
import { ResidencePermit } from '../entities/residence-permit.entity';

@Resolver(() => ResidencePermit)
export class ResidencePermitResolver {
  @FieldResolver(() => Boolean, { description: '在指定日期是否有效（签发日至有效期截止日之间）' })
  valid(
    @Root() permit: ResidencePermit,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '核对日期，默认今天（北京时间）' }) asOf: string | null,
  ): boolean {
    const day = asOf ?? todayInChina();
    return permit.issuedOn <= day && day <= permit.validUntil;
  }
}
