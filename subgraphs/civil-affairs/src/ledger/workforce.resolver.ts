import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { todayInChina, WORKFORCE_KIND, type CodeOf } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import {
  checkPageSize,
  checkRegionPrefix,
  checkRequestKey,
  DateScalar,
  decodeCursor,
  PageInfo,
  registerCodeList,
  requestKeyReused,
  RequiresScopes,
  type SubgraphContext,
  toPage,
} from '@hub/subgraph-kit';
import { ChildDirector } from '../entities/child-director.entity';
import { ChildSupervisor } from '../entities/child-supervisor.entity';
import { Appraisal, appraisalsOf, checkPeriod } from './appraisal.resolver';
import { personInJurisdiction } from './workforce.shared';
import { civilAffairsOnly } from './civil-affairs-only';

export const WorkforceKind = registerCodeList(WORKFORCE_KIND);
export type WorkforceKind = CodeOf<typeof WORKFORCE_KIND>;

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

  @Field(() => Int, { description: '儿童督导员数（督导员在乡镇一级：按村统计时为 0）' })
  supervisors!: number;

  @Field(() => Int, { description: '其中经培训合格' })
  trainedSupervisors!: number;

  @Field(() => String, { description: '统计考核的期间（年度或半年度）' })
  period!: string;

  @Field(() => Int, { description: '该期间已考核的儿童主任数（年度含其半年度考核）' })
  appraisedDirectors!: number;

  @Field(() => Int, { description: '该期间已考核的儿童督导员数' })
  appraisedSupervisors!: number;

  @Field(() => Int, { description: '该期间考核不合格的人数（儿童主任与督导员）' })
  failedAppraisals!: number;
}

/** One child director or supervisor of the workforce list (儿童工作队伍名册). */
@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童工作队伍人员（儿童主任或儿童督导员）' })
export class WorkforcePerson {
  @Field(() => ID, { description: '儿童主任或督导员编号' })
  id!: string;

  @Field(() => WorkforceKind, { description: '人员类别' })
  kind!: WorkforceKind;

  @Field(() => String, { description: '姓名' })
  name!: string;

  @Field(() => String, { description: '所在区划代码：儿童主任为村（社区），督导员为乡镇（街道）' })
  region!: string;

  @Field(() => DateScalar, { description: '聘任日期' })
  appointedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '最近一次培训合格日期，未培训为空' })
  trainedOn!: string | null;

  @Field(() => Boolean, { description: '是否经培训合格' })
  trained!: boolean;
}

@RequiresScopes('welfare:read')
@ObjectType({ description: '儿童工作队伍人员分页' })
export class WorkforcePersonPage {
  @Field(() => [WorkforcePerson], { description: '本页人员' })
  nodes!: WorkforcePerson[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '符合条件的总数' })
  totalCount!: number;
}

