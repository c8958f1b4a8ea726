import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AGENCY_AUDIT, appendChained, auditRowHash, createDataSource, verifyAuditChain } from '@hub/service-kit';
import { auth, CLI, gql, hubInfo, subgraphUrl } from '../helpers/hub';

const run = promisify(execFile);

/**
 * Every disclosure is in the disclosing agency's audit log, tied to the gateway request id, the
 * caller, the purpose, the entities and the fields; the log refuses changes and `hub audit verify`
 * finds the first row altered behind the trigger's back.
 */
describe('audit log', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const dbUrl = (db: string) => `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/${db}`;
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args, '--data-dir', info.dataDir, '--pg-port', String(info.pgPort)], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });

  async function withDb<T>(db: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: dbUrl(db) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  /**
   * What the audit appends of this process sent to PostgreSQL, read off pg's client (the hub's services are other
   * processes): `full` is the transaction, the chain's lock and the head read; `rows` the INSERT and COMMIT after it;
   * `one` the single statement that locks and inserts onto a known head. `take()` returns what was sent since the last.
   */
  function watchAppends(): { take(): string[]; stop(): void } {
    const spy = jest.spyOn(Client.prototype, 'query');
    return {
      take() {
        const kinds = spy.mock.calls.flatMap(([config]) => {
          const text = typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? '');
          if (text.startsWith('BEGIN; SELECT pg_advisory_xact_lock')) return ['full'];
          if (/^INSERT INTO audit_log .*; COMMIT$/s.test(text)) return ['rows'];
          if (/^WITH chain_lock AS \(SELECT pg_advisory_xact_lock.*INSERT INTO audit_log/s.test(text)) return ['one'];
          return [];
        });
        spy.mockClear();
        return kinds;
      },
      stop: () => spy.mockRestore(),
    };
  }

  /** The content of an agency audit row a test writer appends: `subject` names the test, `id` finds the row again. */
  const testRow = (subject: string, id: string) => ({
    at: null,
    request_id: id,
    subject,
    roles: ['auditor'],
    purpose: 'audit',
    operation: null,
    entity_type: null,
    entity_ids: [],
    fields: [],
    outcome: 'DISCLOSED',
  });

  /** `hub audit verify` finds the agency's audit chain intact. */
  async function expectChainIntact(agency: string): Promise<void> {
    const { stdout } = await cli('audit', 'verify', '--agency', agency);
    expect(stdout).toMatch(new RegExp(`${agency}/audit_log: \\d+ rows, chain intact`));
  }

  /**
   * Appends `content` to civil affairs' chain twice from a new writer: the first time the full way (the writer reads
   * the head; values as literals), the second in one round trip onto the head it wrote (values as parameters).
   */
  async function appendBothWays(name: string, content: Parameters<typeof appendChained>[2]): Promise<void> {
    const writer = createDataSource({ name, url: dbUrl('hub_civil_affairs'), poolSize: 1 });
    await writer.initialize();
    try {
      await appendChained(writer, AGENCY_AUDIT, content);
      await appendChained(writer, AGENCY_AUDIT, content);
    } finally {
      await writer.destroy();
    }
  }

  const requestId = `audit-test-${randomUUID()}`;
  let childIds: string[] = [];

  beforeAll(async () => {
    const res = await gql(info.gateway, '{ roster(first: 5) { nodes { id welfare { name } household { name } } } }', undefined, {
      ...auth('ca-caseworker', '500110', 'case-work'),
      'x-request-id': requestId,
    });
    expect(res.body.errors).toBeUndefined();
    childIds = (res.body.data as { roster: { nodes: { id: string }[] } }).roster.nodes.map((n) => n.id);
    expect(childIds).toHaveLength(5);
  });

  it('civil affairs logged what it disclosed, to whom, why, under the gateway’s request id', async () => {
    const rows = await withDb('hub_civil_affairs', (c) =>
      c.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId]).then((r) => r.rows),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subject: 'demo:ca-caseworker:500110',
      roles: ['ca-caseworker'],
      purpose: 'case-work',
      outcome: 'DISCLOSED',
    });
    expect(rows[0].fields).toEqual(expect.arrayContaining(['WelfareRecord.name', 'Child.welfare']));
    expect(rows[0].entity_ids).toEqual(expect.arrayContaining(childIds.map((id) => `Child:${id}`)));
  });

  it('public security logged its part of the same request', async () => {
    const rows = await withDb('hub_public_security', (c) =>
      c.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId]).then((r) => r.rows),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).toEqual(expect.arrayContaining(['HouseholdRecord.name']));
    expect(rows[0].purpose).toBe('case-work');
    // The children it answered for (entities the gateway asked about by id).
    expect(rows[0].entity_ids).toEqual(expect.arrayContaining(childIds.map((id) => `Child:${id}`)));
  });

  it('names the children disclosed even when the caller did not ask for their ids', async () => {
    const id = `audit-noid-${randomUUID()}`;
    const res = await gql(info.gateway, '{ roster(first: 3) { nodes { welfare { name } } } }', undefined, {
      ...auth('ca-caseworker', '500110', 'case-work'),
      'x-request-id': id,
    });
    expect(res.body.errors).toBeUndefined();
    const rows = await withDb('hub_civil_affairs', (c) =>
      c.query('SELECT * FROM audit_log WHERE request_id = $1', [id]).then((r) => r.rows),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].entity_ids).toHaveLength(3);
    expect(rows[0].entity_ids).toEqual(childIds.slice(0, 3).map((c) => `Child:${c}`));
    expect(rows[0].fields).toEqual(['Child.welfare', 'Query.roster', 'RosterPage.nodes', 'WelfareRecord.name']);
  });

  it('leaves out a field the subgraph itself denied (called directly, without the gateway’s filter)', async () => {
    const id = `audit-denied-${randomUUID()}`;
    // A township supervisor reads the ledger but not custody facts, which the exit checks need.
    const headers = auth('township-supervisor', '500110001', 'case-work');
    const first = await gql<{ roster: { nodes: { id: string }[] } }>(
      subgraphUrl(info, 'civil-affairs'),
      '{ roster(first: 1) { nodes { id } } }',
      undefined,
      headers,
    );
    const child = first.body.data!.roster.nodes[0].id;
    const res = await gql(
      subgraphUrl(info, 'civil-affairs'),
      `query($c: ID!) { a: child(id: $c) { welfare { name } } b: child(id: $c) { exitChecks { rule } } }`,
      { c: child },
      { ...headers, 'x-request-id': id },
    );
    expect((res.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['b.exitChecks', 'UNAUTHORIZED_FIELD_OR_TYPE'],
    ]);
    const rows = await withDb('hub_civil_affairs', (c) =>
      c.query('SELECT * FROM audit_log WHERE request_id = $1', [id]).then((r) => r.rows),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).toEqual(['Child.welfare', 'Query.child', 'WelfareRecord.name']);
    expect(rows[0].entity_ids).toEqual([`Child:${child}`]);
  });

  it('the gateway logged the operation in its own database: caller, purpose, operation hash, fields', async () => {
    const rows = await withDb('hub_gateway', (c) =>
      c.query('SELECT * FROM gateway_audit_log WHERE request_id = $1', [requestId]).then((r) => r.rows),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: 'demo:ca-caseworker:500110', purpose: 'case-work', outcome: 'ALLOWED', fields_denied: [] });
    expect(rows[0].fields_requested).toEqual(expect.arrayContaining(['Query.roster', 'WelfareRecord.name', 'HouseholdRecord.name']));
    expect(rows[0].operation_hash).toMatch(/^[0-9a-f]{64}$/);
    await withDb('hub_gateway', async (c) => {
      await expect(c.query(`DELETE FROM gateway_audit_log WHERE request_id = $1`, [requestId])).rejects.toThrow(/append-only/);
    });
  });

  it('refuses UPDATE and DELETE', async () => {
    await withDb('hub_civil_affairs', async (c) => {
      await expect(c.query(`UPDATE audit_log SET purpose = 'audit' WHERE request_id = $1`, [requestId])).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM audit_log WHERE request_id = $1`, [requestId])).rejects.toThrow(/append-only/);
    });
  });

  it('concurrent requests each get their own row, group-committed into one unforked chain', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `audit-burst-${i}-${randomUUID()}`);
    const answers = await Promise.all(
      ids.map((id) =>
        gql(info.gateway, '{ roster(first: 3) { nodes { id welfare { name } } } }', undefined, {
          ...auth('ca-caseworker', '500110', 'case-work'),
          'x-request-id': id,
        }),
      ),
    );
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    const rows = await withDb('hub_civil_affairs', (c) =>
      c
        .query('SELECT seq, at, request_id FROM audit_log WHERE request_id = ANY($1) ORDER BY seq', [ids])
        .then((r) => r.rows as { seq: string; at: Date; request_id: string }[]),
    );
    expect(rows.map((r) => r.request_id).sort()).toEqual([...ids].sort());
    // Time follows the chain's order (taken inside the lock), and no seq is taken twice.
    for (let i = 1; i < rows.length; i++) {
      expect(Number(rows[i].seq)).toBeGreaterThan(Number(rows[i - 1].seq));
      expect(rows[i].at.getTime()).toBeGreaterThanOrEqual(rows[i - 1].at.getTime());
    }
    await expectChainIntact('civil-affairs');
  });

  it('two writers of one chain (two processes of a service) append at once: one unforked chain, in time order', async () => {
    // Two writers (two processes of one service) and the running civil-affairs service append to one chain, at once
    // and one after another; each writer appends again as soon as its last append resolves. That once waited for
    // ever: the end of a flush was noted a turn late, after the caller had queued its next entry behind it.
    const writers = [0, 1].map((i) => createDataSource({ name: `audit-writer-${i}`, url: dbUrl('hub_civil_affairs') }));
    await Promise.all(writers.map((w) => w.initialize()));
    const ids = Array.from({ length: 40 }, (_, i) => `audit-writers-${i}-${randomUUID()}`);
    const row = (id: string) => testRow('test:writer', id);
    try {
      for (let i = 0; i < ids.length; i += 4) {
        await Promise.all([appendChained(writers[0], AGENCY_AUDIT, row(ids[i])), appendChained(writers[1], AGENCY_AUDIT, row(ids[i + 1]))]);
        await appendChained(writers[i % 8 === 0 ? 0 : 1], AGENCY_AUDIT, row(ids[i + 2]));
        await gql(info.gateway, '{ roster(first: 1) { nodes { id } } }', undefined, auth('ca-caseworker', '500110', 'case-work'));
        await appendChained(writers[0], AGENCY_AUDIT, row(ids[i + 3]));
      }
    } finally {
      await Promise.all(writers.map((w) => w.destroy()));
    }
    const rows = await withDb('hub_civil_affairs', (c) =>
      c
        .query('SELECT seq, at, request_id FROM audit_log WHERE request_id = ANY($1) ORDER BY seq', [ids])
        .then((r) => r.rows as { seq: string; at: Date }[]),
    );
    expect(rows).toHaveLength(ids.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i].at.getTime()).toBeGreaterThanOrEqual(rows[i - 1].at.getTime());
    const all = await withDb('hub_civil_affairs', (c) =>
      c
        .query('SELECT count(*)::int AS n, max(seq)::int AS top, min(seq)::int AS bottom FROM audit_log')
        .then((r) => r.rows[0] as { n: number; top: number; bottom: number }),
    );
    // No seq skipped or taken twice, whoever wrote it.
    expect(all.top - all.bottom + 1).toBe(all.n);
    await expectChainIntact('civil-affairs');
  });

  it('a writer that wrote the newest row appends the next in one round trip; after another writer moved the head, the full way', async () => {
    const writers = [0, 1].map((i) => createDataSource({ name: `audit-head-${i}`, url: dbUrl('hub_disabled_persons'), poolSize: 1 }));
    await Promise.all(writers.map((w) => w.initialize()));
    const ids = Array.from({ length: 7 }, (_, i) => `audit-head-${i}-${randomUUID()}`);
    const row = (id: string) => testRow('test:head', id);
    const watch = watchAppends();
    const steps: string[][] = [];
    const append = async (writer: number, id: string) => {
      await appendChained(writers[writer], AGENCY_AUDIT, row(id));
      steps.push(watch.take());
    };
    try {
      await append(0, ids[0]); // a writer new to the chain reads its head
      await append(0, ids[1]); // and then knows it
      await append(0, ids[2]);
      await append(1, ids[3]); // the other writer moves the head
      await append(0, ids[4]); // the guarded INSERT inserts nothing, and the row goes the full way
      await append(0, ids[5]); // for the next batches, too (FULL_WAY_AFTER_MISS)
      await append(1, ids[6]); // the other writer's head is two rows old: it misses too
    } finally {
      watch.stop();
      await Promise.all(writers.map((w) => w.destroy()));
    }
    expect(steps).toEqual([
      ['full', 'rows'],
      ['one'],
      ['one'],
      ['full', 'rows'],
      ['one', 'full', 'rows'],
      ['full', 'rows'],
      ['one', 'full', 'rows'],
    ]);
    const rows = await withDb('hub_disabled_persons', (c) =>
      c
        .query('SELECT seq::int, at, request_id FROM audit_log WHERE request_id = ANY($1) ORDER BY seq', [ids])
        .then((r) => r.rows as { seq: number; at: Date; request_id: string }[]),
    );
    // Each row once, in the order appended, on consecutive seqs (nothing else writes the disabled persons' federation's chain meanwhile),
    // and in time order although the one-round-trip rows take the service's clock and the others the database's.
    expect(rows.map((r) => r.request_id)).toEqual(ids);
    expect(rows.map((r) => r.seq - rows[0].seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].at.getTime()).toBeGreaterThanOrEqual(rows[i - 1].at.getTime());
    await expectChainIntact('disabled-persons');
  });

  it('the one-round-trip append keeps its plan, and as the chain grows the kept plan reads the head by the primary key', async () => {
    // A scratch chain with the agency table's columns, analysed while it holds three rows and never again: a plan made
    // then reads the head's row by scanning the table's one page. Kept for ever, that scan would grow with the chain;
    // the statement names the chain's size class, so at 1,024 rows it is planned afresh and takes the primary key.
    // The spec's table names are a closed list (they go into SQL); a scratch table is the one exception, made here.
    const spec = { ...AGENCY_AUDIT, table: `audit_plan_${randomUUID().slice(0, 8)}` } as unknown as typeof AGENCY_AUDIT;
    const writer = createDataSource({ name: 'audit-plan', url: dbUrl('hub_disabled_persons'), poolSize: 1 });
    try {
      await withDb('hub_disabled_persons', (c) =>
        c.query(`CREATE TABLE ${spec.table} (LIKE audit_log INCLUDING ALL) WITH (autovacuum_enabled = off)`),
      );
      await writer.initialize();
      for (let i = 0; i < 3; i++) await appendChained(writer, spec, testRow('test:plan', `audit-plan-${i}`));
      await writer.query(`ANALYZE ${spec.table}`);
      for (let i = 3; i < 1040; i++) await appendChained(writer, spec, testRow('test:plan', `audit-plan-${i}`));
      // One connection, so the writer's statements are on the connection this reads from.
      const kept = (await writer.query(
        `SELECT name, statement, generic_plans FROM pg_prepared_statements WHERE statement LIKE '%chain_lock%${spec.table}%'`,
      )) as { name: string; statement: string; generic_plans: string }[];
      const small = kept.find((k) => k.statement.includes('2^3 rows'));
      const current = kept.find((k) => k.statement.includes('2^10 rows'));
      expect(small && Number(small.generic_plans)).toBeGreaterThan(0);
      expect(current && Number(current.generic_plans)).toBeGreaterThan(0);
      const planOf = async (name: string) => {
        const nulls = Array.from({ length: AGENCY_AUDIT.columns.length + 5 }, () => 'NULL').join(', ');
        const rows = (await writer.query(`EXPLAIN EXECUTE ${name}(${nulls})`)) as { 'QUERY PLAN': string }[];
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      // The plan made at 13 rows (one page) scans; the one in use now does not.
      expect(await planOf(small!.name)).toMatch(new RegExp(`Seq Scan on ${spec.table}`));
      const plan = await planOf(current!.name);
      expect(plan).toMatch(new RegExp(`Index Scan using ${spec.table}_pkey on ${spec.table}`));
      expect(plan).not.toMatch(/Seq Scan/);
      // A row naming many fields (a profile request's gateway row names dozens) uses the same kept plan: the pool's rule
      // that sends a statement carrying a long array unnamed is for lookups, whose plan depends on the array's length.
      const genericPlans = async () =>
        Number(
          (
            (await writer.query(`SELECT generic_plans FROM pg_prepared_statements WHERE name = $1`, [current!.name])) as {
              generic_plans: string;
            }[]
          )[0].generic_plans,
        );
      const before = await genericPlans();
      const fields = Array.from({ length: 40 }, (_, i) => `Child.field${i}`);
      await appendChained(writer, spec, { ...testRow('test:plan', 'audit-plan-fields'), fields });
      expect(await genericPlans()).toBe(before + 1);
      // The whole scratch chain verifies as `hub audit verify` walks a chain: every seq once, every link and hash.
      const report = await verifyAuditChain(dbUrl('hub_disabled_persons'), spec);
      expect(report.firstBroken).toBeUndefined();
      expect(report).toMatchObject({ rows: 1041, head: { seq: 1041 } });
    } finally {
      if (writer.isInitialized) await writer.destroy();
      await withDb('hub_disabled_persons', (c) => c.query(`DROP TABLE IF EXISTS ${spec.table}`));
    }
  });

  it('a writer whose known head another writer extends while it waits for the lock inserts nothing, and goes the full way', async () => {
    // The one-round-trip statement reads the head under a snapshot taken before it waits for the chain's lock. Another
    // writer holds the lock and commits the next row meanwhile: the row's seq collides with that writer's in the primary
    // key, and the append goes the full way instead of failing or forking the chain.
    const writer = createDataSource({ name: 'audit-race', url: dbUrl('hub_disabled_persons'), poolSize: 1 });
    await writer.initialize();
    const other = new Client({ connectionString: dbUrl('hub_disabled_persons') });
    await other.connect();
    const ids = Array.from({ length: 3 }, (_, i) => `audit-race-${i}-${randomUUID()}`);
    const content = (id: string) => testRow('test:race', id);
    const watch = watchAppends();
    let steps: string[] | undefined;
    try {
      await appendChained(writer, AGENCY_AUDIT, content(ids[0])); // the writer now knows the head
      watch.take();
      // The other writer takes the lock and appends a correctly chained row, not yet committed.
      await other.query('begin');
      await other.query(`select pg_advisory_xact_lock(hashtext('audit_log'))`);
      const head = (await other.query('select seq::int, hash, at from audit_log order by seq desc limit 1')).rows[0] as {
        seq: number;
        hash: string;
        at: Date;
      };
      const at = new Date(head.at.getTime() + 1);
      const theirs = { ...content(ids[1]), at, seq: head.seq + 1 };
      await other.query(
        `insert into audit_log (seq, ${AGENCY_AUDIT.columns.join(', ')}, prev_hash, hash) values (${Array.from(
          { length: AGENCY_AUDIT.columns.length + 3 },
          (_, i) => `$${i + 1}`,
        ).join(', ')})`,
        [
          theirs.seq,
          ...AGENCY_AUDIT.columns.map((c) => (theirs as Record<string, unknown>)[c]),
          head.hash,
          auditRowHash(AGENCY_AUDIT, head.hash, theirs.seq, theirs),
        ],
      );
      const pending = appendChained(writer, AGENCY_AUDIT, content(ids[2]));
      // Commit only once the writer's statement waits for the lock, its snapshot taken. Within 10 s, and not if the
      // append ended first: either throws, and `finally` ends the other transaction, which holds the chain's lock.
      let settled = false;
      pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      const deadline = Date.now() + 10_000;
      for (let waiting = false; !waiting;) {
        if (settled) throw new Error('the append ended before it waited for the chain lock');
        if (Date.now() > deadline) throw new Error('the append did not wait for the chain lock within 10 s');
        const r = await withDb('hub_disabled_persons', (c) =>
          c.query(
            `select 1 from pg_stat_activity where application_name = 'hub-audit-race' and wait_event_type = 'Lock' and wait_event = 'advisory'`,
          ),
        );
        waiting = r.rowCount === 1;
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      await other.query('commit');
      await pending;
      steps = watch.take();
    } finally {
      watch.stop();
      await other.end();
      await writer.destroy();
    }
    expect(steps).toEqual(['one', 'full', 'rows']);
    const rows = await withDb('hub_disabled_persons', (c) =>
      c
        .query('SELECT seq::int, request_id FROM audit_log WHERE request_id = ANY($1) ORDER BY seq', [ids])
        .then((r) => r.rows as { seq: number; request_id: string }[]),
    );
    expect(rows.map((r) => r.request_id)).toEqual(ids);
    expect(rows.map((r) => r.seq - rows[0].seq)).toEqual([0, 1, 2]);
    await expectChainIntact('disabled-persons');
  });

  it('a row with quotes, backslashes, other scripts, empty and absent values is stored as given and chains', async () => {
    const id = `audit-awkward-${randomUUID()}`;
    const content = {
      ...testRow(`oidc:O'Brien\\"; DROP TABLE audit_log; --`, id),
      roles: ["it's", 'back\\slash', '王小明', ''],
      operation: "E'\\x41' $$ $1 \n second line",
      fields: ['Child.id'],
    };
    await appendBothWays('audit-awkward', content);
    const rows = await withDb('hub_civil_affairs', (c) =>
      c
        .query('SELECT subject, roles, operation, entity_type, entity_ids, fields FROM audit_log WHERE request_id = $1', [id])
        .then((r) => r.rows),
    );
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toEqual({
        subject: content.subject,
        roles: content.roles,
        operation: content.operation,
        entity_type: null,
        entity_ids: [],
        fields: ['Child.id'],
      });
    await expectChainIntact('civil-affairs');
  });

  it('a value with a lone UTF-16 surrogate is stored as UTF-8 can carry it, and its row still verifies', async () => {
    // UTF-8 cannot carry a lone surrogate: the value is stored with U+FFFD in its place, and the hash is taken over what
    // is stored, or `audit verify` would take the row for one altered behind the trigger.
    const id = `audit-surrogate-${randomUUID()}`;
    const content = { ...testRow('oidc:half\uD800pair', id), roles: ['\uDC00', '😀 whole pair'] };
    await appendBothWays('audit-surrogate', content);
    const rows = await withDb('hub_civil_affairs', (c) =>
      c.query('SELECT subject, roles FROM audit_log WHERE request_id = $1', [id]).then((r) => r.rows),
    );
    expect(rows).toEqual([
      { subject: 'oidc:half\uFFFDpair', roles: ['\uFFFD', '😀 whole pair'] },
      { subject: 'oidc:half\uFFFDpair', roles: ['\uFFFD', '😀 whole pair'] },
    ]);
    await expectChainIntact('civil-affairs');
  });

  it('audit verify proves every chain, and pinpoints a row altered behind the trigger', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.stdout).toMatch(/civil-affairs\/audit_log: \d+ rows, chain intact/);
    expect(ok.stdout).toMatch(/gateway\/gateway_audit_log: [1-9]\d* rows, chain intact/);
    expect(ok.stdout).not.toContain('BROKEN');

    // Only a superuser can do this (no service role may: database-roles.test.ts); the chain still gives it away.
    const alter = (purpose: string) =>
      withDb('hub_civil_affairs', async (c) => {
        const { rows } = await c.query('SELECT seq FROM audit_log WHERE request_id = $1', [requestId]);
        await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
        await c.query(`UPDATE audit_log SET purpose = $2 WHERE seq = $1`, [rows[0].seq, purpose]);
        await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
        return Number(rows[0].seq);
      });
    const seq = await alter('audit');
    try {
      await expect(cli('audit', 'verify', '--agency', 'civil-affairs')).rejects.toMatchObject({
        code: 1,
        stdout: expect.stringContaining(`civil-affairs/audit_log: BROKEN at seq ${seq}: content does not match its hash (altered)`),
      });
    } finally {
      await alter('case-work'); // back as it was: the suites share one hub
    }
    expect((await cli('audit', 'verify', '--agency', 'civil-affairs')).stdout).toContain('chain intact');
  });
});
