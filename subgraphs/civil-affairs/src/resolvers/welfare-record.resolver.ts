import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { discloseIdNumber } from '@hub/service-kit';
import { type SubgraphContext } from '@hub/subgraph-kit';
import { ChildRecord, Guardian } from '../entities/child-record.entity';

@Resolver(() => ChildRecord)
export class WelfareRecordResolver {
  @FieldResolver(() => String, { nullable: true, description: '公民身份号码（无 child:identity 权限时脱敏；无户籍儿童为空）' })
  idNumber(@Root() record: ChildRecord, @Ctx() ctx: SubgraphContext): string | null {
    return discloseIdNumber(ctx.principal, record.idNumber);
  }

  @FieldResolver(() => Guardian, { nullable: true, description: '监护人（台账未登记为空）' })
  guardian(@Root() record: ChildRecord): Guardian | null {
    if (record.guardianName === null && record.guardianRelation === null && record.guardianPhone === null) return null;
    return { name: record.guardianName, relation: record.guardianRelation, phone: record.guardianPhone };
  }
}
