import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GraphQLError } from 'graphql';
import type { JWK, JWTVerifyGetKey, KeyObject, CryptoKey } from 'jose';
import { ALL_SCOPES, isPurpose, isRole, maskIdNumber, purposesOf, ROLES, scopesOf, type Purpose, type Role } from '@hub/domain';

/**
 * Authentication: JWT bearer tokens (ES256) verified with `jose` — against a JWKS URL in production,
 * against the hub's own key in the embedded default (generated on first start, kept with the data).
 * `jose` is an ES module; it is loaded on first use so that importing the shared library stays cheap.
 */
export const loadJose = () => import('jose');

const TOKEN_ISSUER = 'child-welfare-hub';
const TOKEN_AUDIENCE = 'child-welfare-hub';

/** Who is calling, as established from a verified token. */
export interface Principal {
  sub: string;
  agency: string;
  roles: string[];
  scopes: string[];
  /** Region-code prefixes the caller may see. */
  jurisdiction: string[];
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The embedded default's signing key: created once (mode 0600) and reused, so tokens survive restarts. */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  const jose = await loadJose();
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const key: SigningKey = {
    kid,
    privateJwk: { ...(await jose.exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600 });
  return key;
}

export interface TokenRequest {
  role: Role;
  jurisdiction: string[];
  sub?: string;
  /** Lifetime in seconds (default 8 hours: a working day). */
  ttlSeconds?: number;
}

/** Checks a demo-token request against the role table: known role, jurisdiction of the role's level. */
export function checkTokenRequest(req: TokenRequest): void {
  if (!isRole(req.role)) throw new Error(`unknown role ${JSON.stringify(req.role)}; roles: ${Object.keys(ROLES).join(', ')}`);
  const digits = ROLES[req.role].jurisdictionDigits;
  if (req.jurisdiction.length === 0) throw new Error('a token needs at least one jurisdiction (region-code prefix)');
  for (const j of req.jurisdiction) {
    if (!/^\d+$/.test(j) || j.length !== digits) {
      throw new Error(`role ${req.role} takes jurisdictions of ${digits} digits (region codes); got ${JSON.stringify(j)}`);
    }
  }
}

/** Mints a token for a demo role with the hub's own key (the `token` command, tests, the dev login). */
export async function mintToken(key: SigningKey, req: TokenRequest): Promise<string> {
  checkTokenRequest(req);
  const jose = await loadJose();
  const role = ROLES[req.role];
  const privateKey = await jose.importJWK(key.privateJwk, 'ES256');
  return new jose.SignJWT({
    agency: role.agency,
    roles: [req.role],
    scope: scopesOf([req.role]).join(' '),
    jurisdiction: req.jurisdiction,
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(req.sub ?? `demo:${req.role}:${req.jurisdiction.join(',')}`)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${req.ttlSeconds ?? 8 * 3600}s`)
    .sign(privateKey);
}

export interface VerifierOptions {
  /** Production: the identity provider's JWKS. */
  jwksUrl?: string;
  /**
   * Production with an OpenID Connect provider and no `jwksUrl`: the provider's issuer URL; its JWKS is
   * found through discovery (`<issuer>/.well-known/openid-configuration` → `jwks_uri`) on first use.
   */
  oidcIssuer?: string;
  /** Embedded default: the hub's public key. */
  publicJwk?: JWK;
  issuer?: string;
  audience?: string;
  /** Longest lifetime a token may have, `exp` − `iat` (or − now): default 12 hours (`HUB_TOKEN_MAX_LIFETIME_SECONDS`). */
  maxLifetimeSeconds?: number;
  /** How far in the future an `iat` may lie (the issuer's clock ahead of this host's): 60 s. `exp` is exact. */
  clockSkewSeconds?: number;
}

export type TokenVerifier = (authorization: string | null | undefined) => Promise<Principal>;

/**
 * Where the verifier's key comes from, by environment: `HUB_JWKS_URL`, else the OIDC provider's discovery
 * (`HUB_OIDC_ISSUER`, whose issuer the tokens must then name unless `HUB_JWT_ISSUER` says otherwise), else
 * `HUB_JWT_PUBLIC_KEY` (a JWK as JSON, the embedded default).
 */
export function verifierOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): VerifierOptions {
  const oidcIssuer = env.HUB_OIDC_ISSUER || undefined;
  const issuer = env.HUB_JWT_ISSUER || oidcIssuer;
  const audience = env.HUB_JWT_AUDIENCE || undefined;
  if (env.HUB_JWKS_URL) return { jwksUrl: env.HUB_JWKS_URL, issuer, audience };
  if (oidcIssuer) return { oidcIssuer, issuer, audience };
  if (env.HUB_JWT_PUBLIC_KEY) return { publicJwk: JSON.parse(env.HUB_JWT_PUBLIC_KEY) as JWK };
  throw new Error('no token verification key: set HUB_OIDC_ISSUER or HUB_JWKS_URL (production) or HUB_JWT_PUBLIC_KEY (a JWK)');
}

/** Whether users log in through an identity provider (then the hub's own key mints nothing: no dev login). */
export function identityProviderConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(env.HUB_JWKS_URL || env.HUB_OIDC_ISSUER);
}

/**
 * What the dashboard needs to log users in at the OIDC provider (authorization code + PKCE, a public
 * client: no secret exists to leak). Served by the portal at `/auth/config`.
 */
export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  /** Requested at the provider, space-separated: `openid` and the hub scopes; the provider grants those of the user's role. */
  scopes: string;
}

/** `HUB_OIDC_ISSUER` + `HUB_OIDC_CLIENT_ID` (+ `HUB_OIDC_SCOPES`); undefined without an issuer. */
export function oidcClientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OidcClientConfig | undefined {
  const issuer = env.HUB_OIDC_ISSUER;
  if (!issuer) return undefined;
  const url = new URL(issuer); // refuses a malformed issuer at start, not at the first login
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`HUB_OIDC_ISSUER must be an https URL (got ${issuer})`);
  }
  const clientId = env.HUB_OIDC_CLIENT_ID;
  if (!clientId) throw new Error("HUB_OIDC_ISSUER is set but HUB_OIDC_CLIENT_ID is not: the dashboard's client id at the provider");
  return { issuer, clientId, scopes: env.HUB_OIDC_SCOPES || ['openid', ...ALL_SCOPES].join(' ') };
}

/** The provider's JWKS URL from its discovery document, checking that it speaks for the configured issuer. */
async function discoverJwksUri(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OIDC discovery at ${issuer} answered HTTP ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== issuer) throw new Error(`OIDC discovery at ${issuer} names another issuer: ${String(doc.issuer)}`);
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC discovery at ${issuer} has no jwks_uri`);
  return doc.jwks_uri;
}

/**
 * A verifier of `Authorization: Bearer …` headers. Missing, malformed, expired, wrongly signed tokens
 * and tokens without the hub's claims are UNAUTHENTICATED; the message says which, never the token.
 */
export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  let keyPromise: Promise<KeyObject | CryptoKey | Uint8Array | JWTVerifyGetKey> | undefined;
  const key = async () => {
    const jose = await loadJose();
    if (opts.jwksUrl) return jose.createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: 30_000 });
    if (opts.oidcIssuer) return jose.createRemoteJWKSet(new URL(await discoverJwksUri(opts.oidcIssuer)), { cooldownDuration: 30_000 });
    if (opts.publicJwk) return jose.importJWK(opts.publicJwk, 'ES256');
    throw new Error('verifier has neither a JWKS URL nor a public key');
  };
  const maxLifetimeSeconds = opts.maxLifetimeSeconds ?? Number(process.env.HUB_TOKEN_MAX_LIFETIME_SECONDS ?? 12 * 3600);
  if (!Number.isInteger(maxLifetimeSeconds) || maxLifetimeSeconds < 1) {
    throw new Error(`HUB_TOKEN_MAX_LIFETIME_SECONDS: expected a positive whole number of seconds, got ${String(maxLifetimeSeconds)}`);
  }
  const skewSeconds = opts.clockSkewSeconds ?? 60;
  // A token that verified is the same token until it expires: remembered (by its whole text) until its `exp`, so
  // a caller asking all day costs one signature check per token per process, not one per request. Only
  // successes are kept; a failure is checked again each time.
  const verified = new Map<string, { principal: Principal; exp: number }>();
  return async (authorization) => {
    if (!authorization) throw unauthenticated('未登录：请求缺少 Authorization: Bearer 令牌');
    const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!m) throw unauthenticated('令牌格式错误：应为 Authorization: Bearer <JWT>');
    const known = verified.get(m[1]);
    if (known) {
      if (Date.now() < known.exp * 1000) return known.principal;
      verified.delete(m[1]);
    }
    const jose = await loadJose();
    // A failed discovery is not remembered: the next request asks the provider again.
    keyPromise ??= key().catch((err: unknown) => {
      keyPromise = undefined;
      throw err;
    });
    const k = await keyPromise;
    let payload: Record<string, unknown>;
    try {
      const verified =
        typeof k === 'function'
          ? await jose.jwtVerify(m[1], k, {
              issuer: opts.issuer ?? TOKEN_ISSUER,
              audience: opts.audience ?? TOKEN_AUDIENCE,
              algorithms: ['ES256', 'RS256'],
              requiredClaims: ['exp'],
            })
          : await jose.jwtVerify(m[1], k, {
              issuer: opts.issuer ?? TOKEN_ISSUER,
              audience: opts.audience ?? TOKEN_AUDIENCE,
              algorithms: ['ES256'],
              requiredClaims: ['exp'],
            });
      payload = verified.payload as Record<string, unknown>;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw unauthenticated('令牌已过期，请重新登录');
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw unauthenticated('令牌签名无效');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
        const claim = (err as { claim?: string }).claim;
        if (claim === 'exp') throw unauthenticated('令牌缺少有效期（exp）');
        if (claim === 'nbf' || claim === 'iat') throw unauthenticated('令牌尚未生效');
        throw unauthenticated('令牌的签发方或受众不符');
      }
      throw unauthenticated('令牌无效');
    }
    const principal = principalOf(payload, { maxLifetimeSeconds, skewSeconds });
    if (verified.size >= VERIFIED_TOKENS_KEPT) {
      const now = Date.now();
      for (const [t, v] of verified) if (now >= v.exp * 1000) verified.delete(t);
      // Still full of live tokens: forget the oldest half rather than grow without bound.
      if (verified.size >= VERIFIED_TOKENS_KEPT)
        for (const t of [...verified.keys()].slice(0, VERIFIED_TOKENS_KEPT / 2)) verified.delete(t);
    }
    verified.set(m[1], { principal, exp: payload.exp as number });
    return principal;
  };
}

