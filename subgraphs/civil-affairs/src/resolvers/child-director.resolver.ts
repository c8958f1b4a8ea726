import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { checkRegionPrefix, jurisdictionPatterns, SubgraphContext } from '@hub/shared';
import { civilAffairsLoaders } from '../civil-affairs.loader';
import { ChildDirector } from '../entities/child-director.entity';
import { ChildSupervisor } from '../entities/child-supervisor.entity';

@Resolver(() => ChildDirector)
export class ChildDirectorResolver {
  @Query(() => [ChildDirector], { description: '某区划（前缀）内各村（社区）的儿童主任' })
  async childDirectors(
    @Arg('regionPrefix', () => String, { description: '区划代码前缀，如 500112' }) regionPrefix: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildDirector[]> {
    checkRegionPrefix(regionPrefix);
    return ctx.db
      .getRepository(ChildDirector)
      .createQueryBuilder('d')
      .where('d.village_code LIKE :p', { p: `${regionPrefix}%` })
      .andWhere('d.village_code LIKE ANY(:jp)', { jp: jurisdictionPatterns(ctx.principal) })
      .orderBy('d.villageCode')
      .addOrderBy('d.id')
      .getMany();
  }

  @FieldResolver(() => ChildSupervisor, { nullable: true, description: '所属儿童督导员（未指定为空）' })
  supervisor(@Root() director: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<ChildSupervisor | null> | null {
    return director.supervisorId ? civilAffairsLoaders(ctx).supervisorById.load(director.supervisorId) : null;
  }
}

@Resolver(() => ChildSupervisor)
export class ChildSupervisorResolver {
  @Query(() => [ChildSupervisor], { description: '某区划（前缀）内各乡镇（街道）的儿童督导员' })
  async childSupervisors(
    @Arg('regionPrefix', () => String, { description: '区划代码前缀，如 500112' }) regionPrefix: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildSupervisor[]> {
    checkRegionPrefix(regionPrefix);
    return ctx.db
      .getRepository(ChildSupervisor)
      .createQueryBuilder('s')
      .where('s.township_code LIKE :p', { p: `${regionPrefix}%` })
      .andWhere('s.township_code LIKE ANY(:jp)', { jp: jurisdictionPatterns(ctx.principal) })
      .orderBy('s.townshipCode')
      .addOrderBy('s.id')
      .getMany();
  }

  @FieldResolver(() => [ChildDirector], { description: '督导的儿童主任' })
  childDirectors(@Root() supervisor: ChildSupervisor, @Ctx() ctx: SubgraphContext): Promise<ChildDirector[]> {
    return civilAffairsLoaders(ctx).directorsBySupervisor.load(supervisor.id);
  }
}