/** Region prefixes of a workforce query: the one asked for, or the caller's jurisdiction; civil affairs only. */
function areaOf(ctx: SubgraphContext, regionPrefix: string | null): string[] {
  civilAffairsOnly(ctx, '儿童工作队伍台账');
  return regionPrefix ? [checkRegionPrefix(regionPrefix)] : ctx.principal.jurisdiction;
}

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
    const key = checkRequestKey(input.requestKey);
    if (input.trainedOn > todayInChina()) throw badUserInput('培训日期不能晚于今天');
    if (!(input.hours > 0 && input.hours <= 200)) throw badUserInput('学时须大于 0、最多 200');
    const course = input.course?.trim();
    if (!course || course.length > 200) throw badUserInput('请填写课程（最多 200 字）');
    const person = await personInJurisdiction(ctx, input.personId);
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
        if (earlier?.person_id !== person.id || earlier.recorded_by !== ctx.principal.sub) throw requestKeyReused();
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
    description: '儿童工作队伍：各区县（或下一级区划）的儿童主任与督导员培训覆盖、考核情况、无经培训合格儿童主任的村（仅调用者辖区内）',
  })
  async workforce(
    @Arg('regionPrefix', () => String, { nullable: true, description: '统计此区划（默认调用者的辖区）' }) regionPrefix: string | null,
    @Arg('period', () => String, {
      nullable: true,
      description: '统计考核的期间：年度（如 2026，含其半年度）或半年度（如 2026-H1）；默认本年度',
    })
    period: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WorkforceRow[]> {
    const prefixes = areaOf(ctx, regionPrefix);
    const counted = checkPeriod(period ?? todayInChina().slice(0, 4));
    const shortest = Math.min(...prefixes.map((p) => p.length));
    // One row per area one level down: a city's districts, a district's townships, a township's villages.
    const digits = shortest < 6 ? 6 : shortest < 9 ? 9 : 12;
    // A person counts as appraised in the period with a result for it (a year: the year's or either half's).
    const appraised = (alias: string) =>
      `EXISTS (SELECT 1 FROM appraisal a WHERE a.person_id = ${alias}.id AND (a.period = $4 OR a.period LIKE $4 || '-%'))`;
    const failed = (alias: string) =>
      `EXISTS (SELECT 1 FROM appraisal a WHERE a.person_id = ${alias}.id AND (a.period = $4 OR a.period LIKE $4 || '-%') AND a.result = 'FAIL')`;
    const rows = (await ctx.db.query(
      `WITH v AS (
         SELECT DISTINCT c.residence_region AS village FROM child_record c
          WHERE length(c.residence_region) = 12 AND c.residence_region LIKE ANY($1) AND c.residence_region LIKE ANY($2)),
       d AS (
         SELECT d.village_code, d.trained_on IS NOT NULL OR EXISTS (
                  SELECT 1 FROM training_event t WHERE t.person_id = d.id AND t.passed) AS trained,
                ${appraised('d')} AS appraised, ${failed('d')} AS failed
           FROM child_director d WHERE d.village_code LIKE ANY($1) AND d.village_code LIKE ANY($2)),
       s AS (
         SELECT s.township_code, s.trained_on IS NOT NULL OR EXISTS (
                  SELECT 1 FROM training_event t WHERE t.person_id = s.id AND t.passed) AS trained,
                ${appraised('s')} AS appraised, ${failed('s')} AS failed
           FROM child_supervisor s WHERE s.township_code LIKE ANY($1) AND s.township_code LIKE ANY($2)),
       vv AS (SELECT v.village, EXISTS (SELECT 1 FROM d WHERE d.village_code = v.village AND d.trained) AS covered FROM v),
       dr AS (SELECT left(village_code, $3) AS region, count(*)::int AS directors, count(*) FILTER (WHERE trained)::int AS trained,
                     count(*) FILTER (WHERE appraised)::int AS appraised, count(*) FILTER (WHERE failed)::int AS failed
                FROM d GROUP BY 1),
       sr AS (SELECT left(township_code, $3) AS region, count(*)::int AS supervisors, count(*) FILTER (WHERE trained)::int AS trained,
                     count(*) FILTER (WHERE appraised)::int AS appraised, count(*) FILTER (WHERE failed)::int AS failed
                FROM s GROUP BY 1)
       SELECT left(vv.village, $3) AS region, count(*)::int AS villages, count(*) FILTER (WHERE vv.covered)::int AS trained_villages,
              array_agg(vv.village ORDER BY vv.village) FILTER (WHERE NOT vv.covered) AS untrained,
              coalesce(max(dr.directors), 0)::int AS directors, coalesce(max(dr.trained), 0)::int AS trained_directors,
              coalesce(max(dr.appraised), 0)::int AS appraised_directors,
              coalesce(max(sr.supervisors), 0)::int AS supervisors, coalesce(max(sr.trained), 0)::int AS trained_supervisors,
              coalesce(max(sr.appraised), 0)::int AS appraised_supervisors,
              (coalesce(max(dr.failed), 0) + coalesce(max(sr.failed), 0))::int AS failed
         FROM vv LEFT JOIN dr ON dr.region = left(vv.village, $3) LEFT JOIN sr ON sr.region = left(vv.village, $3)
        GROUP BY 1 ORDER BY 1`,
      [jurisdictionPatterns(ctx.principal), prefixes.map((p) => `${p}%`), digits, counted],
    )) as {
      region: string;
      villages: number;
      trained_villages: number;
      untrained: string[] | null;
      directors: number;
      trained_directors: number;
      appraised_directors: number;
      supervisors: number;
      trained_supervisors: number;
      appraised_supervisors: number;
      failed: number;
    }[];
    return rows.map((r) => ({
      region: r.region,
      villages: r.villages,
      villagesWithTrainedDirector: r.trained_villages,
      directors: r.directors,
      trainedDirectors: r.trained_directors,
      villagesWithoutTrainedDirector: r.untrained ?? [],
      supervisors: r.supervisors,
      trainedSupervisors: r.trained_supervisors,
      period: counted,
      appraisedDirectors: r.appraised_directors,
      appraisedSupervisors: r.appraised_supervisors,
      failedAppraisals: r.failed,
    }));
  }

  @RequiresScopes('welfare:read', 'case:task')
  @Query(() => WorkforcePersonPage, {
    description: '儿童工作队伍名册：某区划（默认调用者辖区）的儿童督导员与儿童主任，按区划排列（乡镇督导员在其村儿童主任之前）',
  })
  async workforcePeople(
    @Arg('regionPrefix', () => String, { nullable: true, description: '区划代码前缀（默认调用者的辖区）' }) regionPrefix: string | null,
    @Arg('untrainedOnly', () => Boolean, { defaultValue: false, description: '只列未经培训合格的人员' }) untrainedOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WorkforcePersonPage> {
    const prefixes = areaOf(ctx, regionPrefix);
    checkPageSize(first);
    const key = decodeCursor(after, /^\d{9,12}\|[A-Za-z0-9_:-]{1,64}$/);
    const params: unknown[] = [jurisdictionPatterns(ctx.principal), prefixes.map((p) => `${p}%`)];
    const trained = (alias: string) =>
      `(${alias}.trained_on IS NOT NULL OR EXISTS (SELECT 1 FROM training_event t WHERE t.person_id = ${alias}.id AND t.passed))`;
    const people = `
      SELECT d.id, 'DIRECTOR' AS kind, d.name, d.village_code::text AS region, d.appointed_on::text AS appointed_on,
             d.trained_on::text AS trained_on, ${trained('d')} AS trained
        FROM child_director d WHERE d.village_code LIKE ANY($1) AND d.village_code LIKE ANY($2)
      UNION ALL
      SELECT s.id, 'SUPERVISOR', s.name, s.township_code::text, s.appointed_on::text, s.trained_on::text, ${trained('s')}
        FROM child_supervisor s WHERE s.township_code LIKE ANY($1) AND s.township_code LIKE ANY($2)`;
    const filter = untrainedOnly ? 'WHERE NOT p.trained' : 'WHERE true';
    const [{ n }] = (await ctx.db.query(`SELECT count(*)::int AS n FROM (${people}) p ${filter}`, params)) as { n: number }[];
    let sql = `SELECT * FROM (${people}) p ${filter}`;
    const pageParams = [...params];
    if (key) {
      const [region, id] = key.split('|');
      pageParams.push(region, id);
      sql += ` AND (p.region COLLATE "C", p.id COLLATE "C") > ($3 COLLATE "C", $4 COLLATE "C")`;
    }
    sql += ` ORDER BY p.region COLLATE "C", p.id COLLATE "C" LIMIT ${first + 1}`;
    const rows = (await ctx.db.query(sql, pageParams)) as {
      id: string;
      kind: WorkforceKind;
      name: string;
      region: string;
      appointed_on: string;
      trained_on: string | null;
      trained: boolean;
    }[];
    const page = toPage(rows, first, (r) => `${r.region}|${r.id}`);
    return {
      nodes: page.nodes.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        region: r.region,
        appointedOn: r.appointed_on,
        trainedOn: r.trained_on,
        trained: r.trained,
      })),
      pageInfo: page.pageInfo,
      totalCount: n,
    };
  }
}

