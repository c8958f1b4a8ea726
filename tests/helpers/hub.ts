import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Agency, todayInChina } from '@hub/domain';
import { Client } from 'pg';
import { createLogger, type Logger } from '@hub/service-kit';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'cli', 'dist', 'main.js');

/** The population every integration suite runs against; tests regenerate it to know what to expect. */
export const TEST_POPULATION = { children: 600, seed: 7, region: '50', asOf: '2025-09-01', idKey: 'integration-test-id-key' };

/** Where a hub started by `hub start` listens, as its ready line says (every port may be a free one). */
export interface HubInfo {
  gateway: string;
  health: string;
  /** The portal's base URL: the dashboard, login, reports and runs. */
  portal: string;
  dashboard: string;
  subgraphs: Record<Agency, string>;
  dataDir: string;
  pgPort: number;
  pid: number;
}

/**
 * The integration suites' hub, started once by the global setup; its ready line is kept in a file of the run's
 * own temporary folder, named by `HUB_TEST_INFO` (set by the global setup, inherited by the test processes).
 */
export function hubInfo(): HubInfo {
  const file = process.env.HUB_TEST_INFO;
  if (!file) throw new Error('HUB_TEST_INFO is not set: integration suites run under the global setup (jest --selectProjects integration)');
  return JSON.parse(readFileSync(file, 'utf8')) as HubInfo;
}

