import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MoreThan } from 'typeorm';
import { checkPageSize, checkRegionPrefix, decodeCursor, PageInfo, RequiresScopes, type SubgraphContext, toPage } from '@hub/subgraph-kit';
import { educationLoaders } from '../education.loader';
import { Child } from '../entities/child.type';
import { Enrolment, EnrolmentStatus } from '../entities/enrolment.entity';
import { School } from '../entities/school.entity';

@RequiresScopes('edu:enrollment')
@ObjectType({ description: '学籍记录分页' })
class EnrolmentPage {
  @Field(() => [Enrolment], { description: '本页学籍记录' })
  nodes!: Enrolment[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @Query(() => [School], { description: '某区划（前缀）内的学校' })
  async schools(
    @Arg('regionPrefix', () => String, { description: '区划代码前缀，如 500112' }) regionPrefix: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<School[]> {
    checkRegionPrefix(regionPrefix);
    return ctx.db
      .getRepository(School)
      .createQueryBuilder('s')
      .where('s.region LIKE :p', { p: `${regionPrefix}%` })
      .orderBy('s.code')
      .getMany();
  }

  @Query(() => EnrolmentPage, { description: '按学校查询学籍（键集分页）' })
  async enrolmentsBySchool(
    @Arg('schoolCode', () => String, { description: '学校标识码' }) schoolCode: string,
    @Arg('status', () => EnrolmentStatus, { nullable: true, description: '按学籍状态过滤' }) status: EnrolmentStatus | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EnrolmentPage> {
    checkPageSize(first);
    const afterId = decodeCursor(after, /^\d{1,19}$/);
    // A school's roll is visible to the jurisdiction the school lies in.
    const school = await educationLoaders(ctx).schoolByCode.load(schoolCode);
    if (!school || !ctx.principal.jurisdiction.some((j) => school.region.startsWith(j))) return toPage([], first, (e: Enrolment) => e.id);
    const rows = await ctx.db.getRepository(Enrolment).find({
      where: { schoolCode, ...(status ? { status } : {}), ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: first + 1,
    });
    return toPage(rows, first, (e) => e.id);
  }

  @FieldResolver(() => School, { description: '就读学校' })
  school(@Root() enrolment: Enrolment, @Ctx() ctx: SubgraphContext): Promise<School | null> {
    return educationLoaders(ctx).schoolByCode.load(enrolment.schoolCode);
  }

  @FieldResolver(() => Child, { description: '学生' })
  child(@Root() enrolment: Enrolment): Child {
    return { id: enrolment.childId };
  }
}
