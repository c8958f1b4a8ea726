import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger';
import type { SubgraphContext } from './subgraph';

/**
 * Each agency's own audit log of what it disclosed, for which request, to whom, for what purpose
 * (table `audit_log`, migrations/audit-log.ts). Append-only by trigger; hash-chained here.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: Date;
  requestId: string;
  subject: string;
  roles: string[];
  purpose: string;
  operation: string | null;
  entityType: string | null;
  /** `Type:id` of every entity whose fields were disclosed. */
  entityIds: string[];
  /** `Type.field` of every field resolved. */
  fields: string[];
  outcome: 'DISCLOSED' | 'ERROR';
}

/** The row's hash: SHA-256 over the previous hash and the row's content in a fixed order. */
export function auditHash(prevHash: string, seq: number, e: AuditEntry): string {
  const canonical = JSON.stringify([
    prevHash,
    seq,
    e.at.toISOString(),
    e.requestId,
    e.subject,
    e.roles,
    e.purpose,
    e.operation,
    e.entityType,
    e.entityIds,
    e.fields,
    e.outcome,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends one entry. Writers of one database serialise on an advisory lock, so the chain has no forks;
 * the timestamp is taken inside the lock so the log is ordered by time as well as by seq.
 */
export async function appendAudit(ds: DataSource, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log'))`);
    const last = (await m.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`)) as { seq: string; hash: string }[];
    const seq = last.length ? Number(last[0].seq) + 1 : 1;
    const prevHash = last.length ? last[0].hash : GENESIS_HASH;
    const at = new Date((await m.query(`SELECT now() AS now`))[0].now as Date);
    const full: AuditEntry = { ...entry, at };
    await m.query(
      `INSERT INTO audit_log (seq, at, request_id, subject, roles, purpose, operation, entity_type, entity_ids, fields, outcome, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [seq, at, entry.requestId, entry.subject, entry.roles, entry.purpose, entry.operation, entry.entityType, entry.entityIds, entry.fields, entry.outcome, prevHash, auditHash(prevHash, seq, full)],
    );
  });
}

export interface ChainReport {
  rows: number;
  /** The first row whose link or hash does not verify, and why; absent when the chain is intact. */
  firstBroken?: { seq: number; reason: string };
}

/** Walks the chain in seq order, recomputing every hash. */
export async function verifyAuditChain(databaseUrl: string): Promise<ChainReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    let after = 0;
    for (;;) {
      const { rows: batch } = await client.query(
        `SELECT seq, at, request_id, subject, roles, purpose, operation, entity_type, entity_ids, fields, outcome, prev_hash, hash
           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
        [after],
      );
      if (batch.length === 0) return { rows };
      for (const r of batch) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return { rows, firstBroken: { seq, reason: `row ${expectedSeq} is missing (next is ${seq})` } };
        if (r.prev_hash !== prev) return { rows, firstBroken: { seq, reason: 'prev_hash does not match the previous row' } };
        const entry: AuditEntry = {
          at: r.at as Date,
          requestId: r.request_id,
          subject: r.subject,
          roles: r.roles,
          purpose: r.purpose,
          operation: r.operation,
          entityType: r.entity_type,
          entityIds: r.entity_ids,
          fields: r.fields,
          outcome: r.outcome,
        };
        if (auditHash(prev, seq, entry) !== r.hash) return { rows, firstBroken: { seq, reason: 'content does not match its hash (altered)' } };
        prev = r.hash;
        expectedSeq++;
        rows++;
        after = seq;
      }
    }
  } finally {
    await client.end();
  }
}

const NOT_DISCLOSURES = new Set(['_entities', '_service', '__typename', '__schema', '__type']);

/**
 * Records, per request, every field resolved and the ids of the objects they belong to, and appends
 * one audit entry before the response leaves. If the entry cannot be written the data is withheld.
 */
export function auditPlugin(ds: DataSource, logger: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const ids = new Set<string>();
      const types = new Set<string>();
      const fields = new Set<string>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }: { source: unknown; info: GraphQLResolveInfo }) {
              if (NOT_DISCLOSURES.has(info.fieldName) || info.parentType.name.startsWith('_')) return;
              fields.add(`${info.parentType.name}.${info.fieldName}`);
              const id = (source as { id?: unknown } | null)?.id;
              if (typeof id === 'string' && 'id' in info.parentType.getFields()) {
                ids.add(`${info.parentType.name}:${id}`);
                types.add(info.parentType.name);
              }
            },
          };
        },
        async willSendResponse({ contextValue, response, request }) {
          if (fields.size === 0 || !contextValue?.principal) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          try {
            await appendAudit(ds, {
              requestId: contextValue.requestId,
              subject: contextValue.principal.sub,
              roles: contextValue.principal.roles,
              purpose: contextValue.purpose,
              operation: request.operationName ?? null,
              entityType: types.size ? [...types].sort().join(',') : null,
              entityIds: [...ids].sort(),
              fields: [...fields].sort(),
              outcome: body?.errors?.length ? 'ERROR' : 'DISCLOSED',
            });
          } catch (err) {
            logger.error({ err }, 'audit write failed; response withheld');
            if (body) {
              body.data = null;
              body.errors = [new GraphQLError('审计日志写入失败，已拒绝返回数据', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }).toJSON()];
            }
            response.http.status = 500;
          }
        },
      };
    },
  };
}