/** Starts `hub start` as a user would (a child process), and resolves when it prints that it is ready. */
export function startHubProcess(opts: {
  /** The gateway's port; the subgraphs and the portal take the next seven. Default 0: free ports for all. */
  gatewayPort?: number;
  /** The portal's port, when it must be known beforehand (an identity provider's redirect URI). */
  portalPort?: number;
  pgPort: number;
  dataDir?: string;
  extraEnv?: NodeJS.ProcessEnv;
  children?: number;
}): Promise<{ child: ChildProcess; info: HubInfo }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hub-test-'));
  const args = [
    CLI,
    'start',
    '--data-dir',
    dataDir,
    '--pg-port',
    String(opts.pgPort),
    '--port',
    String(opts.gatewayPort ?? 0),
    ...(opts.portalPort ? ['--portal-port', String(opts.portalPort)] : []),
    '--children',
    String(opts.children ?? TEST_POPULATION.children),
    '--seed',
    String(TEST_POPULATION.seed),
    '--region',
    TEST_POPULATION.region,
    '--as-of',
    TEST_POPULATION.asOf,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_READY_JSON: '1',
    HUB_ID_KEY: TEST_POPULATION.idKey,
    LOG_LEVEL: 'warn',
    ...opts.extraEnv,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not become ready in 240 s:\n${output}`));
    }, 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /HUB_READY (\{.*\})/.exec(output);
      if (m) {
        clearTimeout(timer);
        const ready = JSON.parse(m[1]) as Omit<HubInfo, 'pgPort' | 'pid'>;
        resolvePromise({ child, info: { ...ready, pgPort: opts.pgPort, pid: child.pid ?? -1 } });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** POSTs a GraphQL operation and returns the parsed body and the response headers. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
  headers: Headers;
}> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as never, headers: res.headers };
}

/** The URL of one agency's subgraph process started by the hub. */
export function subgraphUrl(info: HubInfo, agency: Agency): string {
  return info.subgraphs[agency];
}

const tokens = new Map<string, string>();

/** A token for a demo role, minted by the `token` command with the test hub's own key (as a user would). */
export function token(role: string, jurisdiction: string, opts: { ttl?: number; dataDir?: string } = {}): string {
  const dataDir = opts.dataDir ?? hubInfo().dataDir;
  const key = `${role}|${jurisdiction}|${opts.ttl ?? ''}|${dataDir}`;
  let t = tokens.get(key);
  if (!t) {
    const args = [CLI, 'token', '--role', role, '--jurisdiction', jurisdiction, '--data-dir', dataDir];
    if (opts.ttl) args.push('--ttl', String(opts.ttl));
    t = execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();
    tokens.set(key, t);
  }
  return t;
}

/**
 * Every node of a keyset-paged field, through the gateway: `query` takes `$after: String` and selects
 * `FIELD(…, after: $after) { nodes { … } pageInfo { endCursor hasNextPage } }`. Fails on any GraphQL error.
 */
export async function allPages<N>(
  url: string,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<N[]> {
  type Page = Record<string, { nodes: N[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>;
  const out: N[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<ReturnType<typeof gql<Page>>> = await gql<Page>(url, query, { ...variables, after }, headers);
    if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors.slice(0, 3)));
    const page = res.body.data![field];
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

const gatewayTokens = new Map<string, string>();

/**
 * Headers of a request a test sends to a subgraph as the gateway would: the caller's own headers plus the
 * gateway's identity (`x-hub-gateway`, minted by `hub gateway-token` with the test hub's gateway key). Only such
 * requests may use `_entities`; the caller's scopes and jurisdiction still decide every field and row.
 */
export function asGateway(headers: Record<string, string>, dataDir = hubInfo().dataDir): Record<string, string> {
  return { ...headers, 'x-hub-gateway': gatewayIdentityToken(dataDir) };
}

/** The test hub's gateway identity token (an hour long), for a gateway a test starts in-process (`identity`). */
export function gatewayIdentityToken(dataDir = hubInfo().dataDir): string {
  let t = gatewayTokens.get(dataDir);
  if (!t) {
    t = execFileSync(process.execPath, [CLI, 'gateway-token', '--ttl', '3600', '--data-dir', dataDir], { encoding: 'utf8' }).trim();
    gatewayTokens.set(dataDir, t);
  }
  return t;
}

/** Headers of an authenticated request: bearer token and stated purpose. */
export function auth(role: string, jurisdiction: string, purpose: string): Record<string, string> {
  return { authorization: `Bearer ${token(role, jurisdiction)}`, 'x-purpose': purpose };
}

/** A city-wide civil-affairs supervisor doing case work: sees every field family of the test population. */
export const SUPERVISOR = () => auth('ca-supervisor', '5001,5002', 'case-work');
/** The nightly reconciliation service account. */
export const RECONCILIATION = () => auth('reconciliation-service', '50', 'reconciliation');

/** A loopback port nothing listens on (for a stopped service, or a process the test starts). */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A logger that writes nothing: in-process services of a test whose failures are expected. */
export function quietLogger(): Logger {
  return createLogger('test', undefined, 'silent');
}

/** A statement against one of the test hub's databases as PostgreSQL's superuser: to set up and check state. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = [], database = 'hub_civil_affairs'): Promise<T[]> {
  const info = hubInfo();
  const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
  const c = new Client({
    connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/${database}`,
  });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Findings, runs and cases from nothing: the cases' history is append-only, so its trigger is lifted for the reset only. */
export async function resetCases(): Promise<void> {
  await sql(`ALTER TABLE case_event DISABLE TRIGGER case_event_no_truncate;
             TRUNCATE case_event, case_task, hub_case, finding_run, finding, reconciliation_page, reconciliation_run;
             ALTER TABLE case_event ENABLE TRIGGER case_event_no_truncate`);
}

/** The code of a response's first error (BAD_USER_INPUT, FORBIDDEN, CONFLICT, UNAUTHORIZED_FIELD_OR_TYPE…), if any. */
export function codeOf(res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }): unknown {
  return res.body.errors?.[0]?.extensions?.code;
}

/** The civil date in China `days` from today (negative: before), as the registers write dates. */
export function chinaDateIn(days: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The live child processes of `pid` (e.g. the services `hub start` runs), with their command lines (arguments joined
 * by NUL) read from /proc.
 */
export function childProcessesOf(pid: number): { pid: number; cmd: string }[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        // The fields after the command name (which may hold spaces and parentheses); the second is the parent pid.
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) return [];
        return [{ pid: Number(d), cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8') }];
      } catch {
        return []; // exited meanwhile
      }
    });
}

/** A live process's environment, from /proc. */
export function environmentOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}
