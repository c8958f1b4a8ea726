import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Raw, MoreThan } from 'typeorm';
import {
  checkPageSize,
  checkRegionPrefix,
  decodeCursor,
  narrowToJurisdiction,
  PageInfo,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { checkEnrolmentYear } from '../enrolment-year';
import { InsuranceEnrolment } from '../entities/insurance-enrolment.entity';
import { InsuredPerson } from '../entities/insured-person.type';

@RequiresScopes('mi:enrollment')
@ObjectType({ description: '参保人分页' })
class InsuredPersonPage {
  @Field(() => [InsuredPerson], { description: '本页参保人（按假名化标识升序）' })
  nodes!: InsuredPerson[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

@Resolver(() => InsuredPerson)
export class InsuranceEnrolmentResolver {
  @Query(() => InsuredPersonPage, { description: '按参保地查询某年度的参保人（按假名化标识键集分页）' })
  async insuranceEnrolmentsByRegion(
    @Arg('year', () => Int, { description: '参保年度' }) year: number,
    @Arg('regionPrefix', () => String, { description: '参保地区划代码前缀（2–6 位），如 5001' }) regionPrefix: string,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InsuredPersonPage> {
    checkEnrolmentYear(year);
    // Issuing / insured regions are county codes (6 digits): a finer prefix would silently match nothing.
    checkRegionPrefix(regionPrefix, 6);
    checkPageSize(first);
    const afterId = decodeCursor(after, /^.{1,64}$/);
    // (person_id, year) is unique, so within one year person_id is a total order for the keyset.
    const rows = await ctx.db.getRepository(InsuranceEnrolment).find({
      where: {
        year,
        // Within the caller's jurisdiction only; the prefix is digits (checked above), so no LIKE wildcards.
        insuredRegion: Raw((column) => `${column} LIKE ANY(:patterns)`, {
          patterns: narrowToJurisdiction(regionPrefix, ctx.principal.jurisdiction),
        }),
        ...(afterId !== null ? { personId: MoreThan(afterId) } : {}),
      },
      order: { personId: 'ASC' },
      take: first + 1,
    });
    const page = toPage(rows, first, (e) => e.personId);
    return { nodes: page.nodes.map((e) => ({ id: e.personId, enrolment: e })), pageInfo: page.pageInfo };
  }
}
