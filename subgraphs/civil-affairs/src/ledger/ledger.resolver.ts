import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { todayInChina } from '@hub/domain';
import { badUserInput } from '@hub/service-kit';
import { checkRequestKey, DateScalar, ID_KEY_SHAPE, requestKeyReused, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { visibleChildren } from '../civil-affairs.loader';
import { CareAgreement } from '../entities/care-agreement.entity';
import { ChildCategory, ChildRecord, RiskColour } from '../entities/child-record.entity';
import { HelpKind, HelpRecord, WorkLogEntry } from '../entities/ledger-records.entity';
import { RiskAssessment, RiskFactor } from '../entities/risk-assessment.entity';
import { Visit, VisitMethod, type VisitorRole } from '../entities/visit.entity';

/**
 * The ledger kept in the hub (docs/ledger.md): the people who visit children record visits, work-log entries, help
 * given and entrusted-care agreements, reassess the risk colour and update the record here, through the graph. Every write is jurisdiction-checked (the child must be visible to the caller),
 * validated, idempotent under the client's key (`requestKey`, a UUID the client makes once per entry and sends again
 * on every retry), and logged in `ledger_change` with who, when, before and after, in the transaction that makes it.
 */

/** How far back a visit may be entered (a phone that was offline for weeks still sends what it kept). */
const MAX_BACKDATE_DAYS = 90;
/** Longest a note may be. */
const MAX_NOTE = 1000;

@InputType({ description: '一次走访' })
export class RecordVisitInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => DateScalar, { description: '走访日期（不晚于今天，最早 90 天前）' })
  visitedOn!: string;

  @Field(() => VisitMethod, { description: '走访方式：入户、电话、到校、视频（只有入户走访计入走访频次）' })
  method!: VisitMethod;

  @Field(() => String, { description: '走访发现的情况' })
  notes!: string;

  @Field(() => DateScalar, { nullable: true, description: '约定的下次走访日期' })
  nextDueOn?: string | null;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发，记录不会重复' })
  requestKey!: string;
}

@InputType({ description: '一次风险等级评估' })
export class AssessRiskColourInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => RiskColour, { description: '评估结果：风险等级' })
  colour!: RiskColour;

  @Field(() => [RiskFactor], { description: '评估因素（可为空：无风险因素）' })
  factors!: RiskFactor[];

  @Field(() => String, { description: '评估说明' })
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: '评估日期（默认今天）' })
  assessedOn?: string | null;

  @Field(() => ID, { description: '客户端为这次评估生成的 UUID；重试时原样再发，评估不会重复' })
  requestKey!: string;
}

@InputType({ description: '签订或续签一份委托照护协议' })
export class SignCareAgreementInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => String, { description: '被委托照护人姓名' })
  caregiverName!: string;

  @Field(() => String, { description: '被委托照护人与儿童的关系' })
  caregiverRelation!: string;

  @Field(() => DateScalar, { description: '签订日期' })
  signedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '有效期至（未约定期限为空）' })
  validUntil?: string | null;

  @Field(() => ID, { description: '客户端为这份协议生成的 UUID；重试时原样再发' })
  requestKey!: string;
}

@InputType({ description: '一条工作日志' })
export class RecordWorkLogInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => DateScalar, { description: '日期' })
  workedOn!: string;

  @Field(() => String, { description: '工作内容' })
  content!: string;

  @Field(() => ID, { description: '客户端为这条日志生成的 UUID；重试时原样再发' })
  requestKey!: string;
}

@InputType({ description: '一次关爱帮扶' })
export class RecordHelpInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => DateScalar, { description: '帮扶日期' })
  helpedOn!: string;

  @Field(() => HelpKind, { description: '帮扶类型' })
  kind!: HelpKind;

  @Field(() => String, { description: '帮扶内容' })
  content!: string;

  @Field(() => String, { description: '帮扶提供方（人员、单位或社会组织）' })
  provider!: string;

  @Field(() => String, { nullable: true, description: '转介至（部门或机构）' })
  referredTo?: string | null;

  @Field(() => ID, { description: '客户端为这条记录生成的 UUID；重试时原样再发' })
  requestKey!: string;
}

@InputType({ description: '台账信息变更（动态更新）：只填要改的项；须说明原因' })
export class UpdateChildRecordInput {
  @Field(() => ID, { description: '儿童标识' })
  childId!: string;

  @Field(() => String, { nullable: true, description: '监护人姓名' })
  guardianName?: string | null;

