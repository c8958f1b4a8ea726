import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { jurisdictionPatterns } from '@hub/service-kit';
import { checkRegionPrefix, type SubgraphContext } from '@hub/subgraph-kit';
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
    return (
      ctx.db
        .getRepository(ChildSupervisor)
        .createQueryBuilder('s')
        // A township inside the asked prefix, or the township the asked (village) prefix lies in.
        .where(`(s.township_code LIKE :p OR :prefix LIKE s.township_code || '%')`, { p: `${regionPrefix}%`, prefix: regionPrefix })
        // Inside the caller's jurisdiction — or the township above it: a village child director sees their own supervisor.
        .andWhere(
          `(s.township_code LIKE ANY(:jp) OR EXISTS (SELECT 1 FROM unnest(CAST(:j AS text[])) AS j(code) WHERE j.code LIKE s.township_code || '%'))`,
          { jp: jurisdictionPatterns(ctx.principal), j: ctx.principal.jurisdiction },
        )
        .orderBy('s.townshipCode')
        .addOrderBy('s.id')
        .getMany()
    );
  }

  @FieldResolver(() => [ChildDirector], { description: '督导的儿童主任（调用者辖区内的）' })
  async childDirectors(@Root() supervisor: ChildSupervisor, @Ctx() ctx: SubgraphContext): Promise<ChildDirector[]> {
    const all = await civilAffairsLoaders(ctx).directorsBySupervisor.load(supervisor.id);
    return all.filter((d) => ctx.principal.jurisdiction.some((j) => d.villageCode.startsWith(j)));
  }
}
