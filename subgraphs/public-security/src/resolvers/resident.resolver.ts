import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { SelectQueryBuilder } from 'typeorm';
import { badUserInput, checkPageSize, checkRegionPrefix, DateScalar, decodeCursor, discloseIdNumber, ID_KEY_SHAPE, isValidIdNumber, jurisdictionPatterns, PageInfo, RequiresScopes, SubgraphContext, toPage } from '@hub/shared';
import { publicSecurityLoaders } from '../public-security.loader';
import { Child } from '../entities/child.type';
import { Household } from '../entities/household.entity';
import { Parent } from '../entities/parent.type';
import { Person } from '../entities/person.entity';

interface ResidentFilter {
  regionPrefix: string;
  withResidencePermit: boolean;
  bornOnOrAfter: string | null;
}

@RequiresScopes('ps:household')
@ObjectType({ description: '户籍（或居住证）人口分页' })
export class ResidentPage {
  @Field(() => [Person], { description: '本页人员（按标识排序）' })
  nodes!: Person[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  /** Kept for `totalCount`, which costs a COUNT and is only run when asked for. */
  filter!: ResidentFilter;
}

/** Persons under a region prefix: by hukou region, or by the region of any residence permit they hold. */
function residentsQuery(ctx: SubgraphContext, f: ResidentFilter): SelectQueryBuilder<Person> {
  const qb = ctx.db.getRepository(Person).createQueryBuilder('p');
  const prefix = `${f.regionPrefix}%`;
  if (f.withResidencePermit) {
    qb.where('EXISTS (SELECT 1 FROM residence_permit rp WHERE rp.person_id = p.id AND rp.region LIKE :prefix)', { prefix });
  } else {
    qb.where('p.hukou_region LIKE :prefix', { prefix });
  }
  if (f.bornOnOrAfter) qb.andWhere('p.date_of_birth >= :born', { born: f.bornOnOrAfter });
  // Row-level jurisdiction (hukou or a permit under one of the caller's prefixes), in the same statement.
  qb.andWhere(
    '(p.hukou_region LIKE ANY(:jp) OR EXISTS (SELECT 1 FROM residence_permit rpj WHERE rpj.person_id = p.id AND rpj.region LIKE ANY(:jp)))',
    { jp: jurisdictionPatterns(ctx.principal) },
  );
  return qb;
}

@Resolver(() => Person)
export class ResidentResolver {
  @FieldResolver(() => String, { description: '公民身份号码（无 child:identity 权限时脱敏）' })
  idNumber(@Root() person: Person, @Ctx() ctx: SubgraphContext): string {
    return discloseIdNumber(ctx.principal, person.idNumber) ?? '';
  }

  @Query(() => ResidentPage, { description: '某区划（前缀）内的户籍人口，或持该区划居住证的人员（按标识键集分页）' })
  async residents(
    @Arg('regionPrefix', () => String, { description: '区划代码前缀，如 500112' }) regionPrefix: string,
    @Arg('withResidencePermit', () => Boolean, {
      defaultValue: false,
      description: '为 true 时改为查询持有该区划居住证（含已过期）的人员，不论户籍地',
    })
    withResidencePermit: boolean,
    @Arg('bornOnOrAfter', () => DateScalar, { nullable: true, description: '只查此日期及以后出生的人员（如只查未成年人）' })
    bornOnOrAfter: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResidentPage> {
    checkRegionPrefix(regionPrefix);
    checkPageSize(first);
    const afterId = decodeCursor(after, ID_KEY_SHAPE);
    const filter: ResidentFilter = { regionPrefix, withResidencePermit, bornOnOrAfter };
    const qb = residentsQuery(ctx, filter);
    if (afterId !== null) qb.andWhere('p.id > :afterId', { afterId });
    const rows = await qb.orderBy('p.id', 'ASC').limit(first + 1).getMany();
    // The page's persons are already loaded: `asChild { household }` and the like must not query again.
    const { personById } = publicSecurityLoaders(ctx);
    for (const p of rows) personById.prime(p.id, p);
    return { ...toPage(rows, first, (p) => p.id), filter };
  }

  @RequiresScopes('child:identity')
  @Query(() => Person, { nullable: true, description: '按公民身份号码查询户籍登记信息（无记录为空）' })
  async personByIdNumber(
    @Arg('idNumber', () => String, { description: '18 位公民身份号码' }) idNumber: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Person | null> {
    if (!isValidIdNumber(idNumber)) {
      throw badUserInput('公民身份号码格式或校验位不正确');
    }
    const person = await ctx.db.getRepository(Person).findOneBy({ idNumber });
    // Outside the caller's jurisdiction the answer is the same as for an unknown number.
    return person ? publicSecurityLoaders(ctx).personById.load(person.id) : null;
  }

  @FieldResolver(() => Household, { nullable: true, description: '所在户的户籍信息' })
  registeredHousehold(@Root() person: Person, @Ctx() ctx: SubgraphContext): Promise<Household | null> {
    return publicSecurityLoaders(ctx).householdByNo.load(person.householdNo);
  }

  @FieldResolver(() => Child, { description: '以儿童身份关联各部门数据' })
  asChild(@Root() person: Person): Child {
    return { id: person.id };
  }

  @FieldResolver(() => Parent, { description: '以父母身份关联各部门数据' })
  asParent(@Root() person: Person): Parent {
    return { id: person.id };
  }
}

@Resolver(() => ResidentPage)
export class ResidentPageResolver {
  @FieldResolver(() => Int, { description: '符合条件的总人数（不受分页影响）' })
  totalCount(@Root() page: ResidentPage, @Ctx() ctx: SubgraphContext): Promise<number> {
    return residentsQuery(ctx, page.filter).getCount();
  }
}
