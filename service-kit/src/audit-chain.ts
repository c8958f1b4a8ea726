import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The hub's hash-chained, append-only audit tables: each agency's log of what it disclosed (`audit_log`,
 * written by @hub/subgraph-kit's audit plugin) and the gateway's log of each operation it authorized
 * (`gateway_audit_log`). Append-only by trigger (migrations/audit-log.ts); chained and verified here.
 */
const GENESIS_HASH = '0'.repeat(64);

/**
 * An audit table: the content columns that are hashed, in hash order. Agencies log what they disclosed
 * (`audit_log`); the gateway logs each operation it authorized (`gateway_audit_log`). Same chain rules.
 */
export interface AuditTable {
  table: 'audit_log' | 'gateway_audit_log';
  columns: readonly string[];
}

export const AGENCY_AUDIT: AuditTable = {
  table: 'audit_log',
  columns: ['at', 'request_id', 'subject', 'roles', 'purpose', 'operation', 'entity_type', 'entity_ids', 'fields', 'outcome'],
};

export const GATEWAY_AUDIT: AuditTable = {
  table: 'gateway_audit_log',
  columns: [
    'at',
    'request_id',
    'subject',
    'roles',
    'purpose',
    'operation_name',
    'operation_hash',
    'fields_requested',
    'fields_denied',
    'duration_ms',
    'outcome',
  ],
};

type AuditValue = string | number | string[] | Date | null;

/** The row's hash: SHA-256 over the previous hash, the sequence number and the content columns in order. */
function chainHash(prevHash: string, seq: number, values: readonly AuditValue[]): string {
  const canonical = JSON.stringify([prevHash, seq, ...values.map((v) => (v instanceof Date ? v.toISOString() : v))]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

interface PendingAppend {
  content: Record<string, AuditValue>;
  resolve(): void;
  reject(err: unknown): void;
}

/** Per data source and table: the entries waiting for the next group commit, and whether one is under way. */
const appendQueues = new WeakMap<DataSource, Map<string, { pending: PendingAppend[]; flushing: boolean }>>();

/** Rows per group commit at most (13 parameters each, far below PostgreSQL's 65,535). */
const MAX_GROUP = 500;

/**
 * Appends one row to a chained table, durably, before it resolves. Writers of one database serialise on an
 * advisory lock, so the chain has no forks; the timestamp is taken inside the lock (clock time, not the
 * transaction's start) so the log is ordered by time as well as by seq.
 *
 * Group commit: the entries that arrive while a commit is under way wait for the next one, and all of them
 * are chained and inserted in one transaction. Each caller still learns of its row only once it is on disk,
 * but concurrent requests share one lock acquisition and one WAL flush instead of queueing for one each
 * (the nightly job's civil-affairs requests spent 22 s waiting on the lock in a 20,000-child run).
 */
export function appendChained(ds: DataSource, spec: AuditTable, content: Record<string, AuditValue>): Promise<void> {
  let byTable = appendQueues.get(ds);
  if (!byTable) appendQueues.set(ds, (byTable = new Map()));
  let queue = byTable.get(spec.table);
  if (!queue) byTable.set(spec.table, (queue = { pending: [], flushing: false }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.pending.push({ content, resolve, reject });
    if (!q.flushing) {
      q.flushing = true;
      void flushAppends(ds, spec, q).finally(() => (q.flushing = false));
    }
  });
}

async function flushAppends(ds: DataSource, spec: AuditTable, q: { pending: PendingAppend[] }): Promise<void> {
  while (q.pending.length) {
    const batch = q.pending.splice(0, MAX_GROUP);
    try {
      await ds.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('${spec.table}'))`);
        const last = (await m.query(`SELECT seq, hash, clock_timestamp() AS now FROM ${spec.table} ORDER BY seq DESC LIMIT 1`)) as {
          seq: string;
          hash: string;
          now: Date;
        }[];
        let seq = last.length ? Number(last[0].seq) : 0;
        let prevHash = last.length ? last[0].hash : GENESIS_HASH;
        const at = new Date(last.length ? last[0].now : ((await m.query(`SELECT clock_timestamp() AS now`))[0].now as Date));
        const cols = ['seq', ...spec.columns, 'prev_hash', 'hash'];
        const params: unknown[] = [];
        const rows: string[] = [];
        for (const p of batch) {
          seq++;
          const values = spec.columns.map((c) => (c === 'at' ? at : (p.content[c] ?? null)));
          const hash = chainHash(prevHash, seq, values);
          rows.push(`(${cols.map((_, i) => `$${params.length + i + 1}`).join(', ')})`);
          params.push(seq, ...values, prevHash, hash);
          prevHash = hash;
        }
        await m.query(`INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES ${rows.join(', ')}`, params);
      });
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

export interface ChainReport {
  rows: number;
  /** The first row whose link or hash does not verify, and why; absent when the chain is intact. */
  firstBroken?: { seq: number; reason: string };
}

/** Walks the chain in seq order, recomputing every hash. */
export async function verifyAuditChain(databaseUrl: string, spec: AuditTable = AGENCY_AUDIT): Promise<ChainReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    let after = 0;
    for (;;) {
      const { rows: batch } = await client.query(
        `SELECT seq, ${spec.columns.join(', ')}, prev_hash, hash FROM ${spec.table} WHERE seq > $1 ORDER BY seq LIMIT 5000`,
        [after],
      );
      if (batch.length === 0) return { rows };
      for (const r of batch) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return { rows, firstBroken: { seq, reason: `row ${expectedSeq} is missing (next is ${seq})` } };
        if (r.prev_hash !== prev) return { rows, firstBroken: { seq, reason: 'prev_hash does not match the previous row' } };
        const values = spec.columns.map((c) => r[c] as AuditValue);
        if (chainHash(prev, seq, values) !== r.hash)
          return { rows, firstBroken: { seq, reason: 'content does not match its hash (altered)' } };
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
