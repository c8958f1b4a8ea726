import { GraphQLError } from 'graphql';
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Agency } from '@hub/domain';
import { RequiresScopes } from './directives';
import { badUserInput } from '@hub/service-kit';
import { checkPageSize, decodeCursor, PageInfo, toPage } from './pagination';
import type { SubgraphContext } from './context';

/**
 * Auditors read the logs through the graph (scope `audit:read`): each agency subgraph serves its own
 * disclosure log as `<agency>AuditLog`, and civil affairs — which runs the hub — serves the gateway's log
 * as `gatewayAuditLog`. Newest first, keyset-paged by sequence number.
 */

@RequiresScopes('audit:read')
@ObjectType('AuditEntry', { description: '部门审计日志条目：向谁、为何目的、披露了哪些对象的哪些字段' })
@Directive('@shareable')
class AuditEntryType {
  @Field(() => ID, { description: '序号（哈希链顺序）' })
  seq!: string;

  @Field(() => String, { description: '记录时间（ISO 8601）' })
  at!: string;

  @Field(() => String, { description: '网关请求标识（x-request-id）' })
  requestId!: string;

  @Field(() => String, { description: '调用者（令牌 sub）' })
  subject!: string;

  @Field(() => [String], { description: '调用者角色' })
  roles!: string[];

  @Field(() => String, { description: '声明的用途（x-purpose）' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: '操作名' })
  operation!: string | null;

  @Field(() => [String], { description: '披露的对象（类型:标识）' })
  entityIds!: string[];

  @Field(() => [String], { description: '披露的字段（类型.字段）' })
  fields!: string[];

  @Field(() => String, { description: '结果：DISCLOSED 或 ERROR' })
  outcome!: string;

  @Field(() => String, { description: '本条哈希（SHA-256，链接上一条）' })
  hash!: string;
}

