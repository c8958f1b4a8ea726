import { createHash } from 'node:crypto';
import { Client, escapeLiteral, type QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import { AGENCIES, type Agency } from '@hub/domain';
import { queryPrepared, withConnection } from './db';

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
  table: 'audit_log' | 'gateway_audit_log' | 'gateway_refusal_log';
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

/** The gateway's log of refused requests, aggregated per caller, reason and minute (migrations/gateway). */
export const GATEWAY_REFUSALS: AuditTable = {
  table: 'gateway_refusal_log',
  columns: ['at', 'window_start', 'subject', 'roles', 'purpose', 'reason', 'client_address', 'operation_hashes', 'refusals'],
};

/** A database of the hub: an agency's own, or the gateway's (`hub_gateway`). */
export type HubDatabase = Agency | 'gateway';

/** One hash-chained table and the database it lives in. */
export interface ChainedTable {
  database: HubDatabase;
  spec: AuditTable;
}

/**
 * Every hash-chained table of the hub. Verification (`hub audit verify`), anchoring (`hub audit anchor`, and
 * `hub start`'s timer) and the database roles' grants (INSERT and SELECT for the database's service role,
 * SELECT for the audit reader) all go over this list: a new chained table is one more entry here.
 */
export const CHAINED_TABLES: readonly ChainedTable[] = [
  ...AGENCIES.map((database): ChainedTable => ({ database, spec: AGENCY_AUDIT })),
  { database: 'gateway', spec: GATEWAY_AUDIT },
  { database: 'gateway', spec: GATEWAY_REFUSALS },
];

/** A chain's name in reports and anchor files: `<database>/<table>`, e.g. `civil-affairs/audit_log`. */
export function chainName(chain: ChainedTable): string {
  return `${chain.database}/${chain.spec.table}`;
}

type AuditValue = string | number | string[] | Date | null;

/**
 * A string as PostgreSQL stores it: a lone UTF-16 surrogate, which UTF-8 cannot carry, becomes U+FFFD when the string is
 * encoded for the database. Hashed as given, a value with one (a token's `sub`, say) would be hashed one way when written
 * and another when `hub audit verify` reads it back, and its row would look tampered with.
 */
function asStored(s: string): string {
  return s.replace(/\p{Cs}/gu, '\uFFFD');
}

/** The row's hash: SHA-256 over the previous hash, the sequence number and the content columns in order. */
function chainHash(prevHash: string, seq: number, values: readonly AuditValue[]): string {
  const canonical = JSON.stringify([
    prevHash,
    seq,
    ...values.map((v) =>
      v instanceof Date
        ? v.toISOString()
        : typeof v === 'string'
          ? asStored(v)
          : Array.isArray(v)
            ? v.map((e) => (typeof e === 'string' ? asStored(e) : e))
            : v,
    ),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

interface PendingAppend {
  content: Record<string, AuditValue>;
  resolve(): void;
  reject(err: unknown): void;
}

/** The newest row of a chain as this process's own last commit left it. */
interface ChainHead {
  seq: number;
  hash: string;
  at: Date;
}

/**
 * Per data source and table: the entries waiting for the next group commit, whether one is under way, the chain's
 * head as this process last left it (absent until its first commit, and after any failure), and how many more
 * batches go the full way before the one-round-trip append is tried again (after another writer moved the head).
 */
interface AppendQueue {
  pending: PendingAppend[];
  flushing: boolean;
  head?: ChainHead;
  fullWay: number;
}
const appendQueues = new WeakMap<DataSource, Map<string, AppendQueue>>();

/**
 * Batches that go the full way after the one-round-trip append found that another writer (another process of the
 * same service) had moved the head: with several writers busy, most one-round-trip attempts would miss, and each
 * miss costs a round trip.
 */
const FULL_WAY_AFTER_MISS = 64;

/** Rows per group commit at most (one INSERT statement of that many literal rows). */
const MAX_GROUP = 500;

/**
 * Appends one row to a chained table, durably, before it resolves. Writers of one database serialise on an
 * advisory lock, so the chain has no forks. A row's time is never earlier than the row before it, so the log is
 * ordered by time as well as by seq: the database's clock under the lock on the full way, the service's on the one
 * round trip (`appendBatch`).
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
  if (!queue) byTable.set(spec.table, (queue = { pending: [], flushing: false, fullWay: 0 }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.pending.push({ content, resolve, reject });
    if (!q.flushing) {
      q.flushing = true;
      void flushAppends(ds, spec, q);
    }
  });
}

/**
 * Commits the queue's entries batch by batch until none is left. `flushing` is cleared in the same turn as the last
 * check finds the queue empty (no await between them). Cleared a turn later (a `.finally` on this promise, as
 * before), a caller whose append had just resolved and who appended again at once — its continuation runs first —
 * found a flush still "under way" that had ended, and its append waited for ever (tests/integration/audit.test.ts,
 * two writers).
 */
async function flushAppends(ds: DataSource, spec: AuditTable, q: AppendQueue): Promise<void> {
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, MAX_GROUP);
      try {
        await appendBatch(ds, spec, batch, q);
        for (const p of batch) p.resolve();
      } catch (err) {
        q.head = undefined; // whether the commit happened is unknown: the next batch reads the head again
        for (const p of batch) p.reject(err);
      }
    }
  } finally {
    q.flushing = false;
  }
}

/**
 * One group commit. A single row on a chain whose head this process knows goes in one round trip
 * (`appendOnKnownHead`); anything else, or a miss, goes the full way (`appendReadingHead`). Either way the
 * row is on disk, under the chain's lock, before the promise resolves. `HUB_AUDIT_ONE_ROUND_TRIP=off` sends every
 * commit the full way, read at each commit so `bench:audit` can compare both in one process.
 */
async function appendBatch(ds: DataSource, spec: AuditTable, batch: PendingAppend[], q: AppendQueue): Promise<void> {
  if (batch.length === 1 && q.head && q.fullWay === 0 && process.env.HUB_AUDIT_ONE_ROUND_TRIP !== 'off') {
    const head = await appendOnKnownHead(ds, spec, batch[0], q.head);
    if (head) {
      q.head = head;
      return;
    }
    q.fullWay = FULL_WAY_AFTER_MISS;
  } else if (q.fullWay > 0) q.fullWay--;
  q.head = await appendReadingHead(ds, spec, batch);
}

/** Chains `batch` onto `head`: each row's values in `insertInto` order (seq, content, previous hash, hash). */
function chainRows(spec: AuditTable, batch: PendingAppend[], head: ChainHead): { rows: AuditValue[][]; head: ChainHead } {
  let { seq, hash: prevHash } = head;
  const rows: AuditValue[][] = [];
  for (const p of batch) {
    seq++;
    const values = spec.columns.map((c) => (c === 'at' ? head.at : (p.content[c] ?? null)));
    const hash = chainHash(prevHash, seq, values);
    rows.push([seq, ...values, prevHash, hash]);
    prevHash = hash;
  }
  return { rows, head: { seq, hash: prevHash, at: head.at } };
}

function insertInto(spec: AuditTable): string {
  return `INSERT INTO ${spec.table} (${['seq', ...spec.columns, 'prev_hash', 'hash'].join(', ')})`;
}

/**
 * The full way, in two round trips on one of the data source's pooled connections: the transaction, the chain lock
 * and the chain head in one message; the rows and the commit in the next. Each statement of a message gets its own
 * snapshot, so the head is read after the lock is held, and the rows' time is the database's clock under the lock (never
 * earlier than the head's, which a writer on another host's clock may have set).
 * Written with parameters this was five round trips through TypeORM, and every statement a subgraph sends wakes
 * PostgreSQL and is preempted by it on this two-core machine (about one involuntary context switch a statement); an
 * append cost the service about 40 % more CPU so (issue 16, bench/RESULTS.md). The values go in as literals, quoted
 * by pg's own `escapeLiteral`. Resolves to the new head.
 */
async function appendReadingHead(ds: DataSource, spec: AuditTable, batch: PendingAppend[]): Promise<ChainHead> {
  return withConnection(ds, async (client, drop) => {
    try {
      // Always one row: the head's seq and hash (null for an empty table), and the time every row of the batch gets.
      // GREATEST ignores the null `at` of an empty table.
      const results = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtext('${spec.table}'));
         SELECT h.seq, h.hash, GREATEST(clock_timestamp(), h.at) AS now
           FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash, at FROM ${spec.table} ORDER BY seq DESC LIMIT 1) h ON true`,
      )) as unknown as QueryResult<{ seq: string | null; hash: string | null; now: Date }>[];
      const read = results[2].rows[0];
      const { rows, head } = chainRows(spec, batch, {
        seq: read.seq === null ? 0 : Number(read.seq),
        hash: read.hash ?? GENESIS_HASH,
        at: new Date(read.now),
      });
      await client.query(`${insertInto(spec)} VALUES ${rows.map((r) => `(${r.map(sqlLiteral).join(', ')})`).join(', ')}; COMMIT`);
      return head;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        drop(); // the connection itself failed: the pool drops it
      }
      throw err;
    }
  });
}

/**
 * One row in one round trip, when this process wrote the chain's newest row itself: a single statement that takes the
 * chain's lock and inserts the row chained onto `known`, and inserts nothing unless `known` is still the head.
 * Against the full way it saves a round trip and four statements (BEGIN, the lock, the head read, COMMIT): see
 * `npm run bench:audit` and bench/RESULTS.md.
 *
 * The guard reads two rows by the primary key: the known head's, whose hash must still be the one this process wrote,
 * and the next seq's, which must not exist yet. Seqs are consecutive and the table is append-only, so together that
 * is "`known` is still the head"; a table emptied by hand misses, since the head's row is gone. (A row removed by hand
 * from the middle of the chain would be filled in again, linked to the row before it but not to the one after: `hub
 * audit verify` reports the chain broken there, as it should.) The guard runs once, before the lock is taken, so a
 * writer whose head is stale misses at once without queueing for the lock. It reads under the statement's snapshot,
 * which may predate the lock: a writer that commits in between (only another process of the same service can) is
 * not seen, and this row's seq then collides with that writer's row in the primary key. `ON CONFLICT (seq) DO
 * NOTHING` makes that a miss like the other, nothing inserted, rather than an error PostgreSQL would log at every
 * such race (frequent with two gateway processes). The chain cannot fork either way. The full way never meets the
 * collision, since it reads the head after taking the lock.
 *
 * The statement is prepared (the pool's `PreparingClient`), so PostgreSQL keeps its plan instead of planning it on
 * every call (0.13–0.17 ms of PostgreSQL's time an append, seven appends a six-agency profile request; bench:statements).
 * A kept plan is made for the table's size at the time: on a table of a page or two PostgreSQL reads the head's row by
 * scanning the table, and kept, that scan grows with every row until an ANALYZE replaces the plan (4 s for 200 lookups
 * in a 200,000-row table against 0.05 s by the index, measured by hand). The text therefore names the table's size
 * class, a power of two of the head's seq: each doubling of the chain is a new statement, planned afresh for the size
 * it has then, and from a few pages on PostgreSQL chooses the primary key and keeps it.
 *
 * The row's time is the service's clock, never earlier than the head's, so the log stays ordered by time. A service
 * clock ahead of the database's dates its rows ahead, and the full way's rows then take the head's time until the
 * database's clock catches up: both clocks should be kept by NTP (docs/access.md). Resolves to the new head, or to
 * nothing after a miss (nothing was written; the caller goes the full way).
 */
async function appendOnKnownHead(ds: DataSource, spec: AuditTable, entry: PendingAppend, known: ChainHead): Promise<ChainHead | undefined> {
  const at = new Date(Math.max(Date.now(), known.at.getTime()));
  const { rows, head } = chainRows(spec, [entry], { ...known, at });
  // $1 … $n the row in `insertInto` order, then the head's seq and hash.
  const values = [...rows[0], known.seq, known.hash];
  const params = rows[0].map((_, i) => `$${i + 1}`).join(', ');
  const text = `WITH chain_lock AS (SELECT pg_advisory_xact_lock(hashtext('${spec.table}')))
    ${insertInto(spec)} SELECT ${params} FROM chain_lock
     WHERE (SELECT hash FROM ${spec.table} WHERE seq = $${values.length - 1}) = $${values.length}
       AND NOT EXISTS (SELECT 1 FROM ${spec.table} WHERE seq = $1)
    ON CONFLICT (seq) DO NOTHING /* chain of 2^${sizeClass(known.seq)} rows or more */`;
  const result = await withConnection(ds, (client) => queryPrepared(client, text, values));
  return result.rowCount === 1 ? head : undefined;
}

/** The power of two at or below `seq` (0 for an empty chain): the size class `appendOnKnownHead` plans for. */
function sizeClass(seq: number): number {
  return seq < 1 ? 0 : Math.floor(Math.log2(seq));
}

/** An audit value as an SQL literal: strings through pg's `escapeLiteral`, string arrays as `ARRAY[…]::text[]`. */
function sqlLiteral(v: AuditValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`audit value ${v} is not a finite number`);
    return String(v);
  }
  if (v instanceof Date) return `${escapeLiteral(v.toISOString())}::timestamptz`;
  if (Array.isArray(v)) return `ARRAY[${v.map((e) => escapeLiteral(String(e))).join(', ')}]::text[]`;
  return escapeLiteral(v);
}

/**
 * The hash a row of `spec` must carry: the same function the writers use, over the previous row's hash, the
 * row's seq and its content columns as read from the table. It is public on purpose — anyone can recompute a
 * chain; what an attacker who rewrites rows cannot recompute is an anchor signed outside the database.
 */
export function auditRowHash(spec: AuditTable, prevHash: string, seq: number, row: Record<string, unknown>): string {
  return chainHash(
    prevHash,
    seq,
    spec.columns.map((c) => row[c] as AuditValue),
  );
}

/** A signed statement, kept outside the database, that row `seq` of a chain carried `hash` at time `at`. */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** When it was signed (ISO 8601). */
  at: string;
}

export interface ChainReport {
  /** Rows verified (from the start of the walk up to the head, or to the first broken row). */
  rows: number;
  /** The newest row verified: what an anchor may now sign. Absent for an empty table. */
  head?: { seq: number; hash: string };
  /** The newest anchor the chain was found to agree with. */
  anchoredAt?: ChainAnchor;
  /** The first row whose link, hash or anchor does not verify, and why; absent when the chain is intact. */
  firstBroken?: { seq: number; reason: string };
}

export interface VerifyChainOptions {
  /** Anchors of this chain (any order): each anchored seq must still carry its anchored hash, and exist. */
  anchors?: readonly ChainAnchor[];
  /**
   * Walk only the rows after this anchor (whose row must still carry its hash) instead of from seq 1: what the
   * anchoring does each interval, so it never signs a head that does not extend the last one it signed.
   */
  from?: ChainAnchor;
  /** `application_name` of the connection (pg_stat_activity). */
  applicationName?: string;
}

/**
 * Walks the chain in seq order, recomputing every hash and comparing the anchored ones. Detects a row altered
 * in place (its hash no longer matches), a chain rewritten with recomputed hashes (an anchored hash no longer
 * matches), deleted newest rows (an anchor names a seq beyond the last row) and an emptied table (anchors but no
 * rows). Rows appended after the newest anchor are only as good as the chain itself: see docs/access.md.
 */
export async function verifyAuditChain(
  databaseUrl: string,
  spec: AuditTable = AGENCY_AUDIT,
  opts: VerifyChainOptions = {},
): Promise<ChainReport> {
  const client = new Client({ connectionString: databaseUrl, application_name: opts.applicationName });
  await client.connect();
  try {
    return await walkChain(client, spec, opts);
  } finally {
    await client.end();
  }
}

async function walkChain(client: Client, spec: AuditTable, opts: VerifyChainOptions): Promise<ChainReport> {
  const anchors = [...(opts.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  let head: ChainReport['head'];
  let anchoredAt: ChainAnchor | undefined;
  const result = (firstBroken?: ChainReport['firstBroken']): ChainReport => ({
    rows,
    ...(head ? { head } : {}),
    ...(anchoredAt ? { anchoredAt } : {}),
    ...(firstBroken ? { firstBroken } : {}),
  });
  if (opts.from) {
    const { rows: found } = await client.query(`SELECT hash FROM ${spec.table} WHERE seq = $1`, [opts.from.seq]);
    if (!found.length)
      return result({
        seq: opts.from.seq,
        reason: `row ${opts.from.seq}, anchored on ${opts.from.at}, is gone (newest rows deleted, or the table emptied)`,
      });
    if (found[0].hash !== opts.from.hash)
      return result({ seq: opts.from.seq, reason: `hash differs from its anchor of ${opts.from.at} (the chain was rewritten)` });
    prev = opts.from.hash;
    expectedSeq = opts.from.seq + 1;
    head = { seq: opts.from.seq, hash: opts.from.hash };
    anchoredAt = opts.from;
  }
  let next = anchors.findIndex((a) => a.seq >= expectedSeq);
  if (next < 0) next = anchors.length;
  for (;;) {
    const { rows: batch } = await client.query(
      `SELECT seq, ${spec.columns.join(', ')}, prev_hash, hash FROM ${spec.table} WHERE seq >= $1 ORDER BY seq LIMIT 5000`,
      [expectedSeq],
    );
    if (batch.length === 0) break;
    for (const r of batch) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return result({ seq, reason: `row ${expectedSeq} is missing (next is ${seq})` });
      if (r.prev_hash !== prev) return result({ seq, reason: 'prev_hash does not match the previous row' });
      if (auditRowHash(spec, prev, seq, r) !== r.hash) return result({ seq, reason: 'content does not match its hash (altered)' });
      for (; next < anchors.length && anchors[next].seq === seq; next++) {
        const a = anchors[next];
        if (a.hash !== r.hash) {
          const since = anchoredAt ? `after seq ${anchoredAt.seq}, anchored on ${anchoredAt.at}` : 'from the first row';
          return result({
            seq,
            reason: `hash differs from its anchor of ${a.at}: rows were rewritten and the chain recomputed (${since})`,
          });
        }
        anchoredAt = a;
      }
      prev = r.hash;
      head = { seq, hash: r.hash };
      expectedSeq++;
      rows++;
    }
  }
  if (next < anchors.length) {
    const newest = anchors[anchors.length - 1];
    if (!head) return result({ seq: 1, reason: `the table is empty, but seq ${newest.seq} was anchored on ${newest.at} (truncated)` });
    return result({
      seq: head.seq + 1,
      reason: `rows ${head.seq + 1}–${newest.seq} are gone: seq ${newest.seq} was anchored on ${newest.at}, the table ends at seq ${head.seq} (newest rows deleted)`,
    });
  }
  return result();
}