@Resolver(() => WorkforcePerson)
export class WorkforcePersonResolver {
  @FieldResolver(() => Int, { description: '负责的台账儿童数：儿童主任为指派给本人的儿童，督导员为其督导的儿童主任所负责的儿童' })
  caseload(@Root() p: WorkforcePerson, @Ctx() ctx: SubgraphContext): Promise<number> {
    return p.kind === 'DIRECTOR' ? directorCaseload(ctx, p.id) : supervisorCaseload(ctx, p.id);
  }

  @FieldResolver(() => TrainingEvent, { nullable: true, description: '最近一次培训（未有培训记录为空）' })
  async lastTraining(@Root() p: WorkforcePerson, @Ctx() ctx: SubgraphContext): Promise<TrainingEvent | null> {
    return (await trainingsOf(ctx, p.id))[0] ?? null;
  }

  @FieldResolver(() => Appraisal, { nullable: true, description: '最近一次考核（最近的考核期间；未考核为空）' })
  async latestAppraisal(@Root() p: WorkforcePerson, @Ctx() ctx: SubgraphContext): Promise<Appraisal | null> {
    return (await appraisalsOf(ctx, p.id))[0] ?? null;
  }
}

@Resolver(() => ChildDirector)
export class ChildDirectorWorkResolver {
  @FieldResolver(() => [TrainingEvent], { description: '培训记录（最新在前）' })
  trainings(@Root() d: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<TrainingEvent[]> {
    return trainingsOf(ctx, d.id);
  }

  @FieldResolver(() => Int, { description: '负责的台账儿童数' })
  caseload(@Root() d: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<number> {
    return directorCaseload(ctx, d.id);
  }

  @FieldResolver(() => [Appraisal], { description: '考核记录（最近的考核期间在前）' })
  appraisals(@Root() d: ChildDirector, @Ctx() ctx: SubgraphContext): Promise<Appraisal[]> {
    return appraisalsOf(ctx, d.id);
  }
}

@Resolver(() => ChildSupervisor)
export class ChildSupervisorWorkResolver {
  @FieldResolver(() => [TrainingEvent], { description: '培训记录（最新在前）' })
  trainings(@Root() s: ChildSupervisor, @Ctx() ctx: SubgraphContext): Promise<TrainingEvent[]> {
    return trainingsOf(ctx, s.id);
  }

  @FieldResolver(() => [Appraisal], { description: '考核记录（最近的考核期间在前）' })
  appraisals(@Root() s: ChildSupervisor, @Ctx() ctx: SubgraphContext): Promise<Appraisal[]> {
    return appraisalsOf(ctx, s.id);
  }
}

/** The ledger children assigned to a director, batched over the directors of one response. */
function directorCaseload(ctx: SubgraphContext, directorId: string): Promise<number> {
  return ctx.loaders
    .one(
      'caseloadByDirector',
      async (ids: string[]) =>
        (await ctx.db.query(`SELECT director_id AS id, count(*)::int AS n FROM child_record WHERE director_id = ANY($1) GROUP BY 1`, [
          ids,
        ])) as { id: string; n: number }[],
      (r) => r.id,
    )
    .load(directorId)
    .then((r) => r?.n ?? 0);
}

/** The ledger children of the directors a supervisor supervises, batched likewise. */
function supervisorCaseload(ctx: SubgraphContext, supervisorId: string): Promise<number> {
  return ctx.loaders
    .one(
      'caseloadBySupervisor',
      async (ids: string[]) =>
        (await ctx.db.query(
          `SELECT d.supervisor_id AS id, count(*)::int AS n FROM child_director d JOIN child_record c ON c.director_id = d.id
            WHERE d.supervisor_id = ANY($1) GROUP BY 1`,
          [ids],
        )) as { id: string; n: number }[],
      (r) => r.id,
    )
    .load(supervisorId)
    .then((r) => r?.n ?? 0);
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
