import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { childProcessesOf, CLI, hubInfo, subgraphUrl } from '../helpers/hub';

const run = promisify(execFile);

/** The operator CLI against an external server (`DATABASE_URL`): the same code path as the embedded default. */
describe('operator CLI with DATABASE_URL', () => {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const serverUrl = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/postgres`;
  const env = { ...process.env, DATABASE_URL: serverUrl, HUB_DATA_DIR: info.dataDir, LOG_LEVEL: 'info' };

  it('migrate is idempotent: the databases exist and nothing is pending', async () => {
    const { stderr } = await run(process.execPath, [CLI, 'migrate'], { env });
    expect(stderr).toContain('all agencies migrated');
    expect(stderr).not.toContain('migrations applied');
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_%' ORDER BY datname`);
      expect(rows.map((r) => r.datname)).toEqual([
        'hub_civil_affairs',
        'hub_disabled_persons',
        'hub_education',
        'hub_gateway',
        'hub_health',
        'hub_medical_insurance',
        'hub_public_security',
      ]);
    } finally {
      await client.end();
    }
  });

  it('seed refuses to mix a new population into databases that hold data', async () => {
    await expect(run(process.execPath, [CLI, 'seed', '--children', '10'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already hold data'),
    });
  });

  it('rejects bad arguments with a clear message and no change', async () => {
    await expect(run(process.execPath, [CLI, 'seed', '--children', 'many'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('must be a positive integer'),
    });
    await expect(run(process.execPath, [CLI, 'seed', '--region', 'cq'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('region prefix'),
    });
    await expect(run(process.execPath, [CLI, 'seed', '--discrepancy', 'NO-SUCH-RULE=0.1'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown discrepancy NO-SUCH-RULE'),
    });
    await expect(run(process.execPath, [CLI, 'seed', '--discrepancy', 'EXIT-AGE=1.5'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('rate from 0 to 1'),
    });
  });

  it('token mints only for known roles and jurisdictions of the role’s level', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'token', '--role', 'ca-caseworker', '--jurisdiction', '500112'], { env });
    const claims = JSON.parse(Buffer.from(stdout.trim().split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ roles: ['ca-caseworker'], jurisdiction: ['500112'], agency: 'civil-affairs', iss: 'child-welfare-hub' });
    expect(claims.scope.split(' ')).toEqual(expect.arrayContaining(['child:basic', 'welfare:read']));
    await expect(run(process.execPath, [CLI, 'token', '--role', 'ca-caseworker', '--jurisdiction', '50'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('6 digits'),
    });
    await expect(run(process.execPath, [CLI, 'token', '--role', 'janitor', '--jurisdiction', '500112'], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown role janitor'),
    });
  });

  it('an agency’s database holds only that agency’s tables', async () => {
    const client = new Client({ connectionString: serverUrl.replace(/\/postgres$/, '/hub_education') });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(rows.map((r) => r.table_name)).toEqual([
        'audit_log',
        'education_aid',
        'enrolment',
        'home_delivery',
        'home_delivery_session',
        'school',
        'subject_region',
        'typeorm_migrations',
      ]);
    } finally {
      await client.end();
    }
  });
});

/** `npm start` as a process manager: a service that dies after start-up comes back on its own. */
describe('hub start keeps its services up', () => {
  const info = hubInfo();
  it('a subgraph killed with SIGKILL is started again on its port and answers', async () => {
    const health = subgraphUrl(info, 'medical-insurance').replace(/\/graphql$/, '/health');
    const before = childProcessesOf(info.pid).find((c) => c.cmd.includes('subgraphs/medical-insurance/'));
    expect(before).toBeDefined();
    process.kill(before!.pid, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let after: { pid: number } | undefined;
    let ok = false;
    while (Date.now() < deadline && !ok) {
      await new Promise((r) => setTimeout(r, 250));
      after = childProcessesOf(info.pid).find((c) => c.cmd.includes('subgraphs/medical-insurance/'));
      ok =
        !!after &&
        after.pid !== before!.pid &&
        (await fetch(health).then(
          (r) => r.ok,
          () => false,
        ));
    }
    expect(ok).toBe(true);
  }, 60_000);
});

describe('embedded PostgreSQL settings (HUB_PG_SETTINGS)', () => {
  const start = (settings: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-pg-settings-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_PG_SETTINGS: settings, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    return run(process.execPath, [CLI, 'start', '--data-dir', dataDir, '--pg-port', '24991', '--port', '0'], { env, timeout: 60_000 });
  };

  it.each([
    ['not JSON', 'shared_buffers=1GB', 'expected a JSON object'],
    ['an array', '["shared_buffers=1GB"]', 'expected a JSON object'],
    ['a name that is no setting name', '{"work_mem; DROP":"1MB"}', 'is not a PostgreSQL setting name'],
    ['an object as a value', '{"work_mem":{"a":1}}', 'is not a PostgreSQL setting name'],
  ])('refuses %s before anything starts, naming the variable', async (_what, settings, message) => {
    const failed = await start(settings).then(
      () => undefined,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toContain('HUB_PG_SETTINGS');
    expect(failed?.stderr).toContain(message);
  });
});
