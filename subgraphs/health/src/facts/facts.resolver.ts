import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { hiddenPersons, healthLoaders } from '../health.loader';
import { Child } from '../entities/child.type';
import { DeathCertificate } from '../entities/death-certificate.entity';
import { Parent } from '../entities/parent.type';

/**
 * Minimal facts health shares for the civil-affairs cross-checks: dates of death, the immunisation
 * count, and whether a serious illness is ongoing since when — never the diagnosis or cause of death,
 * which stay behind `health:sensitive`. Dated, so checks evaluate them as of any date.
 */
@RequiresScopes('health:basic')
@ObjectType({ description: '卫健共享事实（供比对核查；不含诊断）' })
export class HealthFacts {
  @Field(() => [DateScalar], { description: '医学死亡证明上的死亡日期（无证明为空列表）' })
  deathDates!: string[];

  @Field(() => ImmunizationFact, { nullable: true, description: '预防接种剂次（无接种档案为空）' })
  immunization!: ImmunizationFact | null;

  @Field(() => [IllnessFact], { description: '重大疾病（仅确诊日期与是否仍在治疗）' })
  seriousIllnesses!: IllnessFact[];
}

@RequiresScopes('health:basic')
@ObjectType({ description: '预防接种剂次事实' })
export class ImmunizationFact {
  @Field(() => Int, { description: '应种剂次' })
  dosesDue!: number;

  @Field(() => Int, { description: '实种剂次' })
  dosesGiven!: number;
}

@RequiresScopes('health:basic')
@ObjectType({ description: '重大疾病事实（不含诊断）' })
export class IllnessFact {
  @Field(() => DateScalar, { description: '确诊日期' })
  diagnosedOn!: string;

  @Field(() => Boolean, { description: '是否仍在治疗' })
  ongoing!: boolean;
}

async function healthFacts(ctx: SubgraphContext, id: string, withImmunization: boolean): Promise<HealthFacts | null> {
  if (await hiddenPersons(ctx).load(id)) return null;
  const loaders = healthLoaders(ctx);
  // All certificates (a correction may have produced two); the profile's loader keeps only one.
  const deaths = ctx.loaders.many(
    'deathDatesByPerson',
    loaders.visibleOnly((ids: string[]) =>
      ctx.db.getRepository(DeathCertificate).find({ where: { personId: In(ids) }, order: { dateOfDeath: 'ASC' } }),
    ),
    (d) => d.personId,
  );
  const [certificates, immunization, illnesses] = await Promise.all([
    deaths.load(id),
    withImmunization ? loaders.immunizationByChild.load(id) : Promise.resolve(null),
    loaders.seriousIllnessesByPerson.load(id),
  ]);
  return {
    deathDates: certificates.map((c) => c.dateOfDeath),
    immunization: immunization ? { dosesDue: immunization.dosesDue, dosesGiven: immunization.dosesGiven } : null,
    seriousIllnesses: illnesses.map((i) => ({ diagnosedOn: i.diagnosedOn, ongoing: i.ongoing })),
  };
}

@Resolver(() => Child)
export class ChildFactsResolver {
  @FieldResolver(() => HealthFacts, { nullable: true, description: '卫健共享事实（供比对核查；本部门不可用时网关置空）' })
  healthFacts(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<HealthFacts | null> {
    return healthFacts(ctx, child.id, true);
  }
}

@Resolver(() => Parent)
export class ParentFactsResolver {
  @FieldResolver(() => HealthFacts, { nullable: true, description: '卫健共享事实（供比对核查）' })
  healthFacts(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<HealthFacts | null> {
    return healthFacts(ctx, parent.id, false);
  }
}