/** Verified tokens one process remembers (each a few hundred bytes): far more than the callers of a working day. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * The caller as the hub takes a verified token (token policy, docs/security.md). The role table is authoritative:
 * an identity provider can grant no more than it says.
 * - `exp` is required and the lifetime bounded; an `iat` in the future (beyond the clock skew) is refused.
 * - Roles must be the hub's; unknown ones are ignored, and a token with none of the hub's roles is refused.
 * - Scopes are the token's scopes that its roles grant: a scope the roles do not carry is dropped.
 * - Every jurisdiction prefix must be of the level of one of its roles (a district caseworker's 6 digits, not a
 *   province's 2).
 */
function principalOf(payload: Record<string, unknown>, policy: { maxLifetimeSeconds: number; skewSeconds: number }): Principal {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number') throw unauthenticated('令牌缺少有效期（exp）');
  if (typeof payload.iat === 'number' && payload.iat > now + policy.skewSeconds) throw unauthenticated('令牌的签发时间（iat）晚于当前时间');
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - issuedAt > policy.maxLifetimeSeconds) {
    throw unauthenticated(`令牌有效期过长（上限 ${Math.round(policy.maxLifetimeSeconds / 3600)} 小时）`);
  }
  const claimed = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const jurisdiction = Array.isArray(payload.jurisdiction)
    ? payload.jurisdiction.filter((j): j is string => typeof j === 'string' && /^\d{2,12}$/.test(j))
    : [];
  if (typeof payload.sub !== 'string' || claimed.length === 0 || jurisdiction.length === 0 || typeof payload.scope !== 'string') {
    throw unauthenticated('令牌缺少必要声明（sub、roles、scope、jurisdiction）');
  }
  const roles = claimed.filter(isRole);
  if (roles.length === 0) throw unauthenticated('令牌未包含本系统的角色');
  const levels = new Set(roles.map((r) => ROLES[r].jurisdictionDigits as number));
  const wrong = jurisdiction.find((j) => !levels.has(j.length));
  if (wrong !== undefined) throw unauthenticated(`令牌的辖区 ${wrong} 与角色的层级不符（应为 ${[...levels].join('、')} 位区划代码）`);
  const granted = new Set<string>(scopesOf(roles));
  return {
    sub: payload.sub,
    agency: typeof payload.agency === 'string' ? payload.agency : '',
    roles,
    scopes: payload.scope.split(' ').filter((s) => granted.has(s)),
    jurisdiction,
  };
}

