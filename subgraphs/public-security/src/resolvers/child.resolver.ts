import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@hub/subgraph-kit';
import type { SubgraphContext } from '@hub/subgraph-kit';
import { publicSecurityLoaders } from '../public-security.loader';
import { Child } from '../entities/child.type';
import { MissingReport } from '../entities/missing-report.entity';
import { Parent } from '../entities/parent.type';
import { ParentLink } from '../entities/parent-link.entity';
import { Person } from '../entities/person.entity';
import { ResidencePermit } from '../entities/residence-permit.entity';

@Resolver(() => Child)
export class ChildPublicSecurityResolver {
  @FieldResolver(() => Person, { nullable: true, description: '户籍登记信息（公安无此人户籍记录时为空，即无户籍）' })
  household(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Person | null> {
    return publicSecurityLoaders(ctx).personById.load(child.id);
  }

  @FieldResolver(() => [ResidencePermit], {
    nullable: true,
    description: '居住证（最新签发在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  residencePermits(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<ResidencePermit[]> {
    return publicSecurityLoaders(ctx).permitsByPerson.load(child.id);
  }

  @RequiresScopes('ps:household')
  @FieldResolver(() => [Parent], { nullable: true, description: '户籍登记的父母（空值表示本部门数据暂不可用或无权查看，并非无记录）' })
  async parents(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Parent[]> {
    const links = await publicSecurityLoaders(ctx).parentLinksByChild.load(child.id);
    return links.map((l) => ({ id: l.parentId }));
  }

  @FieldResolver(() => [ParentLink], {
    nullable: true,
    description: '亲子关系（含父亲、母亲关系）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  parentLinks(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<ParentLink[]> {
    return publicSecurityLoaders(ctx).parentLinksByChild.load(child.id);
  }

  @FieldResolver(() => [MissingReport], {
    nullable: true,
    description: '失联、失踪报案（最新在前）（空值表示本部门数据暂不可用或无权查看，并非无记录）',
  })
  missingReports(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<MissingReport[]> {
    return publicSecurityLoaders(ctx).missingReportsByPerson.load(child.id);
  }
}
