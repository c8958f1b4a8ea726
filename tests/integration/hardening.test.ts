import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { asGateway, CLI, freePort, ROOT, startHubProcess, type HubInfo } from '../helpers/hub';

/**
 * Go-live hardening, against a hub in production mode started for this suite (its own data folder, 200
 * children): what an attacker tries first. Every malformed request gets a coded JSON error and nothing of the
 * internals; operations beyond the caller's limits are refused naming the limit, at the gateway and at a
 * subgraph called directly; the federation's internals answer only the gateway; a principal over its rate gets
 * 429; tokens are held to the role table; every refusal is on the gateway's refusal log, aggregated. The gateway
 * runs as two processes sharing its port (`HUB_GATEWAY_PROCESSES`), as a deployment that outgrows one would: every
 * guarantee holds across them, and the rate limit counts once for both.
 */
const GATEWAY_PROCESSES = 2;
let hub: { child: ChildProcess; info: HubInfo };
let info: HubInfo;

beforeAll(async () => {
  hub = await startHubProcess({
    pgPort: await freePort(),
    children: 200,
    extraEnv: {
      HUB_ENV: 'production',
      HUB_RECONCILE_CRON: 'off',
      // Refusals are aggregated per 2 s here (a minute by default), so the test sees its rows soon.
      HUB_REFUSAL_WINDOW_SECONDS: '2',
      // A low default rate so one test can exceed it; every other test stays far below it.
      HUB_LIMITS: JSON.stringify({ default: { perMinute: 40 } }),
      HUB_GATEWAY_PROCESSES: String(GATEWAY_PROCESSES),
    },
  });
  info = hub.info;
}, 300_000);

afterAll(async () => {
  if (!hub) return;
  if (hub.child.exitCode === null && hub.child.signalCode === null) {
    await new Promise<void>((resolve) => {
      hub.child.once('exit', () => resolve());
      hub.child.kill('SIGINT');
    });
  }
  rmSync(hub.info.dataDir, { recursive: true, force: true });
}, 60_000);

/** A token of this suite's hub, with its own subject (each test its own, so rate limits do not meet). */
const tokenFor = (role: string, jurisdiction: string, sub: string) =>
  execFileSync(process.execPath, [CLI, 'token', '--role', role, '--jurisdiction', jurisdiction, '--sub', sub, '--data-dir', info.dataDir], {
    encoding: 'utf8',
  }).trim();
/** A token with claims the `token` command would refuse to mint, signed with this hub's key. */
const signed = (claims: Record<string, unknown>) =>
  execFileSync(
    process.execPath,
    [join(ROOT, 'tests', 'helpers', 'sign-token.mjs'), join(info.dataDir, 'jwt-signing-key.json'), JSON.stringify(claims)],
    {
      encoding: 'utf8',
    },
  ).trim();
const headers = (jwt: string, purpose = 'case-work') => ({
  'content-type': 'application/json',
  authorization: `Bearer ${jwt}`,
  'x-purpose': purpose,
});

async function post(url: string, body: string, h: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: h, body });
  const text = await res.text();
  let json: { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown; error?: string } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not JSON: the assertions below say so
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json, headers: res.headers };
}
/** A POST on a connection of its own (no keep-alive): connections are spread over the gateway's processes. */
function postOnNewConnection(url: string, body: string, h: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: h, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const q = (query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables, ...extra });
const codeOf = (r: Awaited<ReturnType<typeof post>>) => r.json.errors?.[0]?.extensions?.code ?? r.json.error;

