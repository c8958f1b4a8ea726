import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ChildRecord, Guardian } from '../entities/child-record.entity';

@Resolver(() => ChildRecord)
export class WelfareRecordResolver {
  @FieldResolver(() => Guardian, { nullable: true, description: '监护人（台账未登记为空）' })
  guardian(@Root() record: ChildRecord): Guardian | null {
    if (record.guardianName === null && record.guardianRelation === null && record.guardianPhone === null) return null;
    return { name: record.guardianName, relation: record.guardianRelation, phone: record.guardianPhone };
  }
}
