import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Raw, MoreThan, MoreThanOrEqual } from 'typeorm';
import {
  checkPageSize,
  checkRegionPrefix,
  DateScalar,
  decodeCursor,
  narrowToJurisdiction,
  PageInfo,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { DeathCertificate } from '../entities/death-certificate.entity';

@RequiresScopes('health:basic')
@ObjectType({ description: '医学死亡证明分页' })
class DeathCertificatePage {
  @Field(() => [DeathCertificate], { description: '本页死亡证明（按证明编号升序）' })
  nodes!: DeathCertificate[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

@Resolver(() => DeathCertificate)
export class DeathCertificateResolver {
  @Query(() => DeathCertificatePage, { description: '按死亡地点区划查询医学死亡证明（按证明编号键集分页）' })
  async deathCertificates(
    @Arg('regionPrefix', () => String, { description: '死亡地点区划代码前缀，如 500112' }) regionPrefix: string,
    @Arg('since', () => DateScalar, { nullable: true, description: '只返回该日期（含）之后死亡的' }) since: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeathCertificatePage> {
    checkRegionPrefix(regionPrefix);
    checkPageSize(first);
    const afterNo = decodeCursor(after, /^.{1,20}$/);
    const rows = await ctx.db.getRepository(DeathCertificate).find({
      where: {
        // Within the caller's jurisdiction only; the prefix is digits (checked above), so no LIKE wildcards.
        placeRegion: Raw((column) => `${column} LIKE ANY(:patterns)`, {
          patterns: narrowToJurisdiction(regionPrefix, ctx.principal.jurisdiction),
        }),
        ...(since ? { dateOfDeath: MoreThanOrEqual(since) } : {}),
        ...(afterNo !== null ? { certificateNo: MoreThan(afterNo) } : {}),
      },
      order: { certificateNo: 'ASC' },
      take: first + 1,
    });
    return toPage(rows, first, (d) => d.certificateNo);
  }
}
