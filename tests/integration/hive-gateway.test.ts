import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES, agencyEnvKey } from '@hub/domain';
import { DENIED, DIGITS, FAMILIES, type Family, matrixChild, PURPOSE } from '../helpers/field-matrix';
import { recordingProxy, type Recorded } from '../helpers/fake-subgraph';
import { auth, gql, hubInfo, ROOT } from '../helpers/hub';

/**
 * The same supergraph on an existing engine: Hive Gateway with the Rust query planner (`hive-gateway/`), started as
 * a deployment would start it (its own process, production mode, the hub's token key and gateway key from the
 * environment), in front of the test hub's six subgraphs (through recording pass-throughs). Every role of the matrix
 * gets the same data and the same denials through it as through the hub's gateway — and a denied field never
 * reaches a subgraph (the subgraphs would deny it too, so only this shows that Hive Gateway enforced the directives
 * itself); tokens, purposes and operation limits are refused alike; and the subgraphs' audit rows carry the
 * caller's purpose and request id through it.
 */
interface Running {
  url: string;
  process: ChildProcess;
}

function startHive(subgraphs: Record<string, string>): Promise<Running> {
  const info = hubInfo();
  const key = (file: string) => JSON.parse(readFileSync(join(info.dataDir, file), 'utf8')) as { publicJwk: unknown };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HUB_ENV: 'production',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: '0',
    HUB_JWT_PUBLIC_KEY: JSON.stringify(key('jwt-signing-key.json').publicJwk),
    HUB_GATEWAY_KEY_FILE: join(info.dataDir, 'gateway-identity-key.json'),
    ...Object.fromEntries(AGENCIES.map((a) => [`SUBGRAPH_URL_${agencyEnvKey(a)}`, subgraphs[a]])),
  };
  const child = spawn(process.execPath, [join(ROOT, 'hive-gateway', 'dist', 'index.js')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hive gateway did not start in 30 s: ${stderr}`)), 30_000);
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type !== 'listening') return;
      clearTimeout(timer);
      resolve({ url: m.url!, process: child });
    });
    child.on('exit', (code) => reject(new Error(`hive gateway exited with ${code}: ${stderr}`)));
  });
}

/** Errors as compared across the two gateways: code, path and the field named. */
const denials = (errors: { path?: unknown[]; extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? [])
    .map((e) => ({ code: e.extensions?.code, path: e.path, field: e.extensions?.field }))
    .sort((a, b) => String(a.path).localeCompare(String(b.path)));

describe('Hive Gateway serving the hub’s supergraph', () => {
  const info = hubInfo();
  const { child, village, query } = matrixChild();
  let hive: Running;
  const proxies: Awaited<ReturnType<typeof recordingProxy>>[] = [];
  /** What Hive Gateway sent to the subgraphs since the last call: the operations' texts. */
  const sent = (): string[] => proxies.flatMap((p) => p.calls.splice(0).map((c: Recorded) => c.body.query));

  beforeAll(async () => {
    const urls: Record<string, string> = {};
    for (const a of AGENCIES) {
      const p = await recordingProxy(info.subgraphs[a]);
      proxies.push(p);
      urls[a] = p.url;
    }
    hive = await startHive(urls);
  });
  afterAll(async () => {
    for (const p of proxies) p.server.close();
    if (!hive?.process || hive.process.exitCode !== null) return;
    const exited = new Promise((r) => hive.process.once('exit', r));
    hive.process.kill('SIGTERM');
    await exited;
  });

  it.each(Object.keys(DENIED))('%s gets the same data and the same denials as through the hub’s gateway', async (role) => {
    const headers = auth(role, village.slice(0, DIGITS[role]), PURPOSE[role]);
    sent();
    const [viaHive, viaHub] = await Promise.all([
      gql(hive.url, query, { id: child.id }, headers),
      gql(info.gateway, query, { id: child.id }, headers),
    ]);
    expect(viaHive.status).toBe(200);
    // Hive Gateway asked the subgraphs for exactly the families the role may read, and for nothing it may not.
    const operations = sent();
    const asked = (Object.keys(FAMILIES) as Family[]).filter((f) => operations.some((q) => new RegExp(`\\b${f}\\b`).test(q)));
    expect(asked.sort()).toEqual(
      (Object.keys(FAMILIES) as Family[]).filter((f) => !(DENIED[role] ?? Object.keys(FAMILIES)).includes(f)).sort(),
    );
    if (DENIED[role] === null) expect(operations).toEqual([]);
    expect(denials(viaHive.body.errors)).toEqual(denials(viaHub.body.errors));
    expect(viaHive.body.data).toEqual(viaHub.body.data);
    // And what the matrix says, so two gateways that agree on a wrong answer still fail here.
    const denied = DENIED[role];
    const paths = (viaHive.body.errors ?? []).map((e) => (e.path as string[]).join('.')).sort();
    if (denied === null) {
      expect(paths).toEqual(['child']);
      expect(viaHive.body.data).toEqual({ child: null });
      expect(viaHive.body.errors![0].message).toContain('welfare:read');
      return;
    }
    expect(paths).toEqual(denied.map((f) => `child.${f}`).sort());
    const got = (viaHive.body.data as { child: Record<string, unknown> }).child;
    for (const f of Object.keys(FAMILIES) as Family[]) {
      if (denied.includes(f)) expect(got[f]).toBeNull();
      else expect(got[f]).not.toBeUndefined();
    }
    if (!denied.includes('welfare')) expect(got.welfare).toMatchObject({ name: child.name });
  });

  it('refuses a missing token, a forged one and a purpose the role may not state, as the hub’s gateway does', async () => {
    const q = `query($id: ID!) { child(id: $id) { id } }`;
    const noToken = await gql(hive.url, q, { id: child.id }, { 'x-purpose': 'case-work' });
    expect([noToken.status, noToken.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const good = auth('ca-caseworker', village.slice(0, 6), 'case-work');
    const [h, p, s] = good.authorization.slice('Bearer '.length).split('.');
    const forged = { ...good, authorization: `Bearer ${h}.${p}.${s.slice(0, -4)}AAAA` };
    const bad = await gql(hive.url, q, { id: child.id }, forged);
    expect([bad.status, bad.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(bad.body.data ?? null).toBeNull();
    const wrongPurpose = await gql(hive.url, q, { id: child.id }, { ...good, 'x-purpose': 'reconciliation' });
    expect([wrongPurpose.status, wrongPurpose.body.errors?.[0].extensions?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('holds the caller’s operation limits and, in production, neither introspects nor suggests field names', async () => {
    const headers = auth('ca-caseworker', village.slice(0, 6), 'case-work');
    const costly = await gql(
      hive.url,
      '{ roster(first: 100000) { nodes { id welfare { name } household { hukouRegion } } } }',
      undefined,
      headers,
    );
    expect(costly.body.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
    expect(costly.body.data ?? null).toBeNull();
    const introspection = await gql(hive.url, '{ __schema { types { name } } }', undefined, headers);
    expect(introspection.body.data ?? null).toBeNull();
    expect(introspection.body.errors?.[0].message).toContain('introspection');
    const typo = await gql(hive.url, '{ chlid(id: "x") { id } }', undefined, headers);
    expect(typo.body.errors?.[0].message).toContain('chlid');
    expect(JSON.stringify(typo.body)).not.toContain('Did you mean');
  });

  it('passes the caller’s purpose and request id to the subgraphs, whose audit rows an auditor reads back', async () => {
    const requestId = `hive-${randomUUID()}`;
    const res = await gql(
      hive.url,
      `query($id: ID!) { child(id: $id) { id immunization { upToDate } } }`,
      { id: child.id },
      { ...auth('ca-caseworker', village.slice(0, 6), 'case-work'), 'x-request-id': requestId },
    );
    expect(res.body.errors).toBeUndefined();
    const read = await gql<{ healthAuditLog: { nodes: { purpose: string; entityIds: string[]; fields: string[] }[] } }>(
      info.gateway,
      `query($r: String!) { healthAuditLog(requestId: $r) { nodes { purpose entityIds fields } } }`,
      { r: requestId },
      auth('auditor', '50', 'audit'),
    );
    expect(read.body.errors).toBeUndefined();
    const rows = read.body.data!.healthAuditLog.nodes;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.purpose === 'case-work')).toBe(true);
    expect(rows.flatMap((r) => r.fields)).toContain('ImmunizationStatus.upToDate');
  });
});
