import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { DateScalar } from '@hub/subgraph-kit';
import { Support } from '../entities/support.entity';

@Resolver(() => Support)
export class SupportResolver {
  @FieldResolver(() => Boolean, { description: '在指定日期是否在保（起始日至终止日，含两端）' })
  active(
    @Root() support: Support,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '核对日期，默认今天（北京时间）' }) asOf: string | null,
  ): boolean {
    const day = asOf ?? todayInChina();
    return support.startDate <= day && (support.endDate === null || day <= support.endDate);
  }
}
