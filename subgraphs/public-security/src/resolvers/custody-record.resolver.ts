import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { todayInChina } from '@hub/domain';
import { DateScalar } from '@hub/subgraph-kit';
import { CustodyRecord } from '../entities/custody-record.entity';

@Resolver(() => CustodyRecord)
export class CustodyRecordResolver {
  // The term is not used to infer a release: early release and extensions are only known from released_on.
  @FieldResolver(() => Boolean, { description: '在指定日期是否仍处于限制人身自由状态（已开始且尚未解除）' })
  active(
    @Root() record: CustodyRecord,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '核对日期，默认今天（北京时间）' }) asOf: string | null,
  ): boolean {
    const day = asOf ?? todayInChina();
    return record.since <= day && (record.releasedOn === null || day < record.releasedOn);
  }
}