@RequiresScopes('audit:read')
@ObjectType('AuditEntryPage', { description: '审计日志分页（最新在前）' })
@Directive('@shareable')
class AuditEntryPage {
  @Field(() => [AuditEntryType], { description: '本页条目' })
  nodes!: AuditEntryType[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

@RequiresScopes('audit:read')
@ObjectType('GatewayAuditEntry', { description: '网关审计日志条目：每个经授权的操作' })
export class GatewayAuditEntryType {
  @Field(() => ID, { description: '序号（哈希链顺序）' })
  seq!: string;

  @Field(() => String, { description: '记录时间（ISO 8601）' })
  at!: string;

  @Field(() => String, { description: '请求标识（x-request-id）' })
  requestId!: string;

  @Field(() => String, { description: '调用者（令牌 sub）' })
  subject!: string;

  @Field(() => [String], { description: '调用者角色' })
  roles!: string[];

  @Field(() => String, { description: '声明的用途（x-purpose）' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: '操作名' })
  operationName!: string | null;

  @Field(() => String, { description: '操作文本的 SHA-256' })
  operationHash!: string;

  @Field(() => [String], { description: '请求并获准的字段（类型.字段）' })
  fieldsRequested!: string[];

  @Field(() => [String], { description: '因缺少权限被移除的字段（类型.字段）' })
  fieldsDenied!: string[];

  @Field(() => Int, { description: '耗时（毫秒）' })
  durationMs!: number;

  @Field(() => String, { description: '结果：ALLOWED、PARTIAL（部分字段被拒）、REJECTED（严格模式整体拒绝）、ERROR' })
  outcome!: string;

  @Field(() => String, { description: '本条哈希（SHA-256，链接上一条）' })
  hash!: string;
}

@RequiresScopes('audit:read')
@ObjectType('GatewayAuditEntryPage', { description: '网关审计日志分页（最新在前）' })
export class GatewayAuditEntryPage {
  @Field(() => [GatewayAuditEntryType], { description: '本页条目' })
  nodes!: GatewayAuditEntryType[];

  @Field(() => PageInfo, { description: '分页信息' })
  pageInfo!: PageInfo;
}

interface AuditFilter {
  requestId: string | null;
  subject: string | null;
  since: string | null;
  first: number;
  after: string | null;
}

/** WHERE clause and parameters shared by both logs; newest first, keyset on seq. */
function filterSql(f: AuditFilter, extra: { column: string; value: string } | null): { where: string; params: unknown[] } {
  checkPageSize(f.first);
  const params: unknown[] = [];
  const conds: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (f.requestId) add('request_id = ?', f.requestId);
  if (f.subject) add('subject = ?', f.subject);
  if (f.since) {
    if (Number.isNaN(Date.parse(f.since))) throw badUserInput(`since 不是有效的时间: ${JSON.stringify(f.since)}`);
    add('at >= ?', new Date(f.since));
  }
  if (extra) add(`? = ANY(${extra.column})`, extra.value);
  const after = decodeCursor(f.after, /^\d{1,19}$/);
  if (after) add('seq < ?', after);
  return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

const camel = (agency: Agency) => agency.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The resolver serving one agency's own audit log, as `<agency>AuditLog` (e.g. `educationAuditLog`). */
export function agencyAuditLogResolver(agency: Agency): new () => object {
  @Resolver()
  class AgencyAuditLogResolver {
    @Query(() => AuditEntryPage, {
      name: `${camel(agency)}AuditLog`,
      description: `本部门（${agency}）审计日志：披露了什么、给谁、为何目的（最新在前）`,
    })
    async auditLog(
      @Arg('requestId', () => String, { nullable: true, description: '按请求标识' }) requestId: string | null,
      @Arg('subject', () => String, { nullable: true, description: '按调用者（令牌 sub）' }) subject: string | null,
      @Arg('entityId', () => String, { nullable: true, description: '按披露对象，如 Child:<标识>' }) entityId: string | null,
      @Arg('since', () => String, { nullable: true, description: '此时间（ISO 8601）之后' }) since: string | null,
      @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
      @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<AuditEntryPage> {
      const { where, params } = filterSql(
        { requestId, subject, since, first, after },
        entityId ? { column: 'entity_ids', value: entityId } : null,
      );
      const rows = (await ctx.db.query(
        `SELECT seq, at, request_id, subject, roles, purpose, operation, entity_ids, fields, outcome, hash
           FROM audit_log ${where} ORDER BY seq DESC LIMIT ${first + 1}`,
        params,
      )) as Record<string, unknown>[];
      const nodes = rows.map((r) => ({
        seq: String(r.seq),
        at: (r.at as Date).toISOString(),
        requestId: r.request_id as string,
        subject: r.subject as string,
        roles: r.roles as string[],
        purpose: r.purpose as string,
        operation: r.operation as string | null,
        entityIds: r.entity_ids as string[],
        fields: r.fields as string[],
        outcome: r.outcome as string,
        hash: r.hash as string,
      }));
      return toPage(nodes, first, (n) => n.seq);
    }
  }
  return AgencyAuditLogResolver;
}

/** The gateway's audit log, served by the subgraph given the gateway's database (civil affairs). */
@Resolver()
export class GatewayAuditLogResolver {
  @Query(() => GatewayAuditEntryPage, { description: '网关审计日志：每个经授权的操作、请求与被拒字段（最新在前）' })
  async gatewayAuditLog(
    @Arg('requestId', () => String, { nullable: true, description: '按请求标识' }) requestId: string | null,
    @Arg('subject', () => String, { nullable: true, description: '按调用者（令牌 sub）' }) subject: string | null,
    @Arg('deniedField', () => String, { nullable: true, description: '按被拒字段，如 Child.seriousIllnesses' }) deniedField: string | null,
    @Arg('since', () => String, { nullable: true, description: '此时间（ISO 8601）之后' }) since: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '每页条数' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<GatewayAuditEntryPage> {
    const db: DataSource | undefined = ctx.gatewayAuditDb;
    if (!db) throw new GraphQLError('网关审计日志未配置', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const { where, params } = filterSql(
      { requestId, subject, since, first, after },
      deniedField ? { column: 'fields_denied', value: deniedField } : null,
    );
    const rows = (await db.query(
      `SELECT seq, at, request_id, subject, roles, purpose, operation_name, operation_hash, fields_requested, fields_denied,
              duration_ms, outcome, hash
         FROM gateway_audit_log ${where} ORDER BY seq DESC LIMIT ${first + 1}`,
      params,
    )) as Record<string, unknown>[];
    const nodes = rows.map((r) => ({
      seq: String(r.seq),
      at: (r.at as Date).toISOString(),
      requestId: r.request_id as string,
      subject: r.subject as string,
      roles: r.roles as string[],
      purpose: r.purpose as string,
      operationName: r.operation_name as string | null,
      operationHash: r.operation_hash as string,
      fieldsRequested: r.fields_requested as string[],
      fieldsDenied: r.fields_denied as string[],
      durationMs: r.duration_ms as number,
      outcome: r.outcome as string,
      hash: r.hash as string,
    }));
    return toPage(nodes, first, (n) => n.seq);
  }
}
