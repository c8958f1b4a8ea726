import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { minorsBornOnOrAfter, reconcile, type RunRecord } from '@hub/jobs';
import { AGENCIES, ROLES, ALL_RULES } from '@hub/domain';
import { expectedOutcome, readGroundTruth, type GroundTruthChild } from '@hub/population';
import {
  allPages,
  auth,
  CLI,
  freePort,
  gatewayIdentityToken,
  gql,
  hubInfo,
  quietLogger,
  RECONCILIATION,
  ROOT,
  subgraphUrl,
  TEST_POPULATION,
} from '../helpers/hub';
import { scheduleReconciliation } from '@hub/cli/schedule';

const run = promisify(execFile);

/**
 * The nightly job end to end, against the test hub: findings equal the ground truth; a second run changes
 * nothing; fixing a record resolves its finding; a job killed with SIGKILL and resumed ends with the same
 * findings as an uninterrupted run (and holds its lock meanwhile); an agency down gives PARTIAL and leaves
 * that agency's findings untouched.
 */
const info = hubInfo();
const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
const CA = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_civil_affairs`;
const logger = quietLogger();

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: CA });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const reset = () => sql('TRUNCATE finding, reconciliation_page, reconciliation_run');
const snapshot = () =>
  sql<{ rule: string; child_id: string; status: string; first_seen_on: string; last_seen_on: string; reason: string; updated_at: Date }>(
    'SELECT rule, child_id, status, first_seen_on::text, last_seen_on::text, reason, updated_at FROM finding ORDER BY rule, child_id',
  );
const recon = () => RECONCILIATION().authorization.replace('Bearer ', '');
const job = (extra: Partial<Parameters<typeof reconcile>[0]> = {}) =>
  reconcile({
    gateway: info.gateway,
    token: recon(),
    logger,
    asOf: TEST_POPULATION.asOf,
    region: TEST_POPULATION.region,
    pageSize: 100,
    concurrency: 3,
    ...extra,
  });

async function groundTruthFlagged(): Promise<string[]> {
  const out: string[] = [];
  for await (const item of readGroundTruth(join(info.dataDir, 'ground-truth.jsonl.gz'))) {
    if ((item as { type?: string }).type === 'header') continue;
    const child = item as GroundTruthChild;
    for (const rule of ALL_RULES) if (expectedOutcome(child, rule) === 'FLAGGED') out.push(`${rule}|${child.id}`);
  }
  return out.sort();
}

describe('reconciliation job', () => {
  let first: Awaited<ReturnType<typeof snapshot>>;
  let firstRun: RunRecord;

  beforeAll(reset);
  afterAll(reset);

  it('a run over the seeded population opens exactly the ground truth’s findings', async () => {
    firstRun = await job();
    expect(firstRun.status).toBe('COMPLETED');
    first = await snapshot();
    expect(first.map((f) => `${f.rule}|${f.child_id}`)).toEqual(await groundTruthFlagged());
    expect(first.every((f) => f.status === 'OPEN' && f.first_seen_on === TEST_POPULATION.asOf)).toBe(true);
    const flagged = firstRun.counts.reduce((n, c) => n + c.flagged, 0);
    expect(flagged).toBe(first.length);
  }, 300_000);

  it('pages the work-list by last seen (newest first) with keyset cursors: page by page equals all at once', async () => {
    // Make the dates differ: two findings seen later than the rest.
    const q = `query($after: String, $first: Int!) { findings(first: $first, after: $after, orderBy: LAST_SEEN_DESC) { nodes { rule childId lastSeenOn } pageInfo { endCursor hasNextPage } } }`;
    type P = {
      findings: {
        nodes: { rule: string; childId: string; lastSeenOn: string }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const [a, b] = first.slice(-2);
    await sql(`UPDATE finding SET last_seen_on = '2025-09-05' WHERE (rule, child_id) IN (($1, $2), ($3, $4))`, [
      a.rule,
      a.child_id,
      b.rule,
      b.child_id,
    ]);
    try {
      const all = (await gql<P>(info.gateway, q, { first: 5000, after: null }, RECONCILIATION())).body.data!.findings.nodes;
      expect(all.slice(0, 2).map((n) => n.lastSeenOn)).toEqual(['2025-09-05', '2025-09-05']);
      const paged: P['findings']['nodes'] = [];
      let after: string | null = null;
      for (;;) {
        const r: { body: { data?: P } } = await gql<P>(info.gateway, q, { first: 7, after }, RECONCILIATION());
        paged.push(...r.body.data!.findings.nodes);
        if (!r.body.data!.findings.pageInfo.hasNextPage) break;
        after = r.body.data!.findings.pageInfo.endCursor;
      }
      expect(paged).toEqual(all);
      expect(all).toHaveLength(first.length);
    } finally {
      await sql(`UPDATE finding SET last_seen_on = $5 WHERE (rule, child_id) IN (($1, $2), ($3, $4))`, [
        a.rule,
        a.child_id,
        b.rule,
        b.child_id,
        TEST_POPULATION.asOf,
      ]);
    }
  });

  it('running the same night again changes nothing', async () => {
    const again = await job();
    expect(again.status).toBe('COMPLETED');
    expect(await snapshot()).toEqual(first);
  }, 300_000);

  it('fixing a record in an agency database and running again resolves its finding, with the date', async () => {
    const target = first.find((f) => f.rule === 'CARE-NO-AGREEMENT')!;
    expect(target).toBeDefined();
    await sql(
      `INSERT INTO care_agreement (child_id, caregiver_name, caregiver_relation, signed_on, valid_until) VALUES ($1, '测试照护人', '祖父母', '2025-06-01', NULL)`,
      [target.child_id],
    );
    try {
      const next = await job();
      const after = await snapshot();
      const fixed = after.find((f) => f.rule === target.rule && f.child_id === target.child_id)!;
      expect(fixed.status).toBe('RESOLVED');
      const row = (
        await sql<{ resolved_on: string; resolved_by_run: string }>(
          'SELECT resolved_on::text, resolved_by_run::text FROM finding WHERE rule = $1 AND child_id = $2',
          [target.rule, target.child_id],
        )
      )[0];
      expect(row).toEqual({ resolved_on: TEST_POPULATION.asOf, resolved_by_run: next.id });
      // Nothing else changed.
      expect(after.filter((f) => f !== fixed && !(f.rule === target.rule && f.child_id === target.child_id))).toEqual(
        first.filter((f) => f !== target),
      );
    } finally {
      await sql(`DELETE FROM care_agreement WHERE child_id = $1 AND caregiver_name = '测试照护人'`, [target.child_id]);
    }
  }, 300_000);

  it('killed with SIGKILL mid-run: the lock holds, --resume continues, and the findings equal an uninterrupted run’s', async () => {
    await reset();
    const child = spawn(
      process.execPath,
      [
        CLI,
        'reconcile',
        '--gateway',
        info.gateway,
        '--as-of',
        TEST_POPULATION.asOf,
        '--region',
        TEST_POPULATION.region,
        '--page-size',
        '40',
        '--concurrency',
        '2',
        '--data-dir',
        info.dataDir,
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
    );
    // Kill it once a few pages are recorded.
    let runId = '';
    for (let i = 0; i < 600 && !runId; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await sql<{ id: string; pages_done: number }>('SELECT id, pages_done FROM reconciliation_run');
      if (rows[0]?.pages_done >= 3) runId = rows[0].id;
    }
    expect(runId).not.toBe('');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const dead = (
      await sql<{ status: string; pages_done: number }>('SELECT status, pages_done FROM reconciliation_run WHERE id = $1', [runId])
    )[0];
    expect(dead.status).toBe('RUNNING');

    // Its lock survives its death: a new run is refused while the heartbeat is fresh.
    const refused = await job().then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/已有核查任务在运行/);

    const resumed = await run(
      process.execPath,
      [CLI, 'reconcile', '--gateway', info.gateway, '--resume', runId, '--data-dir', info.dataDir],
      { env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    expect(resumed.stdout).toContain(`reconciliation ${runId}: COMPLETED`);
    const after = await snapshot();
    expect(after.map(({ updated_at: _u, ...f }) => f)).toEqual(first.map(({ updated_at: _u, ...f }) => f));
    // Counted once, however many pages were evaluated twice.
    const counts = await gql<{ reconciliationRun: RunRecord }>(
      info.gateway,
      `query($id: ID!) { reconciliationRun(id: $id) { counts { rule flagged clear inconclusive } children } }`,
      { id: runId },
      RECONCILIATION(),
    );
    expect(counts.body.data!.reconciliationRun.counts.map((c) => [c.rule, c.flagged, c.clear, c.inconclusive])).toEqual(
      firstRun.counts.map((c) => [c.rule, c.flagged, c.clear, c.inconclusive]),
    );
    // The report is there and reads back: a summary sheet and a sheet per rule family with Chinese headers.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(info.dataDir, 'reports', `${runId}.xlsx`));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '应退未退',
      '疑似保障对象',
      '控辍保学',
      '流动儿童核验',
      '留守关爱',
      '发现预警',
    ]);
    const care = wb.getWorksheet('留守关爱')!;
    expect(care.getRow(1).getCell(2).value).toBe('规则编号');
    expect(care.rowCount - 1).toBe(after.filter((f) => f.rule.startsWith('CARE-') && f.rule !== 'CARE-UNREGISTERED-LEFT-BEHIND').length);
    const summary = JSON.parse(readFileSync(join(info.dataDir, 'reports', `${runId}.json`), 'utf8')) as { findings: { new: number } };
    expect(summary.findings.new).toBe(after.length);

    // Downloadable through the hub, to those who may read findings, and to nobody else.
    const reportUrl = `${info.portal}/reports/${runId}.xlsx`;
    const ok = await fetch(reportUrl, { headers: RECONCILIATION() });
    expect(ok.status).toBe(200);
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await fetch(reportUrl)).status).toBe(401);
    expect((await fetch(reportUrl, { headers: auth('edu-registrar', '500110', 'enrolment-verification') })).status).toBe(403);
    // A township supervisor reads findings but not custody facts, nor the whole province: not this report.
    expect((await fetch(reportUrl, { headers: auth('township-supervisor', '500110001', 'case-work') })).status).toBe(403);
    expect((await fetch(reportUrl, { headers: auth('ca-supervisor', '5001', 'case-work') })).status).toBe(403);
  }, 300_000);

  it('a saved finding shows its reason and evidence only to callers who may read its facts; runs are written only by their owner', async () => {
    const q = `{ findings(filter: { rules: ["EXIT-DEFACTO-CHANGED", "CARE-NO-AGREEMENT"] }, first: 500) { nodes { rule reason evidence { fact } } } }`;
    const full = await gql<{ findings: { nodes: { rule: string; reason: string; evidence: unknown[] }[] } }>(
      info.gateway,
      q,
      undefined,
      auth('ca-supervisor', '5001', 'case-work'),
    );
    const partial = await gql<{ findings: { nodes: { rule: string; reason: string; evidence: unknown[] }[] } }>(
      info.gateway,
      q,
      undefined,
      auth('township-supervisor', '500110001', 'case-work'),
    );
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data!.findings.nodes.every((n) => !n.reason.startsWith('此线索的依据含其他部门数据'))).toBe(true);
    const exit = partial.body.data!.findings.nodes.filter((n) => n.rule === 'EXIT-DEFACTO-CHANGED');
    const care = partial.body.data!.findings.nodes.filter((n) => n.rule === 'CARE-NO-AGREEMENT');
    expect(exit.every((n) => n.reason.startsWith('此线索的依据含其他部门数据') && n.evidence.length === 0)).toBe(true);
    expect(care.every((n) => !n.reason.startsWith('此线索的依据含其他部门数据'))).toBe(true);

    // Another account holding crosscheck:run cannot write into the service's run.
    const [last] = await sql<{ id: string }>('SELECT id FROM reconciliation_run ORDER BY started_at DESC LIMIT 1');
    const other = await gql(
      info.gateway,
      `mutation($id: ID!) { finishReconciliationRun(id: $id) { id } }`,
      { id: last.id },
      auth('ca-supervisor', '5001', 'reconciliation'),
    );
    expect(other.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
  });

  it('with an agency down the run is PARTIAL, says which rules and how many children, and leaves that agency’s findings alone', async () => {
    const before = await snapshot();
    const dead = await freePort();
    const principal = {
      sub: 'service:reconciliation',
      agency: 'civil-affairs',
      roles: ['reconciliation-service'],
      scopes: [...ROLES['reconciliation-service'].scopes],
      jurisdiction: ['50'],
    };
    const gateway: RunningGateway = await startGateway({
      supergraphSdl: readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'),
      port: 0,
      subgraphUrls: Object.fromEntries(
        AGENCIES.map((a) => [a, a === 'disabled-persons' ? `http://127.0.0.1:${dead}/graphql` : subgraphUrl(info, a)]),
      ),
      verifyToken: async () => principal,
      logger,
      identity: async () => gatewayIdentityToken(),
    });
    try {
      const partial = await job({ gateway: gateway.url });
      expect(partial.status).toBe('PARTIAL');
      const dpfRules = [
        'EXIT-DEFACTO-CHANGED',
        'EXIT-DISABILITY-CERT',
        'GAP-DEFACTO',
        'GAP-SEVERE-DISABILITY',
        'GAP-DISABILITY-LIVING',
        'CARE-UNREGISTERED-LEFT-BEHIND',
      ];
      expect(
        partial.counts
          .filter((c) => c.unavailable > 0)
          .map((c) => c.rule)
          .sort(),
      ).toEqual([...dpfRules].sort());
      for (const c of partial.counts.filter((x) => dpfRules.includes(x.rule))) expect(c.flagged + c.clear).toBe(0);
      // No finding of those rules opened, closed or touched; the others as before too (same night).
      expect(await snapshot()).toEqual(before);
    } finally {
      await gateway.stop();
    }
  }, 300_000);

  it('the schedule starts a run at its time, through the same job', async () => {
    await reset();
    // Every two seconds (croner's six-field form), instead of 02:00 Beijing time.
    // (jose, which mints tokens, does not load inside jest: the service token comes from the CLI, as in production from the IdP.)
    const schedule = scheduleReconciliation({
      cron: '*/2 * * * * *',
      gatewayUrl: info.gateway,
      dataDir: info.dataDir,
      region: TEST_POPULATION.region,
      logger,
      token: recon(),
    });
    try {
      let status = '';
      for (let i = 0; i < 600 && !['COMPLETED', 'PARTIAL'].includes(status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await sql<{ status: string }>('SELECT status FROM reconciliation_run ORDER BY started_at LIMIT 1'))[0]?.status ?? '';
      }
      expect(status).toBe('COMPLETED');
    } finally {
      // Waits for a tick that fired meanwhile to finish (or give way to the lock).
      await schedule.stop();
    }
  }, 120_000);

  it('with an identity provider and no service token, the nightly run is not scheduled (and says so)', async () => {
    const warnings: string[] = [];
    const quiet = { ...logger, info: () => {}, warn: (msg: unknown) => void warnings.push(String(msg)) } as unknown as typeof logger;
    const schedule = scheduleReconciliation({
      cron: '*/2 * * * * *',
      gatewayUrl: info.gateway,
      dataDir: info.dataDir,
      region: TEST_POPULATION.region,
      logger: quiet,
      identityProvider: true,
    });
    expect(schedule.next()).toBeNull();
    expect(warnings.join('\n')).toContain('HUB_TOKEN');
    await schedule.stop();
    // With the token it is.
    const withToken = scheduleReconciliation({
      cron: '0 2 * * *',
      gatewayUrl: info.gateway,
      dataDir: info.dataDir,
      region: TEST_POPULATION.region,
      logger: quiet,
      identityProvider: true,
      token: recon(),
    });
    expect(withToken.next()).toBeInstanceOf(Date);
    await withToken.stop();
  });

  it('a run begun by an earlier job (its roster pages did not answer discovery), resumed in discovery, still checks the roster children there', async () => {
    // The minors the discovery pages visit: public security's screen, by hukou, then by permit with hukou elsewhere.
    const screened: string[] = [];
    for (const permit of [false, true]) {
      const nodes = await allPages<{ id: string }>(
        info.gateway,
        'residents',
        `query($region: String!, $born: Date, $on: Date, $permit: Boolean!, $after: String) {
           residents(regionPrefix: $region, bornOnOrAfter: $born, awayScreenOn: $on, withResidencePermit: $permit, hukouOutsideRegion: $permit, first: 200, after: $after) {
             nodes { id } pageInfo { endCursor hasNextPage } } }`,
        { region: TEST_POPULATION.region, born: minorsBornOnOrAfter(TEST_POPULATION.asOf), on: TEST_POPULATION.asOf, permit },
        RECONCILIATION(),
      );
      screened.push(...nodes.map((n) => n.id));
    }
    const onRoster = new Set((await sql<{ id: string }>('SELECT id FROM child_record')).map((r) => r.id));
    expect(screened.filter((id) => onRoster.has(id)).length).toBeGreaterThan(0);
    // An earlier job's checkpoint, past the roster: no `rosterDiscovery`.
    const start = await gql<{ startReconciliationRun: { id: string } }>(
      info.gateway,
      `mutation($asOf: Date!, $region: String!, $rules: [String!]!, $cp: String) { startReconciliationRun(asOf: $asOf, region: $region, rules: $rules, checkpoint: $cp) { id } }`,
      {
        asOf: TEST_POPULATION.asOf,
        region: TEST_POPULATION.region,
        rules: ALL_RULES,
        cp: JSON.stringify({ phase: 'discovery-hukou', after: null, seq: 0, pageSize: 100 }),
      },
      RECONCILIATION(),
    );
    expect(start.body.errors).toBeUndefined();
    const id = start.body.data!.startReconciliationRun.id;
    await sql(`UPDATE reconciliation_run SET status = 'FAILED' WHERE id = $1`, [id]);
    const resumed = await job({ resume: id });
    expect(resumed.status).toBe('COMPLETED');
    // Every screened minor went through discovery, those on the roster included (today's job would skip them).
    const mig = resumed.counts.find((c) => c.rule === 'MIG-UNREGISTERED')!;
    expect(mig.flagged + mig.clear + mig.inconclusive).toBe(screened.length);
  }, 300_000);
});
