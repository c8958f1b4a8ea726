import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { hiddenPersons, disabledPersonsLoaders } from '../disabled-persons.loader';
import { Child } from '../entities/child.type';
import { Parent } from '../entities/parent.type';

/** Minimal facts the disabled persons' federation shares for the cross-checks (certificate validity and level). */
@RequiresScopes('dpf:disability')
@ObjectType({ description: '残联共享事实（供比对核查）' })
export class DisabilityFacts {
  @Field(() => [CertificateFact], { description: '全部残疾人证' })
  certificates!: CertificateFact[];
}

@RequiresScopes('dpf:disability')
@ObjectType({ description: '残疾人证事实' })
export class CertificateFact {
  @Field(() => String, { description: '状态：VALID、EXPIRED、CANCELLED' })
  status!: string;

  @Field(() => Int, { description: '残疾等级（1–4）' })
  level!: number;

  @Field(() => String, { description: '残疾类别' })
  type!: string;

  @Field(() => DateScalar, { description: '发证日期' })
  issuedOn!: string;

  @Field(() => DateScalar, { description: '有效期至' })
  validUntil!: string;
}

async function disabilityFacts(ctx: SubgraphContext, id: string): Promise<DisabilityFacts | null> {
  if (await hiddenPersons(ctx).load(id)) return null;
  const certificates = await disabledPersonsLoaders(ctx).certificatesByHolder.load(id);
  return {
    certificates: certificates.map((c) => ({
      status: c.status,
      level: c.level,
      type: c.type,
      issuedOn: c.issuedOn,
      validUntil: c.validUntil,
    })),
  };
}

@Resolver(() => Child)
export class ChildFactsResolver {
  @FieldResolver(() => DisabilityFacts, { nullable: true, description: '残联共享事实（供比对核查；本部门不可用时网关置空）' })
  disabilityFacts(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<DisabilityFacts | null> {
    return disabilityFacts(ctx, child.id);
  }
}

@Resolver(() => Parent)
export class ParentFactsResolver {
  @FieldResolver(() => DisabilityFacts, { nullable: true, description: '残联共享事实（供比对核查）' })
  disabilityFacts(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<DisabilityFacts | null> {
    return disabilityFacts(ctx, parent.id);
  }
}