/**
 * The stated purpose (`x-purpose`) must be one the caller's roles allow. Missing or disallowed →
 * FORBIDDEN with a message that says which purposes would be accepted.
 */
export function checkPurpose(principal: Principal, purpose: string | null | undefined): Purpose {
  const allowed = purposesOf(principal.roles);
  if (!purpose) throw forbidden(`请在 x-purpose 请求头中说明用途；您的角色可用：${allowed.join('、')}`);
  // A header value is echoed only as a short prefix: an error must not reflect what a caller sent at length.
  if (!isPurpose(purpose)) throw forbidden(`未知用途 ${JSON.stringify(shortPrefix(purpose))}；您的角色可用：${allowed.join('、')}`);
  if (!allowed.includes(purpose)) throw forbidden(`您的角色不允许以“${purpose}”用途访问；可用：${allowed.join('、')}`);
  return purpose;
}

/** At most 32 characters of a value a caller sent, for an error message. */
function shortPrefix(value: string): string {
  return value.length > 32 ? `${value.slice(0, 32)}…` : value;
}

/**
 * The citizen ID number as the caller may see it: whole with the identity scope, otherwise masked
 * (`500112********1234`: region kept for routing, birth date and sequence hidden).
 */
export function discloseIdNumber(principal: Principal, idNumber: string | null): string | null {
  if (idNumber === null) return null;
  return principal.scopes.includes('child:identity') ? idNumber : maskIdNumber(idNumber);
}

/** LIKE patterns of the caller's jurisdiction prefixes, for `region LIKE ANY($n)` in SQL. */
export function jurisdictionPatterns(principal: Principal): string[] {
  return principal.jurisdiction.map((p) => `${p}%`);
}
