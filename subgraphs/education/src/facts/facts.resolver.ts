import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { hiddenPersons, educationLoaders } from '../education.loader';
import { Child } from '../entities/child.type';

/** Minimal facts education shares for the civil-affairs cross-checks (控辍保学, 超龄 full-time study). */
@RequiresScopes('edu:enrollment')
@ObjectType({ description: '教育共享事实（供比对核查）' })
export class EducationFacts {
  @Field(() => [EnrolmentFact], { description: '全部学籍记录' })
  enrolments!: EnrolmentFact[];

  @Field(() => HomeDeliveryFact, { nullable: true, description: '送教上门登记（无则为空）' })
  homeDelivery!: HomeDeliveryFact | null;

  @Field(() => [DateScalar], { description: '送教上门日期（每次一条）' })
  homeDeliverySessionDates!: string[];
}

@RequiresScopes('edu:enrollment')
@ObjectType({ description: '学籍事实' })
export class EnrolmentFact {
  @Field(() => String, { description: '学籍状态：ENROLLED、SUSPENDED、DROPPED_OUT、GRADUATED、TRANSFERRED' })
  status!: string;

  @Field(() => DateScalar, { description: '当前状态起始日期' })
  statusSince!: string;

  @Field(() => DateScalar, { description: '入学日期' })
  enrolledOn!: string;

  @Field(() => Boolean, { description: '是否全日制' })
  fullTime!: boolean;

  @Field(() => Int, { description: '年级' })
  grade!: number;

  @Field(() => String, { description: '学校标识码' })
  schoolCode!: string;

  @Field(() => String, { description: '学籍号' })
  studentNo!: string;
}

@RequiresScopes('edu:enrollment')
@ObjectType({ description: '送教上门登记事实' })
export class HomeDeliveryFact {
  @Field(() => DateScalar, { description: '登记日期' })
  registeredOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '结束日期' })
  endedOn!: string | null;
}

/** The school's name beside its code, for the findings' evidence people read (a code means nothing to them). */
@Resolver(() => EnrolmentFact)
export class EnrolmentFactResolver {
  @FieldResolver(() => String, { nullable: true, description: '学校名称（学校库无此标识码时为空）' })
  async schoolName(@Root() enrolment: EnrolmentFact, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await educationLoaders(ctx).schoolByCode.load(enrolment.schoolCode))?.name ?? null;
  }
}

@Resolver(() => Child)
export class ChildFactsResolver {
  @FieldResolver(() => EducationFacts, { nullable: true, description: '教育共享事实（供比对核查；本部门不可用时网关置空）' })
  async educationFacts(@Root() child: Child, @Ctx() ctx: SubgraphContext): Promise<EducationFacts | null> {
    if (await hiddenPersons(ctx).load(child.id)) return null;
    const loaders = educationLoaders(ctx);
    const [enrolments, homeDelivery, sessions] = await Promise.all([
      loaders.enrolmentsByChild.load(child.id),
      loaders.homeDeliveryByChild.load(child.id),
      loaders.sessionsByChild.load(child.id),
    ]);
    return {
      enrolments: enrolments.map((e) => ({
        status: e.status,
        statusSince: e.statusSince,
        enrolledOn: e.enrolledOn,
        fullTime: e.fullTime,
        grade: e.grade,
        schoolCode: e.schoolCode,
        studentNo: e.studentNo,
      })),
      homeDelivery: homeDelivery ? { registeredOn: homeDelivery.registeredOn, endedOn: homeDelivery.endedOn } : null,
      homeDeliverySessionDates: sessions.map((s) => s.sessionDate),
    };
  }
}
