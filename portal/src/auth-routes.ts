import { ALL_ROLES, isRole, purposesOf, ROLES } from '@hub/domain';
import { checkTokenRequest, mintToken, type Logger, type OidcClientConfig, type SigningKey, type TokenVerifier } from '@hub/service-kit';
import express, { type Router } from 'express';
import { sendError } from './http-errors';

/** Accounts the dashboard's dev login does not hand out: the nightly service account and auditors. */
const DEV_LOGIN_EXCLUDED = new Set<string>(['reconciliation-service', 'auditor']);

export interface AuthRoutesOptions {
  verifyToken: TokenVerifier;
  logger: Logger;
  /** Production login: the OIDC provider the dashboard sends users to (authorization code + PKCE). */
  oidc?: OidcClientConfig;
  /** The embedded default's demo login mints with this key; undefined means no demo login. */
  devSigningKey?: SigningKey;
}

/**
 * How people log in to the dashboard: `GET /auth/config` (public: which login, no secrets), `GET /auth/me` (who
 * a token's bearer is, as the hub reads the token), and the demo login of the embedded default
 * (`GET /auth/demo-users`, `POST /auth/dev-token`), which does not exist with an identity provider.
 */
export function authRoutes(opts: AuthRoutesOptions): Router {
  const { logger, oidc } = opts;
  const devLogin = !!opts.devSigningKey && !oidc;
  const router = express.Router();

  router.get('/auth/config', (_req, res) => {
    res.set('cache-control', 'no-store');
    if (oidc) res.json({ mode: 'oidc', issuer: oidc.issuer, clientId: oidc.clientId, scopes: oidc.scopes });
    else res.json({ mode: devLogin ? 'dev' : 'none' });
  });

  // After an OIDC login the provider's token is the only source of role and jurisdiction: the dashboard asks
  // the hub how it reads that token (role titles, and the purposes the roles allow).
  router.get('/auth/me', async (req, res) => {
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
      sendError(res, err, logger);
    }
  });

  router.get('/auth/demo-users', (_req, res) => {
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

  if (!devLogin || !opts.devSigningKey) {
    // Said plainly rather than left to a bare 404: with an identity provider, users log in there.
    router.post('/auth/dev-token', (_req, res) => {
      res.status(404).json({ error: 'NOT_FOUND', message: oidc ? '本环境未开放演示登录，请通过统一身份认证登录' : '本环境未开放演示登录' });
    });
    return router;
  }
  const key = opts.devSigningKey;
  router.post('/auth/dev-token', express.json({ limit: '10kb' }), async (req, res) => {
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
  return router;
}
