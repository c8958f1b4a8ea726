import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, type SelectionNode } from 'graphql';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  AGENCIES,
  agencyEnvKey,
  ALL_ROLES,
  FAMILY_SCOPES,
  familyOf,
  holdsAll,
  type RuleId,
  isRole,
  ROLES,
  type Purpose,
  purposesOf,
} from '@hub/domain';
import {
  appendChained,
  checkTokenRequest,
  mintToken,
  type SigningKey,
  GATEWAY_AUDIT,
  checkPurpose,
  createLogger,
  formatErrorForClient,
  isProduction,
  listen,
  RunningService,
  type OidcClientConfig,
  type Principal,
  type TokenVerifier,
} from '@hub/service-kit';
import type { Logger } from '@hub/service-kit';
import type { DataSource } from 'typeorm';
import { gatewayAuditPlugin, recordDecision } from './audit';
import { AuthorizationDecision, AuthorizingGateway, separateSecurityFeatures } from './authorization';
import { GatewayClient, GraphQLRequestError, reconcile, writeRunReport } from '@hub/jobs';

/** What the gateway knows about a request; forwarded to every subgraph fetch. */
export interface GatewayContext {
  requestId: string;
  /** The raw header, forwarded so each subgraph verifies the caller itself. */
  authorization: string;
  principal: Principal;
  purpose: Purpose;
}

/** Accounts the dashboard's dev login does not hand out: the nightly service account and auditors. */
const DEV_LOGIN_EXCLUDED = new Set<string>(['reconciliation-service', 'auditor']);

/** Known client errors keep their message; anything else is logged and answered generically. */
function clientMessage(err: unknown, logger: Logger): { status: number; code: string; message: string } {
  const code = (err as { extensions?: { code?: string } }).extensions?.code;
  if (code === 'UNAUTHENTICATED') return { status: 401, code, message: (err as Error).message };
  if (code === 'FORBIDDEN') return { status: 403, code, message: (err as Error).message };
  if (err instanceof GraphQLRequestError && err.errors.some((e) => ['FORBIDDEN', 'BAD_USER_INPUT'].includes(String(e.extensions?.code)))) {
    return { status: 409, code: 'CONFLICT', message: err.errors[0].message };
  }
  logger.error({ err }, 'request failed');
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误' };
}

/** Headers the gateway passes on to subgraphs: identity, purpose and correlation. */
export const FORWARDED_HEADERS = ['authorization', 'x-purpose', 'x-request-id'] as const;

