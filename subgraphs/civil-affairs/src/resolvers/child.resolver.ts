import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badUserInput } from '@hub/service-kit';
import { type SubgraphContext } from '@hub/subgraph-kit';
import { civilAffairsLoaders, visitsByChild } from '../civil-affairs.loader';
import { CareAgreement } from '../entities/care-agreement.entity';
import { Child } from '../entities/child.type';
import { ChildDirector } from '../entities/child-director.entity';
import { ChildRecord } from '../entities/child-record.entity';
import { Support } from '../entities/support.entity';
import { Visit } from '../entities/visit.entity';

@Resolver(() => Child)
export class ChildCivilAffairsResolver {
  @FieldResolver(() => ChildRecord, { nullable: true, description: '民政儿童台账记录（未纳入台账为空）' })
  welfare(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<ChildRecord | null> {
    return civilAffairsLoaders(ctx).childRecordById.load(child.id);
  }

  @FieldResolver(() => [Support], { description: '保障待遇（含已终止的，最新起始在前）' })
  supports(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<Support[]> {
    return civilAffairsLoaders(ctx).supportsByChild.load(child.id);
  }

  @FieldResolver(() => [Visit], { description: '走访记录（最新在前）' })
  visits(
    @Root() child: Child,
    @Arg('last', () => Int, { nullable: true, description: '只返回最近的若干次走访（正整数），省略则返回全部' }) last: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Visit[]> {
    if (last !== null && last !== undefined && (!Number.isInteger(last) || last < 1)) {
      throw badUserInput(`last 须为正整数: ${last}`);
    }
    return visitsByChild(ctx, last ?? null).load(child.id);
  }

  @FieldResolver(() => [CareAgreement], { description: '委托照护协议（最新签订在前）' })
  careAgreements(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<CareAgreement[]> {
    return civilAffairsLoaders(ctx).careAgreementsByChild.load(child.id);
  }

  @FieldResolver(() => ChildDirector, { nullable: true, description: '负责该儿童的儿童主任（未指派为空）' })
  async childDirector(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<ChildDirector | null> {
    const loaders = civilAffairsLoaders(ctx);
    const record = await loaders.childRecordById.load(child.id);
    return record?.directorId ? loaders.directorById.load(record.directorId) : null;
  }
}