/** Nothing an attacker could learn from: no HTML page, stack, file path, internal address or suggestion. */
function expectClean(r: Awaited<ReturnType<typeof post>>, what: string) {
  expect({ what, json: r.type.startsWith('application/json') }).toEqual({ what, json: true });
  for (const leak of [
    /<html/i,
    /\bat [\w.<>]+ \(/,
    /node_modules/,
    /\/work\/|\/home\/|\/app\//,
    /Did you mean/,
    /127\.0\.0\.1:\d+/,
    /stacktrace/,
  ]) {
    expect({ what, leak: leak.test(r.text) ? leak.source : null }).toEqual({ what, leak: null });
  }
}

describe('go-live hardening (production mode)', () => {
  it('answers every malformed request with a coded JSON error and nothing of its internals, and keeps answering', async () => {
    const jwt = tokenFor('ca-supervisor', '5001', 'corpus');
    const subgraph = info.subgraphs['civil-affairs'];
    const corpus: [string, string, string, Record<string, string>, number, string][] = [];
    for (const [where, url] of [
      ['gateway', info.gateway],
      ['subgraph', subgraph],
    ] as const) {
      corpus.push(
        [`${where}: malformed JSON`, url, '{"query": ', headers(jwt), 400, 'BAD_REQUEST'],
        [`${where}: 11 MB body`, url, q('{ __typename }', { pad: 'x'.repeat(11 * 1024 * 1024) }), headers(jwt), 413, 'PAYLOAD_TOO_LARGE'],
        [`${where}: no JSON object`, url, '', headers(jwt), 400, 'BAD_REQUEST'],
        [`${where}: text/plain`, url, q('{ __typename }'), { ...headers(jwt), 'content-type': 'text/plain' }, 400, 'BAD_REQUEST'],
        [`${where}: XML`, url, '<query/>', { ...headers(jwt), 'content-type': 'application/xml' }, 400, 'BAD_REQUEST'],
        [
          `${where}: a charset it cannot read`,
          url,
          '{}',
          { ...headers(jwt), 'content-type': 'application/json; charset=latin-7' },
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        [`${where}: a body that does not decompress`, url, '{}', { ...headers(jwt), 'content-encoding': 'gzip' }, 400, 'BAD_REQUEST'],
        [
          `${where}: unknown operation name`,
          url,
          JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
          headers(jwt),
          400,
          'OPERATION_RESOLUTION_FAILURE',
        ],
        [
          `${where}: two operations, no name`,
          url,
          q('query A { __typename } query B { __typename }'),
          headers(jwt),
          400,
          'OPERATION_RESOLUTION_FAILURE',
        ],
        [
          `${where}: a date that does not exist`,
          url,
          q('query($d: Date) { child(id: "x") { exitChecks(asOf: $d) { rule } } }', { d: '2025-02-30' }),
          headers(jwt),
          400,
          'BAD_USER_INPUT',
        ],
        [
          `${where}: a month 13`,
          url,
          q('{ child(id: "x") { exitChecks(asOf: "2025-13-01") { rule } } }'),
          headers(jwt),
          400,
          'BAD_USER_INPUT',
        ],
        [`${where}: a misspelt field`, url, q('{ rostr(first: 1) { totalCount } }'), headers(jwt), 400, 'GRAPHQL_VALIDATION_FAILED'],
        [
          `${where}: a persisted-query hash`,
          url,
          q('{ __typename }', undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
          headers(jwt),
          200,
          'PERSISTED_QUERY_NOT_SUPPORTED',
        ],
        [`${where}: a 15 KB purpose`, url, q('{ __typename }'), headers(jwt, 'p'.repeat(15_000)), 403, 'FORBIDDEN'],
        [`${where}: a garbage token`, url, q('{ __typename }'), headers('a.b.c'), 401, 'UNAUTHENTICATED'],
        [`${where}: 6,000 tokens`, url, q(`{ ${'__typename '.repeat(6000)}}`), headers(jwt), 400, 'OPERATION_LIMIT_EXCEEDED'],
      );
    }
    corpus.push(
      [
        'gateway: an ID number with a wrong check digit',
        info.gateway,
        q('{ personByIdNumber(idNumber: "500112201001011230") { id } }'),
        headers(jwt),
        200,
        'BAD_USER_INPUT',
      ],
      [
        'portal: malformed JSON to /jobs/reconcile',
        `${info.portal}/jobs/reconcile`,
        '{x',
        headers(jwt, 'reconciliation'),
        400,
        'BAD_REQUEST',
      ],
      [
        'portal: 11 MB to /jobs/reconcile',
        `${info.portal}/jobs/reconcile`,
        'x'.repeat(11 * 1024 * 1024),
        headers(jwt, 'reconciliation'),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['portal: malformed JSON to /graphql', `${info.portal}/graphql`, '{x', headers(jwt), 400, 'BAD_REQUEST'],
    );
    for (const [what, url, body, h, status, code] of corpus) {
      const r = await post(url, body, h);
      expect({ what, status: r.status, code: codeOf(r) }).toEqual({ what, status, code });
      expectClean(r, what);
    }
    // Bad dates name what was bad: the variable in the message, the literal's argument in the extensions.
    for (const url of [info.gateway, subgraph]) {
      const variable = await post(
        url,
        q('query($d: Date) { child(id: "x") { exitChecks(asOf: $d) { rule } } }', { d: '2025-02-30' }),
        headers(jwt),
      );
      expect(variable.json.errors?.[0]?.message).toContain('$d');
      const literal = await post(url, q('{ child(id: "x") { exitChecks(asOf: "2025-13-01") { rule } } }'), headers(jwt));
      expect(literal.json.errors?.[0]?.extensions?.argument).toBe('asOf');
    }
    for (const url of [info.gateway.replace(/graphql$/, 'nope'), subgraph.replace(/graphql$/, 'nope'), `${info.portal}/nope`]) {
      const r = await fetch(url);
      expect({ url, status: r.status, type: r.headers.get('content-type')?.startsWith('application/json') }).toEqual({
        url,
        status: 404,
        type: true,
      });
    }
    // Still answering.
    const ok = await post(info.gateway, q('{ roster(first: 1) { totalCount } }'), headers(jwt));
    expect(ok.status).toBe(200);
    expect((ok.json.data as { roster: { totalCount: number } }).roster.totalCount).toBeGreaterThan(0);
  }, 120_000);

  it('refuses operations beyond the caller’s limits before planning, naming the limit — at the gateway and at a subgraph', async () => {
    const jwt = tokenFor('ca-supervisor', '5001', 'limits');
    const deep = `{ child(id: "x") { ${'parents { children { '.repeat(15)}id${' } }'.repeat(15)} } }`;
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: child(id: "${i}") { id }`).join(' ')} }`;
    const costly = '{ roster(first: 1000) { nodes { parents { children { parents { household { name } } } } } } }';
    for (const [query, limit] of [
      [deep, 'depth'],
      [aliases, 'aliases'],
      [costly, 'cost'],
    ] as const) {
      const r = await post(info.gateway, q(query), headers(jwt));
      expect({ limit, status: r.status, code: codeOf(r), named: r.json.errors?.[0]?.extensions?.limit }).toEqual({
        limit,
        status: 400,
        code: 'OPERATION_LIMIT_EXCEEDED',
        named: limit,
      });
      expectClean(r, limit);
    }
    // A subgraph called directly holds the caller to the same limits.
    const subgraph = info.subgraphs['civil-affairs'];
    const direct = await post(subgraph, q(aliases), headers(jwt));
    expect([direct.status, codeOf(direct), direct.json.errors?.[0]?.extensions?.limit]).toEqual([
      400,
      'OPERATION_LIMIT_EXCEEDED',
      'aliases',
    ]);
    const page = await post(
      subgraph,
      q('{ roster(first: 5000) { nodes { supports { type monthlyAmount startDate } visits { visitedOn method notes } } } }'),
      headers(jwt),
    );
    expect([page.status, codeOf(page), page.json.errors?.[0]?.extensions?.limit]).toEqual([400, 'OPERATION_LIMIT_EXCEEDED', 'cost']);
  });

  it('answers _service and _entities only to the gateway; a caller at a subgraph keeps its field and row rules', async () => {
    const jwt = tokenFor('ca-caseworker', '500110', 'internals');
    const health = info.subgraphs.health;
    const sdl = await post(health, q('{ _service { sdl } }'), headers(jwt));
    expect([codeOf(sdl), JSON.stringify(sdl.json.data)]).toEqual(['FORBIDDEN', 'null']);
    const entities = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { immunization { dosesDue } } } }';
    const reps = { reps: [{ __typename: 'Child', id: 'nobody' }] };
    expect(codeOf(await post(health, q(entities, reps), headers(jwt)))).toBe('FORBIDDEN');
    // As the gateway: answered, under the caller's own scopes.
    const viaGateway = await post(health, q(entities, reps), asGateway(headers(jwt), info.dataDir));
    expect(viaGateway.json).toEqual({ data: { _entities: [{ immunization: null }] } });
    // A forged gateway identity (a user token in its place) is refused outright.
    const forged = await post(health, q(entities, reps), { ...headers(jwt), 'x-hub-gateway': jwt });
    expect([forged.status, codeOf(forged)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers a principal over its rate with 429, Retry-After and RATE_LIMITED, counted once across the gateway processes; other principals are unaffected', async () => {
    const jwt = tokenFor('ca-caseworker', '500110', 'busy');
    const statuses: number[] = [];
    // 40, not 40 per process: each request on its own connection, spread over both processes, which count together.
    for (let i = 0; i < 48; i++) statuses.push((await postOnNewConnection(info.gateway, q('{ __typename }'), headers(jwt))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 2; i++) {
      const r = await post(info.gateway, q('{ __typename }'), headers(jwt));
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(limited).toBeDefined();
    expect(codeOf(limited!)).toBe('RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectClean(limited!, 'rate limit');
    const other = await post(info.gateway, q('{ __typename }'), headers(tokenFor('ca-caseworker', '500110', 'calm')));
    expect(other.status).toBe(200);
  });

  it('holds tokens to the role table: exp required and bounded, no iat from the future, jurisdiction of the role’s level, no scopes beyond the roles', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = {
      sub: 'policy',
      roles: ['ca-caseworker'],
      scope: 'child:basic welfare:read',
      jurisdiction: ['500110'],
      iat: now,
      exp: now + 3600,
    };
    const refused: [string, Record<string, unknown>][] = [
      ['no exp', { ...base, exp: undefined }],
      ['a 30-day lifetime', { ...base, exp: now + 30 * 86_400 }],
      ['issued an hour from now', { ...base, iat: now + 3600, exp: now + 7200 }],
      ['a province-wide caseworker', { ...base, jurisdiction: ['50'] }],
      ['no role of the hub', { ...base, roles: ['wizard'] }],
    ];
    for (const [what, claims] of refused) {
      const r = await post(info.gateway, q('{ __typename }'), headers(signed(claims)));
      expect({ what, status: r.status, code: codeOf(r) }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
    }
    // A village child director whose token claims health:sensitive and audit:read gets neither.
    const director = signed({
      ...base,
      sub: 'greedy-director',
      roles: ['child-director'],
      jurisdiction: ['500110001001'],
      scope: 'child:basic welfare:read edu:enrollment health:basic crosscheck:read health:sensitive audit:read',
    });
    const ill = await post(
      info.gateway,
      q('{ child(id: "x") { seriousIllnesses { icd10 } } gatewayAuditLog(first: 1) { nodes { seq } } }'),
      headers(director),
    );
    const denied = (ill.json.errors ?? [])
      .filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')
      .map((e) => e.extensions?.field);
    expect(denied.sort()).toEqual(['Child.seriousIllnesses', 'Query.gatewayAuditLog']);
  });

  it('writes every refusal to the gateway’s refusal log, aggregated per caller, reason and window', async () => {
    // Ten refusals of one kind from one caller, then the window closes.
    const jwt = tokenFor('ca-supervisor', '5001', 'refused-ten-times');
    for (let i = 0; i < 10; i++) await post(info.gateway, q('query A { __typename }', undefined, { operationName: 'B' }), headers(jwt));
    await new Promise((r) => setTimeout(r, 6_000));
    const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
    const c = new Client({
      connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_gateway`,
    });
    await c.connect();
    try {
      const { rows } = await c.query<{ subject: string | null; reason: string; refusals: number; client_address: string }>(
        'SELECT subject, reason, refusals, client_address FROM gateway_refusal_log ORDER BY seq',
      );
      const mine = rows.filter((r) => r.subject === 'refused-ten-times');
      // A row per gateway process that saw them and window they fell in (the ten take well under one 2-s window,
      // so at most two windows): at most four rows, counting ten refusals in all.
      expect(new Set(mine.map((r) => r.reason))).toEqual(new Set(['OPERATION_RESOLUTION_FAILURE']));
      expect(mine.length).toBeLessThanOrEqual(2 * GATEWAY_PROCESSES);
      expect(mine.reduce((n, r) => n + r.refusals, 0)).toBe(10);
      const reasons = new Set(rows.map((r) => r.reason));
      for (const reason of [
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'BAD_REQUEST',
        'PAYLOAD_TOO_LARGE',
        'RATE_LIMITED',
        'OPERATION_LIMIT_EXCEEDED',
        'BAD_USER_INPUT',
      ]) {
        expect({ reason, logged: reasons.has(reason) }).toEqual({ reason, logged: true });
      }
      // Unauthenticated refusals carry the client's address instead of a subject.
      expect(rows.some((r) => r.reason === 'UNAUTHENTICATED' && r.subject === null && r.client_address.length > 0)).toBe(true);
      // Aggregated: the rate-limited caller's ten refusals are one or two rows per gateway process, not ten.
      expect(rows.filter((r) => r.subject === 'busy' && r.reason === 'RATE_LIMITED').length).toBeLessThanOrEqual(2 * GATEWAY_PROCESSES);
    } finally {
      await c.end();
    }
  });

  // Last: it stops the hub.
  it('on SIGTERM answers the request in flight, and every service exits cleanly within its 2 s grace', async () => {
    let output = '';
    hub.child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    hub.child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => hub.child.once('exit', (code) => resolve(code)));
    // A request whose body is still arriving when the signal comes: in flight, not idle.
    const body = q('{ roster(first: 3) { nodes { id } } }');
    const url = new URL(info.gateway);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...headers(tokenFor('ca-supervisor', '5001', 'in-flight')), 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        hub.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 300);
    });
    const res = await answer;
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
    expect((JSON.parse(res.text) as { data: { roster: { nodes: unknown[] } } }).data.roster.nodes).toHaveLength(3);
    expect(await exited).toBe(0);
    // The supervisor kills a service that overruns its 2 s and logs it; so does a service whose stop fails.
    expect(output).not.toMatch(/did not stop in time|stopped with an error|shutdown overran/);
  }, 30_000);
});