/** The fetch signature `RemoteGraphQLDataSource` accepts (its own package's type, not re-exported). */
type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Until when entity fetches skip this subgraph, after it timed out (a hung process, not a refused one). */
  private hungUntil = 0;

  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly logger: Logger,
    timeoutMs: number,
  ) {
    // Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen: the nightly job's
    // entity pages spent a tenth of the gateway's CPU in make-fetch-happen's retry and cache layers.
    // Only entity fetches are timed: they can degrade to null. A root field (a count over a million people, a
    // mutation) fails or succeeds whole, bounded by its caller.
    const timedFetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const headers = init?.headers as Record<string, string> | undefined;
      if (!headers?.[ENTITY_FETCH_HEADER]) return fetch(input, init);
      delete headers[ENTITY_FETCH_HEADER];
      return fetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
    };
    super({ url, fetcher: timedFetch as unknown as Fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context || !('requestId' in context)) return; // health checks and schema loading carry no request
    headers.set('x-request-id', context.requestId);
    headers.set('authorization', context.authorization);
    headers.set('x-purpose', context.purpose);
    if (request.variables?.representations) headers.set(ENTITY_FETCH_HEADER, '1');
  }

  /**
   * A subgraph that does not answer an entity fetch degrades to `null` for every field asked of it, with a
   * SUBGRAPH_UNAVAILABLE error, instead of failing the fetches that depend on it: the cross-checks receive
   * the missing facts as `null` and answer INCONCLUSIVE for the rules needing them, the others still answer.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const entities = () =>
      String(options.kind) === 'incoming operation' && 'request' in options
        ? nullEntities(options.request.query ?? '', options.request.variables?.representations)
        : undefined;
    try {
      if (Date.now() < this.hungUntil) {
        const data = entities();
        if (data) return this.unavailable(data);
      }
      return await super.process(options);
    } catch (err) {
      if (String(options.kind) !== 'incoming operation' || !('request' in options)) throw err;
      // A subgraph that answered 4xx (a token it refused, a bad request) is not "unavailable": that fails loudly.
      const status = (err as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
      if (status !== undefined && status < 500) throw err;
      const data = entities();
      if (!data) throw err;
      if (/timeout|aborted/i.test(String((err as Error).message))) this.hungUntil = Date.now() + HUNG_SUBGRAPH_PAUSE_MS;
      this.logger.warn(
        { subgraph: this.serviceName, err: (err as Error).message },
        'subgraph unavailable: its entity fields degrade to null',
      );
      return this.unavailable(data);
    }
  }

  private unavailable(data: Record<string, unknown>) {
    return {
      data,
      errors: [
        {
          message: `部门服务 ${this.serviceName} 暂不可用，其数据以空值返回`,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
        },
      ],
    };
  }
}

/** `{ _entities: [{ field: null, … }, …] }` for an `_entities` fetch, one object per representation. */
export function nullEntities(query: string, representations: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(representations)) return undefined;
  let doc;
  try {
    doc = parse(query);
  } catch {
    return undefined;
  }
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const entities = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return undefined;
  const keys = new Set<string>();
  const collect = (sels: readonly SelectionNode[]) => {
    for (const sel of sels) {
      if (sel.kind === Kind.FIELD && sel.name.value !== '__typename') keys.add(sel.alias?.value ?? sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet.selections);
    }
  };
  collect(entities.selectionSet.selections);
  return {
    _entities: representations.map((r) => ({
      __typename: (r as { __typename?: string }).__typename,
      ...Object.fromEntries([...keys].map((k) => [k, null])),
    })),
  };
}

/**
 * Subgraph URL overrides: the supergraph file records each subgraph's default URL; deployments move them
 * with `SUBGRAPH_URL_<AGENCY>` (e.g. the compose file's service names) without recomposing.
 */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const agency of AGENCIES) {
    const url = env[`SUBGRAPH_URL_${agencyEnvKey(agency)}`];
    if (url) out[agency] = url;
  }
  return out;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Verifies bearer tokens (JWKS in production, the hub's own key in the embedded default). */
  verifyToken: TokenVerifier;
  port: number;
  host?: string;
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
  /**
   * Extra Apollo Server plugins. This is the seam for authorization and audit (next issues): they run
   * before planning, so a filtered operation is what reaches the planner.
   */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /**
   * Strict mode: an operation asking for any field the caller may not see is rejected whole, instead of
   * returning that field as null with an UNAUTHORIZED_FIELD_OR_TYPE error.
   */
  rejectUnauthorized?: boolean;
  onAuthorizationDecision?: (decision: AuthorizationDecision) => void;
  /** The gateway's database for its audit log (`hub_gateway`); without it nothing is audited here. */
  auditDataSource?: DataSource;
  /** Folder of the reconciliation reports, served at `/reports/<run id>.xlsx|.json` to `crosscheck:read`. */
  reportsDir?: string;
  /** The built dashboard (dashboard/dist), served at `/dashboard`. */
  dashboardDir?: string;
  /**
   * The embedded default's dev login: `POST /auth/dev-token` mints a demo user's token with the hub's own key.
   * Never in production mode, where users log in through the OIDC provider.
   */
  devSigningKey?: SigningKey;
  /**
   * Production login: the OIDC provider the dashboard sends users to (authorization code + PKCE). With it
   * there is no dev login, whatever else is configured.
   */
  oidc?: OidcClientConfig;
  /**
   * How long a subgraph may take to answer one fetch (default 30 s, `HUB_SUBGRAPH_TIMEOUT_MS`). A subgraph
   * that hangs then degrades like one that is down, instead of holding every request that needs it.
   */
  subgraphTimeoutMs?: number;
}

