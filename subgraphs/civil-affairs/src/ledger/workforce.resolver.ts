import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { todayInChina } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { ChildDirector } from '../entities/child-director.entity';
import { ChildSupervisor } from '../entities/child-supervisor.entity';

/**
 * The workforce ledger (儿童主任信息台账, docs/ledger.md#workforce): the trainings child directors and supervisors
 * took — 培训全覆盖, training before the work (000, 001, 002) — recorded by the district or city that ran them, and
 * each director's caseload. A passed training also becomes the person's `trainedOn`.
 */
@Entity('training_event')
@RequiresScopes('welfare:read')
@ObjectType({ description: '培训记录' })
export class TrainingEvent {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @Column({ name: 'trained_on', type: 'date' })
  @Field(() => DateScalar, { description: '培训日期' })
  trainedOn!: string;

  @Column('text')
  @Field(() => String, { description: '课程' })
  course!: string;

  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: '学时' })
  hours!: number;

  @Column('boolean')
  @Field(() => Boolean, { description: '是否考核合格' })
  passed!: boolean;

  @Column({ name: 'request_key', type: 'uuid' })
  requestKey!: string;
}

@InputType({ description: '一次培训（儿童主任或儿童督导员）' })
export class RecordTrainingInput {
  @Field(() => ID, { description: '儿童主任或儿童督导员编号' })
  personId!: string;

  @Field(() => DateScalar, { description: '培训日期（不晚于今天）' })
  trainedOn!: string;

  @Field(() => String, { description: '课程' })
  course!: string;

  @Field(() => Float, { description: '学时（大于 0，最多 200）' })
  hours!: number;

  @Field(() => Boolean, { description: '是否考核合格' })
  passed!: boolean;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发，记录不会重复' })
  requestKey!: string;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童工作队伍（某一区划）' })
export class WorkforceRow {
  @Field(() => String, { description: '区划代码' })
  region!: string;

  @Field(() => Int, { description: '有台账儿童的村（社区）数' })
  villages!: number;

  @Field(() => Int, { description: '其中有经培训合格的儿童主任' })
  villagesWithTrainedDirector!: number;

  @Field(() => Int, { description: '儿童主任数' })
  directors!: number;

  @Field(() => Int, { description: '其中经培训合格（培训全覆盖）' })
  trainedDirectors!: number;

