import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { ChildCategory, ChildRecord } from '../entities/child-record.entity';

/**
 * 信息变更 (动态更新) read back: the record updates (`updateChildRecord`) of a child's file, from the change log kept
 * with every write (`ledger_change`, action UPDATED), latest first, with what each field was before and after and
 * the reason. The colour's changes are `riskAssessments`; the other entries (visits, agreements, work log, help)
 * have lists of their own.
 */
@RequiresScopes('welfare:read')
@ObjectType({ description: '一项信息的变更前后' })
export class ValueChange {
  @Field(() => String, { nullable: true, description: '变更前（原为空则为空）' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: '变更后（清空则为空）' })
  after!: string | null;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童类别的变更前后' })
export class CategoriesChange {
  @Field(() => [ChildCategory], { description: '变更前' })
  before!: ChildCategory[];

  @Field(() => [ChildCategory], { description: '变更后' })
  after!: ChildCategory[];
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '台账信息变更（动态更新）：一次变更' })
export class RecordChange {
  @Field(() => String, { description: '变更时间（ISO 8601）' })
  changedAt!: string;

  @Field(() => String, { description: '变更原因' })
  reason!: string;

  @Field(() => String, { description: '变更人角色' })
  actorRole!: string;

  @RequiresScopes('welfare:read', 'child:basic')
  @Field(() => ValueChange, { nullable: true, description: '监护人姓名（未变更为空）' })
  guardianName!: ValueChange | null;

  @Field(() => ValueChange, { nullable: true, description: '监护人与儿童的关系（未变更为空）' })
  guardianRelation!: ValueChange | null;

  @Field(() => ValueChange, { nullable: true, description: '监护人联系电话（未变更为空）' })
  guardianPhone!: ValueChange | null;

  @Field(() => CategoriesChange, { nullable: true, description: '儿童类别（未变更为空）' })
  categories!: CategoriesChange | null;

  childId!: string;
}

interface LogRow {
  child_id: string;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  actor_roles: string[];
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const codes = (v: unknown): ChildCategory[] => (Array.isArray(v) ? (v as ChildCategory[]) : []);

function toChange(r: LogRow): RecordChange {
  const before = r.before ?? {};
  const value = (column: string): ValueChange | null =>
    column in r.after ? { before: text(before[column]), after: text(r.after[column]) } : null;
  return {
    childId: r.child_id,
    changedAt: r.at.toISOString(),
    reason: text(r.after.reason) ?? '',
    actorRole: r.actor_roles[0] ?? '',
    guardianName: value('guardian_name'),
    guardianRelation: value('guardian_relation'),
    guardianPhone: value('guardian_phone'),
    categories: 'categories' in r.after ? { before: codes(before.categories), after: codes(r.after.categories) } : null,
  };
}

@Resolver(() => ChildRecord)
export class WelfareRecordChangesResolver {
  @FieldResolver(() => [RecordChange], { description: '台账信息变更记录（动态更新：监护人、联系方式、类别；最新在前）' })
  async recordChanges(@Root() record: ChildRecord, @Ctx() ctx: SubgraphContext): Promise<RecordChange[]> {
    return ctx.loaders
      .many(
        'recordChangesByChild',
        async (ids: string[]) =>
          (
            (await ctx.db.query(
              `SELECT child_id, at, before, after, actor_roles FROM ledger_change
              WHERE child_id = ANY($1) AND entity = 'child_record' AND action = 'UPDATED'
              ORDER BY at DESC, id DESC`,
              [ids],
            )) as LogRow[]
          ).map(toChange),
        (c) => c.childId,
      )
      .load(record.id);
  }
}
