import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { publicSecurityLoaders } from '../public-security.loader';
import { Child } from '../entities/child.type';
import { Parent } from '../entities/parent.type';

/**
 * Minimal facts public security shares for the civil-affairs cross-checks (`@requires`): dated, so the
 * checks evaluate them as of any date; plain strings for codes, so the civil-affairs mirror needs none of
 * this subgraph's enums. A person outside the caller's jurisdiction is `found: false`, like no record.
 */
@RequiresScopes('ps:household')
@ObjectType({ description: '公安共享事实（供比对核查）' })
export class PersonFacts {
  @Field(() => Boolean, { description: '公安有此人户籍记录（且在调用者辖区内）' })
  found!: boolean;

  @RequiresScopes('child:basic')
  @Field(() => String, { nullable: true, description: '姓名' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: '性别：MALE 或 FEMALE' })
  gender!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '出生日期' })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: '户籍地区划代码' })
  hukouRegion!: string | null;

  @Field(() => String, { nullable: true, description: '户籍登记状态：NORMAL、DECEASED、CANCELLED、MOVED_OUT' })
  registrationStatus!: string | null;

  @Field(() => [PermitFact], { description: '居住证（全部，含过期）' })
  permits!: PermitFact[];
}

@RequiresScopes('ps:household')
@ObjectType({ description: '居住证事实' })
export class PermitFact {
  @Field(() => String, { description: '居住证编号' })
  permitNo!: string;

  @Field(() => String, { description: '居住地区划代码' })
  region!: string;

  @Field(() => DateScalar, { description: '在居住地居住起始日期' })
  residenceSince!: string;

  @Field(() => DateScalar, { description: '签发日期' })
  issuedOn!: string;

  @Field(() => DateScalar, { description: '有效期至' })
  validUntil!: string;
}

@RequiresScopes('ps:custody')
@ObjectType({ description: '公安共享事实：限制人身自由与失联失踪（供比对核查）' })
export class CustodyFacts {
  @Field(() => [RestrictionFact], { description: '服刑在押、强制隔离戒毒、其他限制、遣返记录' })
  restrictions!: RestrictionFact[];

  @Field(() => [MissingFact], { description: '失联、失踪报案' })
  missingReports!: MissingFact[];
}

@RequiresScopes('ps:custody')
@ObjectType({ description: '限制人身自由事实' })
export class RestrictionFact {
  @Field(() => String, { description: '类别：IMPRISONED、COMPULSORY_DRUG_REHAB、OTHER_RESTRICTION、DEPORTED' })
  kind!: string;

  @Field(() => DateScalar, { description: '起始日期' })
  since!: string;

  @Field(() => Int, { nullable: true, description: '期限（月，空为不定期）' })
  termMonths!: number | null;

  @Field(() => DateScalar, { nullable: true, description: '释放、解除日期' })
  releasedOn!: string | null;
}

@RequiresScopes('ps:custody')
@ObjectType({ description: '失联失踪报案事实' })
export class MissingFact {
  @Field(() => DateScalar, { description: '受理日期' })
  acceptedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '撤销、结案日期' })
  closedOn!: string | null;
}

async function personFacts(ctx: SubgraphContext, id: string): Promise<PersonFacts> {
  const loaders = publicSecurityLoaders(ctx);
  const [person, permits] = await Promise.all([loaders.personById.load(id), loaders.permitsByPerson.load(id)]);
  return {
    found: person !== null,
    name: person?.name ?? null,
    gender: person?.gender ?? null,
    dateOfBirth: person?.dateOfBirth ?? null,
    hukouRegion: person?.hukouRegion ?? null,
    registrationStatus: person?.registrationStatus ?? null,
    permits: permits.map((p) => ({
      permitNo: p.permitNo,
      region: p.region,
      residenceSince: p.residenceSince,
      issuedOn: p.issuedOn,
      validUntil: p.validUntil,
    })),
  };
}

async function custodyFacts(ctx: SubgraphContext, id: string): Promise<CustodyFacts> {
  const loaders = publicSecurityLoaders(ctx);
  const [custody, missing] = await Promise.all([loaders.custodyByPerson.load(id), loaders.missingReportsByPerson.load(id)]);
  return {
    restrictions: custody.map((c) => ({ kind: c.kind, since: c.since, termMonths: c.termMonths, releasedOn: c.releasedOn })),
    missingReports: missing.map((m) => ({ acceptedOn: m.acceptedOn, closedOn: m.closedOn })),
  };
}

@Resolver(() => Child)
export class ChildFactsResolver {
  @FieldResolver(() => PersonFacts, { nullable: true, description: '公安共享事实（供比对核查；本部门不可用时网关置空）' })
  publicSecurityFacts(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<PersonFacts> {
    return personFacts(ctx, child.id);
  }
}

@Resolver(() => Parent)
export class ParentFactsResolver {
  @FieldResolver(() => PersonFacts, { nullable: true, description: '公安共享事实（供比对核查）' })
  publicSecurityFacts(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<PersonFacts> {
    return personFacts(ctx, parent.id);
  }

  @FieldResolver(() => CustodyFacts, { nullable: true, description: '公安共享事实：限制人身自由与失联失踪（供比对核查）' })
  custodyFacts(@Root() parent: Parent, @Ctx() ctx: SubgraphContext): Promise<CustodyFacts> {
    return custodyFacts(ctx, parent.id);
  }
}
