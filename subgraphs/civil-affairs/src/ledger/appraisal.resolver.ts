import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { APPRAISAL_RESULT, todayInChina, type CodeOf } from '@hub/domain';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { checkRequestKey, registerCodeList, requestKeyReused, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { civilAffairsOnly } from './civil-affairs-only';
import { personInJurisdiction } from './workforce.shared';

export const AppraisalResult = registerCodeList(APPRAISAL_RESULT);
export type AppraisalResult = CodeOf<typeof APPRAISAL_RESULT>;

/** A period of appraisal: a year (`2026`) or a half year (`2026-H1`, `2026-H2`). */
const PERIOD = /^(\d{4})(-H[12])?$/;
const MAX_REMARKS = 500;

/**
 * The appraisal (考核) of child directors and supervisors (docs/ledger.md#workforce): one result a person and period,
 * recorded by the district or city that appraised them (`welfare:write`), jurisdiction-checked, once per client key.
 * Who recorded it, when, and the request are kept on the row.
 */
@Entity('appraisal')
@RequiresScopes('welfare:read')
@ObjectType({ description: '考核记录（儿童主任、儿童督导员）' })
export class Appraisal {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @Column('text')
  @Field(() => String, { description: '考核期间：年度（如 2026）或半年度（如 2026-H1）' })
  period!: string;

  @Column('text')
  @Field(() => AppraisalResult, { description: '考核结果' })
  result!: AppraisalResult;

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  @Field(() => Float, { nullable: true, description: '考核分数（0–100，未评分为空）' })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '考核意见' })
  remarks!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  @Field(() => String, { description: '登记人（用户标识）' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  /** Disclosed as ISO 8601 by the field resolver below. */
  recordedAt!: Date;

  /** The client's key for the write (idempotent retries); never disclosed. */
  @Column({ name: 'request_key', type: 'uuid' })
  requestKey!: string;
}

@InputType({ description: '一次考核（儿童主任或儿童督导员）' })
export class RecordAppraisalInput {
  @Field(() => ID, { description: '儿童主任或儿童督导员编号' })
  personId!: string;

  @Field(() => String, { description: '考核期间：年度（如 2026）或半年度（如 2026-H1），不晚于本年度' })
  period!: string;

  @Field(() => AppraisalResult, { description: '考核结果' })
  result!: AppraisalResult;

  @Field(() => Float, { nullable: true, description: '考核分数（0–100，可不填）' })
  score?: number | null;

  @Field(() => String, { nullable: true, description: '考核意见（最多 500 字）' })
  remarks?: string | null;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发，记录不会重复' })
  requestKey!: string;
}

@Resolver(() => Appraisal)
export class AppraisalResolver {
  @RequiresScopes('welfare:write')
  @Mutation(() => Appraisal, {
    description: '登记一次考核（区县、市级民政）：每人每个考核期间一条；同一 requestKey 重发只记一次',
  })
  async recordAppraisal(
    @Arg('input', () => RecordAppraisalInput, { description: '考核内容' }) input: RecordAppraisalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Appraisal> {
    const key = checkRequestKey(input.requestKey);
    const period = checkPeriod(input.period);
    const score = input.score ?? null;
    if (score !== null && !(Number.isFinite(score) && score >= 0 && score <= 100)) throw badUserInput('考核分数须在 0 到 100 之间');
    const remarks = input.remarks?.trim() || null;
    if (remarks && remarks.length > MAX_REMARKS) throw badUserInput(`考核意见最多 ${MAX_REMARKS} 字`);
    const person = await personInJurisdiction(ctx, input.personId);
    const id = await ctx.db.transaction(async (m) => {
      // Either unique key (the client's key, or one appraisal a person and period) makes this insert nothing.
      const inserted = (await m.query(
        `INSERT INTO appraisal (person_id, person_kind, period, result, score, remarks, recorded_by, request_id, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [person.id, person.kind, period, input.result, score, remarks, ctx.principal.sub, ctx.requestId, key],
      )) as { id: string }[];
      if (inserted.length) return String(inserted[0].id);
      const [earlier] = (await m.query(`SELECT id, person_id, period, recorded_by FROM appraisal WHERE request_key = $1`, [key])) as {
        id: string;
        person_id: string;
        period: string;
        recorded_by: string;
      }[];
      if (earlier) {
        // The same entry sent again returns what the first recorded; the key of another entry is refused.
        if (earlier.person_id !== person.id || earlier.period !== period || earlier.recorded_by !== ctx.principal.sub)
          throw requestKeyReused();
        return String(earlier.id);
      }
      const [existing] = (await m.query(`SELECT result FROM appraisal WHERE person_id = $1 AND period = $2`, [person.id, period])) as {
        result: AppraisalResult;
      }[];
      throw new GraphQLError(
        `该人员 ${periodName(period)}已有考核结果（${APPRAISAL_RESULT.codes[existing?.result]?.label ?? '已登记'}），同一考核期间只登记一次`,
        { extensions: { code: 'CONFLICT' } },
      );
    });
    return (await ctx.db.getRepository(Appraisal).findOneByOrFail({ id }))!;
  }

  @FieldResolver(() => String, { description: '登记时间（ISO 8601）' })
  recordedAt(@Root() a: Appraisal): string {
    return a.recordedAt.toISOString();
  }
}

/** A period as people say it: 2026 年度, 2026 上半年, 2026 下半年. */
function periodName(period: string): string {
  return period.endsWith('-H1')
    ? `${period.slice(0, 4)} 上半年`
    : period.endsWith('-H2')
      ? `${period.slice(0, 4)} 下半年`
      : `${period} 年度`;
}

/** `2026` or `2026-H1`, from 2000 to this year. */
export function checkPeriod(raw: string): string {
  const period = raw.trim().toUpperCase();
  const m = PERIOD.exec(period);
  const year = m ? Number(m[1]) : 0;
  if (!m || year < 2000 || year > Number(todayInChina().slice(0, 4))) {
    throw badUserInput('考核期间须为年度（如 2026）或半年度（如 2026-H1），且不晚于本年度');
  }
  return period;
}

/** Order of periods, latest first: a year's own result before its halves (it is the later word), H2 before H1. */
function periodRank(period: string): number {
  const half = period.endsWith('-H1') ? 1 : period.endsWith('-H2') ? 2 : 3;
  return Number(period.slice(0, 4)) * 10 + half;
}

/**
 * A person's appraisals, latest period first, batched over the people of one response. They are read by civil affairs
 * only, and only for people working inside the caller's jurisdiction: a village's director, who may see the
 * township's supervisor, does not see how the supervisor was appraised.
 */
export function appraisalsOf(ctx: SubgraphContext, personId: string): Promise<Appraisal[]> {
  civilAffairsOnly(ctx, '考核结果');
  return ctx.loaders
    .many(
      'appraisalsByPerson',
      async (ids: string[]) =>
        (
          await ctx.db
            .getRepository(Appraisal)
            .createQueryBuilder('a')
            .where('a.person_id = ANY(:ids)', { ids })
            .andWhere(
              `(EXISTS (SELECT 1 FROM child_director d WHERE d.id = a.person_id AND d.village_code LIKE ANY(:patterns))
                OR EXISTS (SELECT 1 FROM child_supervisor s WHERE s.id = a.person_id AND s.township_code LIKE ANY(:patterns)))`,
              { patterns: jurisdictionPatterns(ctx.principal) },
            )
            .getMany()
        ).sort((a, b) => periodRank(b.period) - periodRank(a.period) || Number(b.id) - Number(a.id)),
      (a) => a.personId,
    )
    .load(personId);
}
