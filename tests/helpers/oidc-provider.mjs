/**
 * A real OpenID Connect provider for the production-login test: panva's `oidc-provider` with its own login
 * and consent pages (devInteractions: any password; the login name picks the account below), authorization
 * code + PKCE for the dashboard as a public client, and JWT access tokens for the hub (resource indicator
 * `urn:child-welfare-hub`, audience `child-welfare-hub`) carrying the hub's claims — as a real deployment's
 * provider would be configured to (docs/access.md, "Production login").
 *
 * Run as its own process (oidc-provider is an ES module; the jest suites are CommonJS):
 *   OIDC_PORT=24310 DASHBOARD_ORIGIN=http://127.0.0.1:4007 node tests/helpers/oidc-provider.mjs
 * Prints `OIDC_READY <issuer>` when it listens.
 */
import { createRequire } from 'node:module';
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { errors } from 'oidc-provider';

const require = createRequire(import.meta.url);
const { ROLES, scopesOf, ALL_SCOPES } = require('@hub/domain');

const port = Number(process.env.OIDC_PORT ?? 24310);
const dashboardOrigin = process.env.DASHBOARD_ORIGIN ?? 'http://127.0.0.1:24300';
const issuer = `http://127.0.0.1:${port}`;
const RESOURCE = 'urn:child-welfare-hub';
const AUDIENCE = 'child-welfare-hub';

/** The provider's users: login name → the hub's role and jurisdiction (what an IdP's directory would hold). */
const ACCOUNTS = {
  wangfang: { name: '王芳', roles: ['ca-caseworker'], jurisdiction: ['500110'] },
  liuyang: { name: '刘洋', roles: ['health-worker'], jurisdiction: ['500110'] },
};

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'oidc-test-es256', alg: 'ES256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'hub-dashboard',
      token_endpoint_auth_method: 'none', // a public client: PKCE instead of a secret
      redirect_uris: [`${dashboardOrigin}/dashboard/`],
      post_logout_redirect_uris: [`${dashboardOrigin}/dashboard/`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== RESOURCE) throw new errors.InvalidTarget();
        return {
          scope: ALL_SCOPES.join(' '),
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  },
  findAccount: (_ctx, id) => {
    const account = ACCOUNTS[id];
    return account ? { accountId: id, claims: () => ({ sub: id, name: account.name }) } : undefined;
  },
  // The hub's claims on the access token: roles, jurisdiction, agency.
  extraTokenClaims: (_ctx, token) => {
    if (token.kind !== 'AccessToken') return undefined;
    const account = ACCOUNTS[token.accountId];
    return account ? { roles: account.roles, jurisdiction: account.jurisdiction, agency: ROLES[account.roles[0]].agency } : undefined;
  },
  formats: {
    customizers: {
      // The provider grants only the hub scopes the user's role holds, whatever the client asked for.
      jwt: (_ctx, token, jwt) => {
        const account = ACCOUNTS[token.accountId];
        const allowed = new Set(account ? scopesOf(account.roles) : []);
        jwt.payload.scope = String(jwt.payload.scope ?? '')
          .split(' ')
          .filter((s) => allowed.has(s))
          .join(' ');
      },
    },
  },
  clientBasedCORS: (_ctx, origin) => origin === dashboardOrigin,
});
provider.on('server_error', (_ctx, err) => console.error('oidc server_error', err));

const server = provider.listen(port, '127.0.0.1', () => console.log(`OIDC_READY ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