  @Field(() => String, { nullable: true, description: '监护人与儿童的关系' })
  guardianRelation?: string | null;

  @Field(() => String, { nullable: true, description: '监护人联系电话' })
  guardianPhone?: string | null;

  @Field(() => [ChildCategory], { nullable: true, description: '儿童类别（整体替换；须区县民政工作人员认定，需 welfare:write）' })
  categories?: ChildCategory[] | null;

  @Field(() => String, { description: '变更原因' })
  reason!: string;

  @Field(() => ID, { description: '客户端为这次变更生成的 UUID；重试时原样再发，不会重复变更' })
  requestKey!: string;
}

/** Who visited, as the ledger names it, from the caller's role. */
function visitorRole(roles: readonly string[]): VisitorRole {
  if (roles.includes('child-director')) return 'DIRECTOR';
  if (roles.includes('township-supervisor')) return 'SUPERVISOR';
  return 'CASEWORKER';
}

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A date of the work: not in the future, at most 90 days back. */
function checkDay(day: string, what: string): string {
  const today = todayInChina();
  if (day > today) throw badUserInput(`${what}不能晚于今天`);
  if (day < daysBefore(today, MAX_BACKDATE_DAYS)) throw badUserInput(`${what}最早为 ${MAX_BACKDATE_DAYS} 天前`);
  return day;
}

function note(text: string | null | undefined, missing: string): string {
  const n = text?.trim();
  if (!n) throw badUserInput(missing);
  if (n.length > MAX_NOTE) throw badUserInput(`最多 ${MAX_NOTE} 字`);
  return n;
}

/** The child must be on the ledger and visible to the caller; the same refusal whether it exists elsewhere or not. */
async function checkChild(ctx: SubgraphContext, childId: string): Promise<void> {
  if (!ID_KEY_SHAPE.test(childId) || !(await visibleChildren(ctx).load(childId))) {
    throw new GraphQLError('该儿童不在您的辖区台账中', { extensions: { code: 'FORBIDDEN' } });
  }
}

/** One entry of the change log, in the write's own transaction. */
async function logChange(
  m: EntityManager,
  ctx: SubgraphContext,
  change: { childId: string; entity: string; entityId: string; action: string; before: unknown; after: unknown },
): Promise<void> {
  await m.query(
    `INSERT INTO ledger_change (child_id, entity, entity_id, action, before, after, actor, actor_roles, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      change.childId,
      change.entity,
      change.entityId,
      change.action,
      change.before === null ? null : JSON.stringify(change.before),
      JSON.stringify(change.after),
      ctx.principal.sub,
      ctx.principal.roles,
      ctx.requestId,
    ],
  );
}

/**
 * Inserts one ledger row under the client's key, once: a second arrival of the key returns the first row's id
 * (`created` false, nothing written); the key used for another child or by another person is refused (CONFLICT).
 * Table and column names are this module's constants.
 */
async function insertOnce(
  m: EntityManager,
  table: string,
  row: Record<string, unknown>,
  owner: { column: string; value: string },
): Promise<{ id: string; created: boolean }> {
  const columns = Object.keys(row);
  const inserted = (await m.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (request_key) DO NOTHING RETURNING id`,
    Object.values(row),
  )) as { id: string }[];
  if (inserted.length) return { id: String(inserted[0].id), created: true };
  const [earlier] = (await m.query(`SELECT id, child_id, ${owner.column} AS owner FROM ${table} WHERE request_key = $1`, [
    row.request_key,
  ])) as { id: string; child_id: string; owner: string }[];
  if (!earlier || earlier.child_id !== row.child_id || earlier.owner !== owner.value) throw requestKeyReused();
  return { id: String(earlier.id), created: false };
}

