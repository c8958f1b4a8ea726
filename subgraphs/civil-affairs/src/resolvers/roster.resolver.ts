import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type SelectQueryBuilder } from 'typeorm';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import {
  checkPageSize,
  checkRegionPrefix,
  decodeCursor,
  ID_KEY_SHAPE,
  PageInfo,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { civilAffairsLoaders, visibleChildren } from '../civil-affairs.loader';
import { Child } from '../entities/child.type';
import { ChildCategory, ChildRecord, RiskColour } from '../entities/child-record.entity';

@InputType({ description: '台账筛选条件（给出的各项须同时满足；省略或为 null 的项不筛选）' })
export class RosterFilter {
  @Field(() => [ChildCategory], { nullable: true, description: '儿童类别：具有其中任一类别即匹配（空列表不匹配任何记录）' })
  categories?: ChildCategory[] | null;

  @Field(() => String, { nullable: true, description: '区划代码前缀：实际居住地或户籍地在该区划内即匹配' })
  regionPrefix?: string | null;

  @Field(() => [RiskColour], { nullable: true, description: '风险等级：为其中任一等级即匹配（空列表不匹配任何记录）' })
  riskColours?: RiskColour[] | null;

  @Field(() => [String], {
    nullable: true,
    description: '多个区划代码前缀：实际居住地或户籍地在其中任一区划内即匹配（空列表不匹配任何记录）',
  })
  regionPrefixes?: string[] | null;
}

/** At most this many region codes in one filter (a township list of a flood area, not the whole country). */
const MAX_REGION_CODES = 500;

function checkFilter(f: RosterFilter): void {
  if (f.regionPrefix != null) checkRegionPrefix(f.regionPrefix);
  if (f.regionPrefixes != null) {
    if (f.regionPrefixes.length > MAX_REGION_CODES) throw badUserInput(`区划代码最多 ${MAX_REGION_CODES} 个: ${f.regionPrefixes.length}`);
    for (const p of f.regionPrefixes) checkRegionPrefix(p);
  }
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '民政台账儿童分页' })
export class RosterPage {
  @Field(() => [Child], { description: '本页儿童（按标识排序）' })
  nodes!: Child[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  /** Kept for `totalCount`, which costs a COUNT and is only run when asked for. */
  filter!: RosterFilter;
}

/** The filter as SQL with bound parameters only: no input is ever interpolated into the statement. */
export function rosterQuery(ctx: SubgraphContext, f: RosterFilter): SelectQueryBuilder<ChildRecord> {
  // Row-level jurisdiction, in the same statement as the filter: counts and pages never include others.
  const qb = ctx.db
    .getRepository(ChildRecord)
    .createQueryBuilder('c')
    .where('(c.residence_region LIKE ANY(:jp) OR c.hukou_region LIKE ANY(:jp))', { jp: jurisdictionPatterns(ctx.principal) });
  if (f.categories != null) {
    if (f.categories.length === 0) qb.andWhere('FALSE');
    else qb.andWhere('c.categories && CAST(:categories AS text[])', { categories: f.categories });
  }
  if (f.regionPrefix != null) {
    qb.andWhere('(c.residence_region LIKE :prefix OR c.hukou_region LIKE :prefix)', { prefix: `${f.regionPrefix}%` });
  }
  if (f.regionPrefixes != null) {
    if (f.regionPrefixes.length === 0) qb.andWhere('FALSE');
    else {
      const patterns = f.regionPrefixes.map((p) => `${p}%`);
      qb.andWhere('(c.residence_region LIKE ANY(:patterns) OR c.hukou_region LIKE ANY(:patterns))', { patterns });
    }
  }
  if (f.riskColours != null) {
    if (f.riskColours.length === 0) qb.andWhere('FALSE');
    else qb.andWhere('c.risk_colour IN (:...riskColours)', { riskColours: f.riskColours });
  }
  return qb;
}

@Resolver(() => RosterPage)
export class RosterResolver {
  @Query(() => RosterPage, { description: '民政儿童台账名册（按标识键集分页）' })
  async roster(
    @Arg('filter', () => RosterFilter, { nullable: true, description: '筛选条件，省略则返回全部' }) filter: RosterFilter | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RosterPage> {
    return this.page(filter ?? {}, first, after, ctx);
  }

  @Query(() => RosterPage, {
    description: '突发事件应急查询：给定区划（可多个，县、乡镇或村）内的台账儿童，可按类别和风险等级筛选，供快速排查联系（按标识键集分页）',
  })
  async emergencyRoster(
    @Arg('regionCodes', () => [String], { description: '受影响区划代码（前缀），如 ["500112001", "500112002"]' }) regionCodes: string[],
    @Arg('categories', () => [ChildCategory], { nullable: true, description: '只查这些类别（省略为全部）' })
    categories: ChildCategory[] | null,
    @Arg('riskColours', () => [RiskColour], { nullable: true, description: '只查这些风险等级（省略为全部）' })
    riskColours: RiskColour[] | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RosterPage> {
    if (regionCodes.length === 0) throw badUserInput('至少给出一个区划代码');
    return this.page({ regionPrefixes: regionCodes, categories, riskColours }, first, after, ctx);
  }

  private async page(f: RosterFilter, first: number, after: string | null, ctx: SubgraphContext): Promise<RosterPage> {
    checkFilter(f);
    checkPageSize(first);
    const afterId = decodeCursor(after, ID_KEY_SHAPE);
    const qb = rosterQuery(ctx, f);
    if (afterId !== null) qb.andWhere('c.id > :afterId', { afterId });
    const rows = await qb
      .orderBy('c.id', 'ASC')
      .limit(first + 1)
      .getMany();
    // The records are already loaded: `nodes { welfare }` and `childDirector` must not read them again.
    const { childRecordById } = civilAffairsLoaders(ctx);
    for (const r of rows) childRecordById.prime(r.id, r);
    const page = toPage(rows, first, (r) => r.id);
    return { nodes: page.nodes.map((r) => ({ id: r.id })), pageInfo: page.pageInfo, filter: f };
  }

  @RequiresScopes('welfare:read')
  @Query(() => Child, { nullable: true, description: '按标识查询台账儿童（不在台账或不在本人辖区内为空）' })
  async child(@Arg('id', () => ID, { description: '儿童假名化标识' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Child | null> {
    if (!ID_KEY_SHAPE.test(id)) throw badUserInput('无效的儿童标识');
    return (await visibleChildren(ctx).load(id)) ? { id } : null;
  }

  @FieldResolver(() => Int, { description: '符合条件的儿童总数（不受分页影响）' })
  totalCount(@Root() page: RosterPage, @Ctx() ctx: SubgraphContext): Promise<number> {
    return rosterQuery(ctx, page.filter).getCount();
  }
}
