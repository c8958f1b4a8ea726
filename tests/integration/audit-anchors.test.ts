import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AGENCY_AUDIT, auditRowHash, verifyAuditChain } from '@hub/service-kit';
import { CLI, gql, hubInfo, SUPERVISOR } from '../helpers/hub';

const run = promisify(execFile);

/**
 * Anchored audit chains, one tamper test per kind, through the test hub's real databases: the test plays an
 * attacker holding the PostgreSQL superuser, who can get past the append-only trigger
 * (`session_replication_role = replica`) and knows the hash function. After at least one anchor exists,
 * `hub audit verify` must exit 1 naming the chain, the row and what happened: a row altered in place, a chain
 * rewritten with recomputed hashes, its newest rows deleted, the table truncated. Each test puts the table
 * back exactly as it was afterwards (the suites share one hub).
 */
describe('anchored audit chains', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as {
    postgresPassword: string;
    databaseRoles: Record<string, string>;
  };
  const superuser = (db: string) => `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/${db}`;
  const anchorFile = (chain: string) => join(info.dataDir, 'audit-anchors', `${chain.replace('/', '.')}.jsonl`);
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args, '--data-dir', info.dataDir, '--pg-port', String(info.pgPort)], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });

  /** The chain's newest row, and the newest anchor's seq (which `audit anchor --once` has just brought up to it). */
  async function anchoredHead(db: string, chain: string): Promise<number> {
    const { stdout } = await cli('audit', 'anchor', '--once');
    expect(stdout).toMatch(new RegExp(`${chain}: (anchored|unchanged since) seq \\d+`));
    const head = await withDb(db, (c) => c.query('SELECT max(seq)::int AS head FROM audit_log').then((r) => r.rows[0].head as number));
    const lines = readFileSync(anchorFile(chain), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]).seq).toBe(head);
    expect(head).toBeGreaterThanOrEqual(3);
    return head;
  }

  async function withDb<T>(db: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: superuser(db) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  /**
   * The attack, as a superuser behind the trigger's back, then the check; afterwards the table is put back
   * exactly as it was (from a copy taken first), so the other suites find an intact chain.
   */
  async function tamper(db: string, attack: (c: Client) => Promise<void>, check: () => Promise<void>): Promise<void> {
    const c = new Client({ connectionString: superuser(db) });
    await c.connect();
    try {
      await c.query('CREATE TEMP TABLE original AS SELECT * FROM audit_log');
      await c.query('SET session_replication_role = replica'); // what the issue measured: the trigger no longer fires
      await attack(c);
      await c.query('SET session_replication_role = DEFAULT');
      await check();
    } finally {
      await c.query('SET session_replication_role = replica');
      await c.query('DELETE FROM audit_log');
      await c.query('INSERT INTO audit_log SELECT * FROM original');
      await c.query('SET session_replication_role = DEFAULT');
      await c.end();
    }
  }

  const expectBroken = (agency: string, text: string | RegExp) =>
    expect(cli('audit', 'verify', '--agency', agency)).rejects.toMatchObject({
      code: 1,
      stdout: typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text),
    });

  beforeAll(async () => {
    // A few requests that every agency answers: each logs a row per request.
    for (let i = 0; i < 3; i++) {
      const res = await gql(
        info.gateway,
        `{ roster(first: 40) { nodes { id welfare { name } household { name } enrolments { status } immunization { dosesDue }
             insuranceEnrolments { year } disabilityCertificates { type } } } }`,
        undefined,
        { ...SUPERVISOR(), 'x-request-id': `anchors-${i}-${randomUUID()}` },
      );
      expect(res.body.errors).toBeUndefined();
    }
  });

  it('hub start signs every chain’s head on its own, with a key kept out of the database (mode 0600)', async () => {
    const head = await withDb('hub_gateway', (c) =>
      c.query('SELECT max(seq)::int AS head FROM gateway_audit_log').then((r) => r.rows[0].head as number),
    );
    // The test hub anchors every 2 s (HUB_AUDIT_ANCHOR_SECONDS in the global setup).
    const deadline = Date.now() + 15_000;
    let newest = 0;
    while (Date.now() < deadline && newest < head) {
      await new Promise((r) => setTimeout(r, 250));
      const file = anchorFile('gateway/gateway_audit_log');
      if (existsSync(file))
        newest = Math.max(
          ...readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l).seq as number),
        );
    }
    expect(newest).toBeGreaterThanOrEqual(head);
    expect(statSync(join(info.dataDir, 'audit-anchor-key.json')).mode & 0o777).toBe(0o600);
    const line = JSON.parse(readFileSync(anchorFile('gateway/gateway_audit_log'), 'utf8').trim().split('\n')[0]);
    expect(Object.keys(line).sort()).toEqual(['at', 'chain', 'hash', 'kid', 'seq', 'sig']);
  });

  it('an untouched chain verifies, up to its newest anchor', async () => {
    await anchoredHead('hub_public_security', 'public-security/audit_log');
    const { stdout } = await cli('audit', 'verify', '--agency', 'public-security');
    expect(stdout).toMatch(/public-security\/audit_log: \d+ rows, chain intact, anchored up to seq \d+/);
    const gateway = await cli('audit', 'verify', '--agency', 'gateway');
    expect(gateway.stdout).toMatch(/gateway\/gateway_audit_log: [1-9]\d* rows, chain intact, anchored up to seq [1-9]\d*/);
  });

  it('altered: a row changed in place no longer matches its hash', async () => {
    const head = await anchoredHead('hub_education', 'education/audit_log');
    const seq = head - 1;
    await tamper(
      'hub_education',
      (c) => c.query(`UPDATE audit_log SET purpose = 'audit' WHERE seq = $1`, [seq]).then(() => undefined),
      () => expectBroken('education', `education/audit_log: BROKEN at seq ${seq}: content does not match its hash (altered)`),
    );
  });

  it('recomputed: a rewritten chain with every hash recomputed verifies alone, but not against its anchor', async () => {
    const head = await anchoredHead('hub_health', 'health/audit_log');
    const from = head - 1;
    await tamper(
      'hub_health',
      async (c) => {
        // Rewrite row `from` and recompute the hashes from it to the head with the exported hash function.
        const { rows } = await c.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq', [from - 1]);
        let prev = rows[0].hash as string;
        for (const row of rows.slice(1)) {
          if (Number(row.seq) === from) row.purpose = 'audit';
          const hash = auditRowHash(AGENCY_AUDIT, prev, Number(row.seq), row);
          await c.query('UPDATE audit_log SET purpose = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [row.seq, row.purpose, prev, hash]);
          prev = hash;
        }
      },
      async () => {
        // Without its anchors the chain is internally consistent: what `audit verify` said before anchoring.
        expect((await verifyAuditChain(superuser('hub_health'), AGENCY_AUDIT)).firstBroken).toBeUndefined();
        // The first anchor on a rewritten row: the head's, or row `from`'s when the hub's own anchor timer (every
        // HUB_AUDIT_ANCHOR_SECONDS) happened to sign the chain while `from` was its head.
        const anchored = readFileSync(anchorFile('health/audit_log'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { seq: number }).seq);
        const first = Math.min(...anchored.filter((seq) => seq >= from));
        expect([from, head]).toContain(first);
        await expectBroken(
          'health',
          new RegExp(
            `health/audit_log: BROKEN at seq ${first}: hash differs from its anchor of \\S+: rows were rewritten and the chain recomputed`,
          ),
        );
      },
    );
  });

  it('newest deleted: the newest anchored rows are gone', async () => {
    const head = await anchoredHead('hub_medical_insurance', 'medical-insurance/audit_log');
    await tamper(
      'hub_medical_insurance',
      (c) => c.query('DELETE FROM audit_log WHERE seq >= $1', [head - 1]).then(() => undefined),
      () =>
        expectBroken(
          'medical-insurance',
          new RegExp(
            `medical-insurance/audit_log: BROKEN at seq ${head - 1}: rows ${head - 1}–${head} are gone: seq ${head} was anchored on \\S+, the table ends at seq ${head - 2} \\(newest rows deleted\\)`,
          ),
        ),
    );
  });

  it('truncated: the table is empty, but its anchors are not', async () => {
    const head = await anchoredHead('hub_disabled_persons', 'disabled-persons/audit_log');
    await tamper(
      'hub_disabled_persons',
      (c) => c.query('TRUNCATE audit_log').then(() => undefined),
      () =>
        expectBroken(
          'disabled-persons',
          new RegExp(
            `disabled-persons/audit_log: BROKEN at seq 1: the table is empty, but seq ${head} was anchored on \\S+ \\(truncated\\)`,
          ),
        ),
    );
  });

  it('an anchor line altered in its file no longer verifies: anchors cannot be forged without the key', async () => {
    await anchoredHead('hub_public_security', 'public-security/audit_log');
    const file = anchorFile('public-security/audit_log');
    const original = readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');
    const forged = { ...JSON.parse(lines[lines.length - 1]), hash: 'f'.repeat(64) };
    try {
      writeFileSync(file, [...lines.slice(0, -1), JSON.stringify(forged)].join('\n') + '\n');
      await expectBroken('public-security', `line ${lines.length}: its signature does not verify (altered or forged)`);
    } finally {
      writeFileSync(file, original);
    }
    const { stdout } = await cli('audit', 'verify', '--agency', 'public-security');
    expect(stdout).toContain('chain intact');
  });

  it('afterwards every chain verifies against all its anchors: the hub’s anchoring signed none of the tampered states', async () => {
    await new Promise((r) => setTimeout(r, 5000)); // more than two of the test hub's anchoring rounds
    const { stdout } = await cli('audit', 'verify');
    expect(stdout).not.toContain('BROKEN');
    for (const chain of ['education/audit_log', 'health/audit_log', 'medical-insurance/audit_log', 'disabled-persons/audit_log'])
      expect(stdout).toMatch(new RegExp(`${chain}: \\d+ rows, chain intact, anchored up to seq \\d+`));
  });
});
