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
import { CertificateStatus, DisabilityCertificate } from '../entities/disability-certificate.entity';

@RequiresScopes('dpf:disability')
@ObjectType({ description: '残疾人证分页' })
class DisabilityCertificatePage {
  @Field(() => [DisabilityCertificate], { description: '本页残疾人证（按证号升序）' })
  nodes!: DisabilityCertificate[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

@Resolver(() => DisabilityCertificate)
export class DisabilityCertificateResolver {
  @Query(() => DisabilityCertificatePage, { description: '按发证地查询残疾人证（按证号键集分页）' })
  async disabilityCertificatesByRegion(
    @Arg('regionPrefix', () => String, { description: '发证地区划代码前缀（2–6 位），如 500112' }) regionPrefix: string,
    @Arg('status', () => CertificateStatus, { nullable: true, description: '按证件状态过滤' }) status: CertificateStatus | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DisabilityCertificatePage> {
    // Issuing / insured regions are county codes (6 digits): a finer prefix would silently match nothing.
    checkRegionPrefix(regionPrefix, 6);
    checkPageSize(first);
    const afterNo = decodeCursor(after, /^.{1,22}$/);
    const rows = await ctx.db.getRepository(DisabilityCertificate).find({
      where: {
        // Within the caller's jurisdiction only; the prefix is digits (checked above), so no LIKE wildcards.
        issuingRegion: Raw((column) => `${column} LIKE ANY(:patterns)`, {
          patterns: narrowToJurisdiction(regionPrefix, ctx.principal.jurisdiction),
        }),
        ...(status ? { status } : {}),
        ...(afterNo !== null ? { certificateNo: MoreThan(afterNo) } : {}),
      },
      order: { certificateNo: 'ASC' },
      take: first + 1,
    });
    return toPage(rows, first, (c) => c.certificateNo);
  }
}
