import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type SelectQueryBuilder } from 'typeorm';
import { isValidIdNumber } from '@hub/domain';
import { badUserInput, discloseIdNumber, jurisdictionPatterns } from '@hub/service-kit';
import {
  checkPageSize,
  checkRegionPrefix,
  DateScalar,
  decodeCursor,
  ID_KEY_SHAPE,
  PageInfo,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { publicSecurityLoaders } from '../public-security.loader';
import { Child } from '../entities/child.type';
import { Household } from '../entities/household.entity';
import { Parent } from '../entities/parent.type';
import { Person } from '../entities/person.entity';

interface ResidentFilter {
  regionPrefix: string;
  withResidencePermit: boolean;
  hukouOutsideRegion: boolean;
  bornOnOrAfter: string | null;
  awayScreenOn: string | null;
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

/**
 * The discovery screen (发现预警筛查): persons for whom, on `:on`, the register shows a sign of living away
 * from the hukou place, their own or a parent's, or cannot rule one out. Anyone outside it is, by the
 * register alone, neither a migrant child (no valid residence permit of their own) nor left behind (two or
 * more registered parents, all on record, none holding a valid permit outside the child's hukou county), so
 * the nightly job need not send them through the discovery rules. Deliberately wider than the rules (a
 * permit anywhere, any parent's permit outside the county): it may let in a child the rules then clear, and
 * must never keep out one they would flag or could not decide — the reconciliation tests check exactly that.
 */
// `OFFSET 0` keeps a correlated EXISTS a probe of the person's own rows. Without it PostgreSQL may turn an
// EXISTS under OR into a hash of every matching permit, built afresh for each page: 34,000 rows at 100,000
// children, ten times that at 1,000,000, where one page needs a few hundred probes.
const AWAY_SCREEN = `(
  EXISTS (SELECT 1 FROM residence_permit rp WHERE rp.person_id = p.id AND rp.issued_on <= :on AND rp.valid_until >= :on OFFSET 0)
  OR p.hukou_region IS NULL OR length(p.hukou_region) < 6
  OR (SELECT count(q.id) < 2 OR bool_or(q.id IS NULL) FROM parent_link pl LEFT JOIN person q ON q.id = pl.parent_id WHERE pl.child_id = p.id)
  OR EXISTS (SELECT 1 FROM parent_link pl JOIN residence_permit rp ON rp.person_id = pl.parent_id
             WHERE pl.child_id = p.id AND rp.issued_on <= :on AND rp.valid_until >= :on AND left(rp.region, 6) <> left(p.hukou_region, 6)))`;

/** Persons under a region prefix: by hukou region, or by the region of any residence permit they hold. */
function residentsQuery(ctx: SubgraphContext, f: ResidentFilter): SelectQueryBuilder<Person> {
  const qb = ctx.db.getRepository(Person).createQueryBuilder('p');
  const prefix = `${f.regionPrefix}%`;
  if (f.withResidencePermit) {
    // A probe per person (OFFSET 0: a filter, not a semi-join), so the cheap conditions below run first.
    qb.where('EXISTS (SELECT 1 FROM residence_permit rp WHERE rp.person_id = p.id AND rp.region LIKE :prefix OFFSET 0)', { prefix });
    if (f.hukouOutsideRegion) qb.andWhere('(p.hukou_region IS NULL OR p.hukou_region NOT LIKE :prefix)', { prefix });
  } else {
    qb.where('p.hukou_region LIKE :prefix', { prefix });
  }
  if (f.bornOnOrAfter) qb.andWhere('p.date_of_birth >= :born', { born: f.bornOnOrAfter });
  if (f.awayScreenOn) qb.andWhere(AWAY_SCREEN, { on: f.awayScreenOn });
  // Row-level jurisdiction (hukou or a permit under one of the caller's prefixes), in the same statement.
  qb.andWhere(
    '(p.hukou_region LIKE ANY(:jp) OR EXISTS (SELECT 1 FROM residence_permit rpj WHERE rpj.person_id = p.id AND rpj.region LIKE ANY(:jp) OFFSET 0))',
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
    @Arg('hukouOutsideRegion', () => Boolean, {
      defaultValue: false,
      description: '与 withResidencePermit 同用：只查户籍不在该区划的持证人员（户籍在该区划的已在户籍查询中）',
    })
    hukouOutsideRegion: boolean,
    @Arg('bornOnOrAfter', () => DateScalar, { nullable: true, description: '只查此日期及以后出生的人员（如只查未成年人）' })
    bornOnOrAfter: string | null,
    @Arg('awayScreenOn', () => DateScalar, {
      nullable: true,
      description:
        '发现预警筛查：只查在该日本人持有效居住证、户籍地不明、登记父母不足两人或有父母持户籍县以外有效居住证的人员（其他人员按户籍登记既非流动儿童也非留守儿童）',
    })
    awayScreenOn: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResidentPage> {
    checkRegionPrefix(regionPrefix);
    checkPageSize(first);
    const afterId = decodeCursor(after, ID_KEY_SHAPE);
    if (hukouOutsideRegion && !withResidencePermit) throw badUserInput('hukouOutsideRegion 只能与 withResidencePermit: true 同用');
    const filter: ResidentFilter = { regionPrefix, withResidencePermit, hukouOutsideRegion, bornOnOrAfter, awayScreenOn };
    const qb = residentsQuery(ctx, filter);
    if (afterId !== null) qb.andWhere('p.id > :afterId', { afterId });
    const rows = await qb
      .orderBy('p.id', 'ASC')
      .limit(first + 1)
      .getMany();
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