  @Field(() => [String], { description: '有台账儿童、但没有经培训合格儿童主任的村（社区）区划代码' })
  villagesWithoutTrainedDirector!: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class WorkforceResolver {
  @RequiresScopes('welfare:write')
  @Mutation(() => TrainingEvent, {
    description: '登记一次培训（区县、市级民政）；合格的培训同时更新其最近培训日期；同一 requestKey 重发只记一次',
  })
  async recordTraining(
    @Arg('input', () => RecordTrainingInput, { description: '培训内容' }) input: RecordTrainingInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingEvent> {
    if (!UUID.test(input.requestKey)) throw badUserInput('requestKey 须为 UUID（客户端为每条记录生成一次）');
    if (input.trainedOn > todayInChina()) throw badUserInput('培训日期不能晚于今天');
    if (!(input.hours > 0 && input.hours <= 200)) throw badUserInput('学时须大于 0、最多 200');
    const course = input.course?.trim();
    if (!course || course.length > 200) throw badUserInput('请填写课程（最多 200 字）');
    const patterns = jurisdictionPatterns(ctx.principal);
    const [person] = (await ctx.db.query(
      `SELECT id, 'DIRECTOR' AS kind FROM child_director WHERE id = $1 AND village_code LIKE ANY($2)
       UNION ALL SELECT id, 'SUPERVISOR' FROM child_supervisor WHERE id = $1 AND township_code LIKE ANY($2)`,
      [input.personId, patterns],
    )) as { id: string; kind: 'DIRECTOR' | 'SUPERVISOR' }[];
    if (!person) throw new GraphQLError('该人员不在您辖区的儿童工作队伍中', { extensions: { code: 'FORBIDDEN' } });
    const key = input.requestKey.toLowerCase();
    const id = await ctx.db.transaction(async (m) => {
      const inserted = (await m.query(
        `INSERT INTO training_event (person_id, person_kind, trained_on, course, hours, passed, recorded_by, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_key) DO NOTHING RETURNING id`,
        [person.id, person.kind, input.trainedOn, course, input.hours, input.passed, ctx.principal.sub, key],
      )) as { id: string }[];
      if (!inserted.length) {
        const [earlier] = (await m.query(`SELECT id, person_id, recorded_by FROM training_event WHERE request_key = $1`, [key])) as {
          id: string;
          person_id: string;
          recorded_by: string;
        }[];
        if (earlier?.person_id !== person.id || earlier.recorded_by !== ctx.principal.sub) {
          throw new GraphQLError('该 requestKey 已用于另一条记录；新记录须使用新的 UUID', { extensions: { code: 'CONFLICT' } });
        }
        return String(earlier.id);
      }
      if (input.passed) {
        const table = person.kind === 'DIRECTOR' ? 'child_director' : 'child_supervisor';
        await m.query(`UPDATE ${table} SET trained_on = greatest(coalesce(trained_on, $2::date), $2::date) WHERE id = $1`, [
          person.id,
          input.trainedOn,
        ]);
      }
      return String(inserted[0].id);
    });
    return (await ctx.db.getRepository(TrainingEvent).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('welfare:read', 'case:task')
  @Query(() => [WorkforceRow], {
    description: '儿童工作队伍：各区县（或下一级区划）的儿童主任培训覆盖、无经培训合格儿童主任的村（仅调用者辖区内）',
  })
  async workforce(
    @Arg('regionPrefix', () => String, { nullable: true, description: '统计此区划（默认调用者的辖区）' }) regionPrefix: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WorkforceRow[]> {
    if (ctx.principal.agency !== 'civil-affairs') {
      throw new GraphQLError('儿童工作队伍台账只向民政部门开放', { extensions: { code: 'FORBIDDEN' } });
    }
    const prefixes = regionPrefix ? [regionPrefix] : ctx.principal.jurisdiction;
    if (prefixes.some((p) => !/^\d{2,12}$/.test(p))) throw badUserInput('区划代码前缀须为 2 到 12 位数字');
    const shortest = Math.min(...prefixes.map((p) => p.length));
    // One row per area one level down: a city's districts, a district's townships, a township's villages.
    const digits = shortest < 6 ? 6 : shortest < 9 ? 9 : 12;
    const rows = (await ctx.db.query(
      `WITH v AS (
         SELECT DISTINCT c.residence_region AS village FROM child_record c
          WHERE length(c.residence_region) = 12 AND c.residence_region LIKE ANY($1) AND c.residence_region LIKE ANY($2)),
       d AS (
         SELECT d.village_code, d.trained_on IS NOT NULL OR EXISTS (
                  SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed) AS trained
           FROM child_director d WHERE d.village_code LIKE ANY($1) AND d.village_code LIKE ANY($2)),
       vv AS (SELECT v.village, EXISTS (SELECT 1 FROM d WHERE d.village_code = v.village AND d.trained) AS covered FROM v),
       dr AS (SELECT left(village_code, $3) AS region, count(*)::int AS directors, count(*) FILTER (WHERE trained)::int AS trained
                FROM d GROUP BY 1)
       SELECT left(vv.village, $3) AS region, count(*)::int AS villages, count(*) FILTER (WHERE vv.covered)::int AS trained_villages,
              array_agg(vv.village ORDER BY vv.village) FILTER (WHERE NOT vv.covered) AS untrained,
              coalesce(max(dr.directors), 0)::int AS directors, coalesce(max(dr.trained), 0)::int AS trained_directors
         FROM vv LEFT JOIN dr ON dr.region = left(vv.village, $3) GROUP BY 1 ORDER BY 1`,
      [jurisdictionPatterns(ctx.principal), prefixes.map((p) => `${p}%`), digits],
    )) as {
      region: string;
      villages: number;
      trained_villages: number;
      untrained: string[] | null;
      directors: number;
      trained_directors: number;
    }[];
    return rows.map((r) => ({
      region: r.region,
      villages: r.villages,
      villagesWithTrainedDirector: r.trained_villages,
      directors: r.directors,
      trainedDirectors: r.trained_directors,
      villagesWithoutTrainedDirector: r.untrained ?? [],
    }));
  }
}

@Resolver(() => ChildDirector)
export class ChildDirectorWorkResolver {
  @FieldResolver(() => [TrainingEvent], { description: '培训记录（最新在前）' })
  trainings(@Root() d: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<TrainingEvent[]> {
    return trainingsOf(ctx, d.id);
  }

  @FieldResolver(() => Int, { description: '负责的台账儿童数' })
  async caseload(@Root() d: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.loaders
      .one(
        'caseloadByDirector',
        async (ids: string[]) =>
          (await ctx.db.query(`SELECT director_id AS id, count(*)::int AS n FROM child_record WHERE director_id = ANY($1) GROUP BY 1`, [
            ids,
          ])) as { id: string; n: number }[],
        (r) => r.id,
      )
      .load(d.id)
      .then((r) => r?.n ?? 0);
  }
}

@Resolver(() => ChildSupervisor)
export class ChildSupervisorWorkResolver {
  @FieldResolver(() => [TrainingEvent], { description: '培训记录（最新在前）' })
  trainings(@Root() s: ChildSupervisor, @Ctx() ctx: SubgraphContext): Promise<TrainingEvent[]> {
    return trainingsOf(ctx, s.id);
  }
}

function trainingsOf(ctx: SubgraphContext, personId: string): Promise<TrainingEvent[]> {
  return ctx.loaders
    .many(
      'trainingsByPerson',
      (ids: string[]) =>
        ctx.db
          .getRepository(TrainingEvent)
          .createQueryBuilder('t')
          .where('t.person_id = ANY(:ids)', { ids })
          .orderBy('t.trainedOn', 'DESC')
          .addOrderBy('t.id', 'DESC')
          .getMany(),
      (t) => t.personId,
    )
    .load(personId);
}