@Resolver()
export class LedgerResolver {
  @RequiresScopes('ledger:write')
  @Mutation(() => Visit, { description: '记录一次走访（儿童主任、儿童督导员、区县民政工作人员）；同一 requestKey 重发只记一次' })
  async recordVisit(
    @Arg('input', () => RecordVisitInput, { description: '走访内容' }) input: RecordVisitInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Visit> {
    const key = checkRequestKey(input.requestKey);
    const today = todayInChina();
    if (input.visitedOn > today) throw badUserInput('走访日期不能晚于今天');
    if (input.visitedOn < daysBefore(today, MAX_BACKDATE_DAYS)) throw badUserInput(`走访日期最早为 ${MAX_BACKDATE_DAYS} 天前`);
    const nextDueOn = input.nextDueOn ?? null;
    if (nextDueOn !== null && nextDueOn <= input.visitedOn) throw badUserInput('下次走访日期须晚于本次走访日期');
    const notes = note(input.notes, '请填写走访发现的情况');
    await checkChild(ctx, input.childId);
    const id = await ctx.db.transaction(async (m) => {
      const row = await insertOnce(
        m,
        'visit',
        {
          child_id: input.childId,
          visited_on: input.visitedOn,
          visitor_id: ctx.principal.sub,
          visitor_role: visitorRole(ctx.principal.roles),
          method: input.method,
          notes,
          next_due_on: nextDueOn,
          recorded_by: ctx.principal.sub,
          recorded_at: new Date(),
          request_key: key,
        },
        { column: 'recorded_by', value: ctx.principal.sub },
      );
      if (row.created) {
        await logChange(m, ctx, {
          childId: input.childId,
          entity: 'visit',
          entityId: row.id,
          action: 'RECORDED',
          before: null,
          after: { visitedOn: input.visitedOn, method: input.method, notes, nextDueOn },
        });
      }
      return row.id;
    });
    return (await ctx.db.getRepository(Visit).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => RiskAssessment, {
    description: '评估风险等级（四色管理）：记录评估因素与结论，更新儿童的风险等级；同一 requestKey 重发只记一次',
  })
  async assessRiskColour(
    @Arg('input', () => AssessRiskColourInput, { description: '评估内容' }) input: AssessRiskColourInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RiskAssessment> {
    const key = checkRequestKey(input.requestKey);
    const today = todayInChina();
    const assessedOn = input.assessedOn ?? today;
    if (assessedOn > today) throw badUserInput('评估日期不能晚于今天');
    if (assessedOn < daysBefore(today, MAX_BACKDATE_DAYS)) throw badUserInput(`评估日期最早为 ${MAX_BACKDATE_DAYS} 天前`);
    const reason = note(input.reason, '请填写评估说明');
    const factors = [...new Set(input.factors)].sort();
    await checkChild(ctx, input.childId);
    const id = await ctx.db.transaction(async (m) => {
      const [record] = (await m.query(`SELECT risk_colour FROM child_record WHERE id = $1 FOR UPDATE`, [input.childId])) as {
        risk_colour: string;
      }[];
      const row = await insertOnce(
        m,
        'risk_assessment',
        {
          child_id: input.childId,
          assessed_on: assessedOn,
          colour: input.colour,
          previous_colour: record.risk_colour,
          factors,
          reason,
          assessor: ctx.principal.sub,
          assessor_role: ctx.principal.roles[0],
          request_key: key,
        },
        { column: 'assessor', value: ctx.principal.sub },
      );
      if (!row.created) return row.id;
      await m.query(`UPDATE child_record SET risk_colour = $2 WHERE id = $1`, [input.childId, input.colour]);
      await logChange(m, ctx, {
        childId: input.childId,
        entity: 'child_record',
        entityId: input.childId,
        action: 'RISK_ASSESSED',
        before: { riskColour: record.risk_colour },
        after: { riskColour: input.colour, factors, reason, assessedOn, assessment: row.id },
      });
      return row.id;
    });
    return (await ctx.db.getRepository(RiskAssessment).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => CareAgreement, { description: '签订或续签委托照护协议（新协议即续签）；同一 requestKey 重发只记一次' })
  async signCareAgreement(
    @Arg('input', () => SignCareAgreementInput, { description: '协议内容' }) input: SignCareAgreementInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CareAgreement> {
    const key = checkRequestKey(input.requestKey);
    const signedOn = checkDay(input.signedOn, '签订日期');
    const validUntil = input.validUntil ?? null;
    if (validUntil !== null && validUntil <= signedOn) throw badUserInput('有效期须晚于签订日期');
    const caregiverName = note(input.caregiverName, '请填写被委托照护人姓名');
    const caregiverRelation = note(input.caregiverRelation, '请填写被委托照护人与儿童的关系');
    await checkChild(ctx, input.childId);
    const id = await ctx.db.transaction(async (m) => {
      const current = (await m.query(
        `SELECT id, caregiver_name, signed_on::text AS signed_on, valid_until::text AS valid_until FROM care_agreement
          WHERE child_id = $1 ORDER BY signed_on DESC, id DESC LIMIT 1`,
        [input.childId],
      )) as Record<string, unknown>[];
      const row = await insertOnce(
        m,
        'care_agreement',
        {
          child_id: input.childId,
          caregiver_name: caregiverName,
          caregiver_relation: caregiverRelation,
          signed_on: signedOn,
          valid_until: validUntil,
          recorded_by: ctx.principal.sub,
          recorded_at: new Date(),
          request_key: key,
        },
        { column: 'recorded_by', value: ctx.principal.sub },
      );
      if (row.created) {
        await logChange(m, ctx, {
          childId: input.childId,
          entity: 'care_agreement',
          entityId: row.id,
          action: current.length ? 'RENEWED' : 'SIGNED',
          before: current[0] ?? null,
          after: { caregiverName, caregiverRelation, signedOn, validUntil },
        });
      }
      return row.id;
    });
    return (await ctx.db.getRepository(CareAgreement).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => WorkLogEntry, { description: '记一条工作日志（一人一档）；同一 requestKey 重发只记一次' })
  async recordWorkLog(
    @Arg('input', () => RecordWorkLogInput, { description: '日志内容' }) input: RecordWorkLogInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WorkLogEntry> {
    const key = checkRequestKey(input.requestKey);
    const workedOn = checkDay(input.workedOn, '日期');
    const content = note(input.content, '请填写工作内容');
    await checkChild(ctx, input.childId);
    const id = await ctx.db.transaction(async (m) => {
      const row = await insertOnce(
        m,
        'work_log',
        {
          child_id: input.childId,
          worked_on: workedOn,
          content,
          author: ctx.principal.sub,
          author_role: ctx.principal.roles[0],
          request_key: key,
        },
        { column: 'author', value: ctx.principal.sub },
      );
      if (row.created) {
        await logChange(m, ctx, {
          childId: input.childId,
          entity: 'work_log',
          entityId: row.id,
          action: 'RECORDED',
          before: null,
          after: { workedOn, content },
        });
      }
      return row.id;
    });
    return (await ctx.db.getRepository(WorkLogEntry).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => HelpRecord, { description: '记录一次关爱帮扶（帮扶内容、提供方、转介）；同一 requestKey 重发只记一次' })
  async recordHelp(
    @Arg('input', () => RecordHelpInput, { description: '帮扶内容' }) input: RecordHelpInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<HelpRecord> {
    const key = checkRequestKey(input.requestKey);
    const helpedOn = checkDay(input.helpedOn, '帮扶日期');
    const content = note(input.content, '请填写帮扶内容');
    const provider = note(input.provider, '请填写帮扶提供方');
    const referredTo = input.referredTo?.trim() || null;
    await checkChild(ctx, input.childId);
    const id = await ctx.db.transaction(async (m) => {
      const row = await insertOnce(
        m,
        'help_record',
        {
          child_id: input.childId,
          helped_on: helpedOn,
          kind: input.kind,
          content,
          provider,
          referred_to: referredTo,
          recorded_by: ctx.principal.sub,
          request_key: key,
        },
        { column: 'recorded_by', value: ctx.principal.sub },
      );
      if (row.created) {
        await logChange(m, ctx, {
          childId: input.childId,
          entity: 'help_record',
          entityId: row.id,
          action: 'RECORDED',
          before: null,
          after: { helpedOn, kind: input.kind, content, provider, referredTo },
        });
      }
      return row.id;
    });
    return (await ctx.db.getRepository(HelpRecord).findOneByOrFail({ id }))!;
  }

  @RequiresScopes('ledger:write')
  @Mutation(() => ChildRecord, {
    description:
      '台账信息变更（监护人、联系方式、儿童类别）：记录变更前后与原因；类别须区县民政认定（welfare:write）；同一 requestKey 重发只变更一次',
  })
  async updateChildRecord(
    @Arg('input', () => UpdateChildRecordInput, { description: '变更内容' }) input: UpdateChildRecordInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildRecord> {
    const key = checkRequestKey(input.requestKey);
    const reason = note(input.reason, '请填写变更原因');
    const changes: Record<string, unknown> = {};
    for (const [field, column] of [
      ['guardianName', 'guardian_name'],
      ['guardianRelation', 'guardian_relation'],
      ['guardianPhone', 'guardian_phone'],
    ] as const) {
      const v = input[field];
      if (v === undefined || v === null) continue;
      const t = v.trim();
      if (t.length > 100) throw badUserInput('最多 100 字');
      if (field === 'guardianPhone' && t && !/^[0-9+\- ]{5,20}$/.test(t)) throw badUserInput('联系电话格式不正确');
      changes[column] = t || null;
    }
    if (input.categories) {
      if (!ctx.principal.scopes.includes('welfare:write')) {
        throw new GraphQLError('儿童类别须由区县民政部门认定变更', { extensions: { code: 'FORBIDDEN' } });
      }
      changes.categories = [...new Set(input.categories)];
    }
    if (Object.keys(changes).length === 0) throw badUserInput('没有要变更的内容');
    await checkChild(ctx, input.childId);
    await ctx.db.transaction(async (m) => {
      const [current] = (await m.query(
        `SELECT guardian_name, guardian_relation, guardian_phone, categories FROM child_record WHERE id = $1 FOR UPDATE`,
        [input.childId],
      )) as Record<string, unknown>[];
      const before = Object.fromEntries(Object.keys(changes).map((c) => [c, current[c]]));
      const logged = (await m.query(
        `INSERT INTO ledger_change (child_id, entity, entity_id, action, before, after, actor, actor_roles, request_id, request_key)
         VALUES ($1, 'child_record', $8, 'UPDATED', $2, $3, $4, $5, $6, $7) ON CONFLICT (request_key) DO NOTHING RETURNING id`,
        [
          input.childId,
          JSON.stringify(before),
          JSON.stringify({ ...changes, reason }),
          ctx.principal.sub,
          ctx.principal.roles,
          ctx.requestId,
          key,
          input.childId,
        ],
      )) as unknown[];
      if (!logged.length) {
        const [earlier] = (await m.query(`SELECT child_id, actor FROM ledger_change WHERE request_key = $1`, [key])) as {
          child_id: string;
          actor: string;
        }[];
        if (earlier?.child_id !== input.childId || earlier.actor !== ctx.principal.sub) throw requestKeyReused();
        return;
      }
      const columns = Object.keys(changes);
      await m.query(`UPDATE child_record SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        input.childId,
        ...columns.map((c) => changes[c]),
      ]);
    });
    return (await ctx.db.getRepository(ChildRecord).findOneByOrFail({ id: input.childId }))!;
  }
}

@Resolver(() => ChildRecord)
export class WelfareRecordLedgerResolver {
  @FieldResolver(() => [RiskAssessment], { description: '风险等级评估记录（最新在前）：等级变化的历史' })
  async riskAssessments(@Root() record: ChildRecord, @Ctx() ctx: SubgraphContext): Promise<RiskAssessment[]> {
    return ctx.loaders
      .many(
        'riskAssessmentsByChild',
        (ids: string[]) =>
          ctx.db
            .getRepository(RiskAssessment)
            .createQueryBuilder('a')
            .where('a.child_id = ANY(:ids)', { ids })
            .orderBy('a.recordedAt', 'DESC')
            .addOrderBy('a.id', 'DESC')
            .getMany(),
        (a) => a.childId,
      )
      .load(record.id);
  }
}

@Resolver(() => ChildRecord)
export class WelfareRecordFileResolver {
  @FieldResolver(() => [WorkLogEntry], { description: '工作日志（最新在前）' })
  async workLog(@Root() record: ChildRecord, @Ctx() ctx: SubgraphContext): Promise<WorkLogEntry[]> {
    return ctx.loaders
      .many(
        'workLogByChild',
        (ids: string[]) =>
          ctx.db
            .getRepository(WorkLogEntry)
            .createQueryBuilder('w')
            .where('w.child_id = ANY(:ids)', { ids })
            .orderBy('w.workedOn', 'DESC')
            .addOrderBy('w.id', 'DESC')
            .getMany(),
        (w) => w.childId,
      )
      .load(record.id);
  }

  @FieldResolver(() => [HelpRecord], { description: '关爱帮扶记录（最新在前）' })
  async helpRecords(@Root() record: ChildRecord, @Ctx() ctx: SubgraphContext): Promise<HelpRecord[]> {
    return ctx.loaders
      .many(
        'helpRecordsByChild',
        (ids: string[]) =>
          ctx.db
            .getRepository(HelpRecord)
            .createQueryBuilder('h')
            .where('h.child_id = ANY(:ids)', { ids })
            .orderBy('h.helpedOn', 'DESC')
            .addOrderBy('h.id', 'DESC')
            .getMany(),
        (h) => h.childId,
      )
      .load(record.id);
  }
}

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @FieldResolver(() => String, { description: '录入时间（ISO 8601）' })
  recordedAt(@Root() a: RiskAssessment): string {
    return a.recordedAt.toISOString();
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @FieldResolver(() => String, { nullable: true, description: '在本平台录入的时间（ISO 8601；导入的历史记录为空）' })
  recordedAt(@Root() v: Visit): string | null {
    return v.recordedAt ? v.recordedAt.toISOString() : null;
  }
}
