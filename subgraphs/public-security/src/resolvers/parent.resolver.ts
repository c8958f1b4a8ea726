import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@hub/subgraph-kit';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { publicSecurityLoaders } from '../public-security.loader';
import { Child } from '../entities/child.type';
import { CustodyRecord } from '../entities/custody-record.entity';
import { MissingReport } from '../entities/missing-report.entity';
import { Parent } from '../entities/parent.type';
import { ParentLink } from '../entities/parent-link.entity';
import { Person } from '../entities/person.entity';
import { ResidencePermit } from '../entities/residence-permit.entity';

@Resolver(() => Parent)
export class ParentPublicSecurityResolver {
  @FieldResolver(() => Person, { nullable: true, description: '户籍登记信息（公安无此人户籍记录时为空）' })
  household(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    return publicSecurityLoaders(ctx).personById.load(parent.id);
  }

  @FieldResolver(() => [ResidencePermit], {
    nullable: true,
    description: '居住证（最新签发在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  residencePermits(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<ResidencePermit[]> {
    return publicSecurityLoaders(ctx).permitsByPerson.load(parent.id);
  }

  @FieldResolver(() => [CustodyRecord], {
    nullable: true,
    description: '服刑在押、强制隔离戒毒等限制人身自由记录（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  custodyRecords(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<CustodyRecord[]> {
    return publicSecurityLoaders(ctx).custodyByPerson.load(parent.id);
  }

  @FieldResolver(() => [MissingReport], {
    nullable: true,
    description: '失联、失踪报案（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  missingReports(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<MissingReport[]> {
    return publicSecurityLoaders(ctx).missingReportsByPerson.load(parent.id);
  }

  @RequiresScopes('ps:household')
  @FieldResolver(() => [Child], { nullable: true, description: '户籍登记的子女（空值表示本部门数据暂不可用或无权查看，并非无记录）' })
  async children(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<Child[]> {
    const links = await publicSecurityLoaders(ctx).parentLinksByParent.load(parent.id);
    return links.map((l) => ({ id: l.childId }));
  }

  @FieldResolver(() => [ParentLink], {
    nullable: true,
    description: '亲子关系（作为父亲或母亲）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  childLinks(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<ParentLink[]> {
    return publicSecurityLoaders(ctx).parentLinksByParent.load(parent.id);
  }
}