/** Marks an entity fetch for the data source's fetcher (which times it); removed before the request leaves. */
const ENTITY_FETCH_HEADER = 'x-hub-entity-fetch';

/** After a subgraph timed out, its entity fetches degrade at once for this long (one slow probe, not all). */
const HUNG_SUBGRAPH_PAUSE_MS = 10_000;

export interface RunningGateway extends RunningService {
  subgraphUrls: Record<string, string>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const logger = opts.logger ?? createLogger('gateway');
  const production = isProduction();
  const overrides = opts.subgraphUrls ?? {};
  const effectiveUrls: Record<string, string> = {};
  // The planner gets the supergraph without its security features; the wrapper enforces them first.
  const { policy, plannerSdl } = separateSecurityFeatures(opts.supergraphSdl);
  const inner = new ApolloGateway({
    supergraphSdl: plannerSdl,
    buildService({ name, url }) {
      const target = overrides[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      effectiveUrls[name] = target;
      return new ForwardingDataSource(
        name,
        target,
        logger,
        opts.subgraphTimeoutMs ?? Number(process.env.HUB_SUBGRAPH_TIMEOUT_MS ?? 30_000),
      );
    },
    logger,
  });
  const gateway = new AuthorizingGateway(inner, {
    policy,
    rejectUnauthorized: opts.rejectUnauthorized ?? false,
    scopesOf: (context) => (context as GatewayContext).principal?.scopes ?? [],
    onDecision: (decision) => {
      if (opts.auditDataSource) recordDecision(decision);
      opts.onAuthorizationDecision?.(decision);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatErrorForClient(formatted, error, production, logger),
    plugins: [...(opts.auditDataSource ? [gatewayAuditPlugin(opts.auditDataSource, logger)] : []), ...(opts.plugins ?? [])],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(effectiveUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return [name, r.ok ? 'ok' : `http ${r.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(checks);
    const ok = checks.every(([, s]) => s === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs });
  });
  // The dev login never leaves this machine unless asked for (HUB_DEV_LOGIN=1), and never in production.
  const host = opts.host ?? '127.0.0.1';
  const devLogin =
    !!opts.devSigningKey &&
    !production &&
    !opts.oidc &&
    (['127.0.0.1', 'localhost', '::1'].includes(host) || process.env.HUB_DEV_LOGIN === '1');
  if (opts.dashboardDir) {
    const dir = opts.dashboardDir;
    app.use('/dashboard', express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // The app routes in the browser (#/…); any other path under /dashboard gets the app.
    app.get(/^\/dashboard(\/.*)?$/, (_req, res) => res.sendFile('index.html', { root: dir }));
  }
  // How the dashboard logs users in: public, no secrets (the dashboard is a public client using PKCE).
  app.get('/auth/config', (_req, res) => {
    res.set('cache-control', 'no-store');
    if (opts.oidc) res.json({ mode: 'oidc', issuer: opts.oidc.issuer, clientId: opts.oidc.clientId, scopes: opts.oidc.scopes });
    else res.json({ mode: devLogin ? 'dev' : 'none' });
  });
  // Who the bearer of a token is, as the hub reads it (role titles and the purposes the roles allow): the
  // dashboard asks after an OIDC login, since the provider's token is the only source of role and jurisdiction.
  app.get('/auth/me', async (req, res) => {
    try {
      const p = await opts.verifyToken(req.header('authorization') ?? '');
      res.set('cache-control', 'no-store');
      res.json({
        sub: p.sub,
        roles: p.roles,
        titles: p.roles.map((r) => (isRole(r) ? ROLES[r].title : r)),
        scopes: p.scopes,
        jurisdiction: p.jurisdiction,
        purposes: purposesOf(p.roles),
      });
    } catch (err) {
      const { status, code, message } = clientMessage(err, logger);
      res.status(status).json({ error: code, message });
    }
  });
  app.get('/auth/demo-users', (_req, res) => {
    res.json({
      devLogin,
      roles: !devLogin
        ? []
        : ALL_ROLES.filter((r) => !DEV_LOGIN_EXCLUDED.has(r)).map((r) => ({
            role: r,
            title: ROLES[r].title,
            agency: ROLES[r].agency,
            purposes: ROLES[r].purposes,
            jurisdictionDigits: ROLES[r].jurisdictionDigits,
          })),
    });
  });
  if (!devLogin) {
    // Said plainly rather than left to a bare 404: with an identity provider, users log in there.
    app.post('/auth/dev-token', (_req, res) => {
      res
        .status(404)
        .json({ error: 'NOT_FOUND', message: opts.oidc ? '本环境未开放演示登录，请通过统一身份认证登录' : '本环境未开放演示登录' });
    });
  } else {
    const key = opts.devSigningKey!;
    app.post('/auth/dev-token', express.json({ limit: '10kb' }), async (req, res) => {
      const body = (req.body ?? {}) as { role?: unknown; jurisdiction?: unknown };
      const role = String(body.role ?? '');
      const jurisdiction = (Array.isArray(body.jurisdiction) ? body.jurisdiction : String(body.jurisdiction ?? '').split(','))
        .map((j) => String(j).trim())
        .filter(Boolean);
      try {
        if (!isRole(role) || DEV_LOGIN_EXCLUDED.has(role)) throw new Error(`演示登录不提供此角色: ${role}`);
        const request = { role, jurisdiction, sub: `demo:${role}:${jurisdiction.join(',')}`, ttlSeconds: 8 * 3600 };
        checkTokenRequest(request);
        const token = await mintToken(key, request);
        logger.info({ role, jurisdiction }, 'dev login');
        res.json({ token, role, title: ROLES[role].title, scopes: ROLES[role].scopes, purposes: ROLES[role].purposes, jurisdiction });
      } catch (err) {
        res.status(400).json({ error: 'BAD_USER_INPUT', message: (err as Error).message });
      }
    });
  }
  // Run control from the dashboard: a reconciliation started by a user holding crosscheck:run, as that user
  // (their token and jurisdiction), through this gateway like any other caller. Answers once the run exists.
  const jobs = new Set<AbortController>();
  app.post('/jobs/reconcile', express.json({ limit: '10kb' }), async (req, res) => {
    try {
      const authorization = req.header('authorization') ?? '';
      const principal = await opts.verifyToken(authorization);
      const purpose = checkPurpose(principal, req.header('x-purpose'));
      if (!principal.scopes.includes('crosscheck:run') || purpose !== 'reconciliation') {
        res.status(403).json({ error: 'FORBIDDEN', message: '发起核查需要 crosscheck:run 权限，用途须为 reconciliation（比对核查）' });
        return;
      }
      const body = (req.body ?? {}) as { asOf?: string; region?: string };
      const region = String(body.region ?? principal.jurisdiction[0] ?? '');
      if (!/^\d{2,12}$/.test(region) || !principal.jurisdiction.some((j) => region.startsWith(j))) {
        res.status(400).json({ error: 'BAD_USER_INPUT', message: `核查区划须在您的辖区内: ${region}` });
        return;
      }
      const token = authorization.replace(/^Bearer\s+/i, '');
      const controller = new AbortController();
      jobs.add(controller);
      const started = new Promise<string>((resolve, reject) => {
        reconcile({
          signal: controller.signal,
          gateway: `http://127.0.0.1:${port}/graphql`,
          token,
          logger,
          asOf: body.asOf,
          region,
          onRun: ({ id }) => resolve(id),
        })
          .then(
            async (run) => {
              if (opts.reportsDir) {
                const client = new GatewayClient({ url: `http://127.0.0.1:${port}/graphql`, token, purpose: 'reconciliation', logger });
                await writeRunReport(client, run, opts.reportsDir).catch((err: Error) =>
                  logger.error({ err: err.message }, 'report not written'),
                );
              }
            },
            (err: Error) => {
              reject(err);
              logger.error({ err: err.message }, 'reconciliation started from the dashboard failed');
            },
          )
          .finally(() => jobs.delete(controller));
      });
      res.status(202).json({ runId: await started });
    } catch (err) {
      const { status, code, message } = clientMessage(err, logger);
      res.status(status).json({ error: code, message });
    }
  });
  if (opts.reportsDir) {
    const dir = opts.reportsDir;
    app.get('/reports/:file', async (req, res) => {
      try {
        const principal = await opts.verifyToken(req.header('authorization') ?? '');
        const purpose = checkPurpose(principal, req.header('x-purpose'));
        if (!principal.scopes.includes('crosscheck:read')) {
          res.status(403).json({ error: 'FORBIDDEN', message: '下载核查报告需要 crosscheck:read 权限' });
          return;
        }
        const file = String(req.params.file);
        const summaryFile = join(dir, file.replace(/\.(xlsx|json)$/, '.json'));
        if (!/^[0-9a-f-]{36}\.(xlsx|json)$/.test(file) || !existsSync(join(dir, file)) || !existsSync(summaryFile)) {
          res.status(404).json({ error: 'NOT_FOUND', message: '没有此报告' });
          return;
        }
        // A report lists every finding of its run: only for callers whose jurisdiction covers the run's region
        // and who hold the scopes of every rule family in it.
        const run = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { run: { region: string; rules: string[] } }).run;
        const needed = [...new Set(run.rules.flatMap((r) => FAMILY_SCOPES[familyOf(r as RuleId)] ?? []))];
        if (!principal.jurisdiction.some((j) => run.region.startsWith(j)) || !holdsAll(principal.scopes, needed)) {
          res.status(403).json({ error: 'FORBIDDEN', message: `下载此报告需要覆盖区划 ${run.region} 的辖区和权限 ${needed.join('、')}` });
          return;
        }
        if (opts.auditDataSource) {
          await appendChained(opts.auditDataSource, GATEWAY_AUDIT, {
            request_id: (req.header('x-request-id') ?? '').slice(0, 100) || randomUUID(),
            subject: principal.sub,
            roles: principal.roles,
            purpose,
            operation_name: 'downloadReport',
            operation_hash: createHash('sha256').update(`GET /reports/${file}`).digest('hex'),
            fields_requested: [`Report:${file}`],
            fields_denied: [],
            duration_ms: 0,
            outcome: 'ALLOWED',
          });
        }
        res.sendFile(file, { root: dir, headers: { 'cache-control': 'no-store' } });
      } catch (err) {
        const { status, code, message } = clientMessage(err, logger);
        res.status(status).json({ error: code, message });
      }
    });
  }
  app.use(
    '/graphql',
    express.json({ limit: '10mb' }),
    expressMiddleware(apollo, {
      // Authentication and purpose come before parsing and planning: nothing reaches a subgraph without them.
      context: async ({ req }) => {
        const authorization = req.header('authorization') ?? '';
        const principal = await opts.verifyToken(authorization);
        return {
          requestId: (req.header('x-request-id') ?? '').slice(0, 100) || randomUUID(),
          authorization,
          principal,
          purpose: checkPurpose(principal, req.header('x-purpose')),
        };
      },
    }),
  );
  const server = await listen(app, opts.port, host);
  const port = (server.address() as { port: number }).port;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url, subgraphs: effectiveUrls }, 'gateway listening');
  return {
    url,
    port,
    subgraphUrls: effectiveUrls,
    async stop() {
      // Runs started from the dashboard stop after their pages in flight and stay resumable.
      for (const c of jobs) c.abort();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}

export function readSupergraph(path: string): string {
  return readFileSync(path, 'utf8');
}
