import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** How this hub logs users in, as the portal says at /auth/config (public, no secrets). */
export type AuthConfig = { mode: 'dev' } | { mode: 'none' } | { mode: 'oidc'; issuer: string; clientId: string; scopes: string };

export async function fetchAuthConfig(): Promise<AuthConfig> {
  const res = await fetch('/auth/config');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as AuthConfig;
}

/** Who a token's bearer is, as the hub reads the token (GET /auth/me). */
export interface Me {
  sub: string;
  roles: string[];
  titles: string[];
  scopes: string[];
  jurisdiction: string[];
  purposes: string[];
}

export async function fetchMe(token: string): Promise<Me> {
  const res = await fetch('/auth/me', { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as Me & { message?: string };
  if (!res.ok) throw new Error(body.message ?? '身份认证失败');
  return body;
}

/** The dashboard's redirect URI at the provider: the app's own address, where the callback is handled. */
const redirectUri = () => `${location.origin}/dashboard/`;

/**
 * The OIDC client: authorization code with PKCE (S256; oidc-client-ts always sends a code challenge), as a
 * public client. Tokens and login state stay in this tab's sessionStorage; no silent renewal (an expired
 * token sends the user to log in again).
 */
export function userManager(cfg: Extract<AuthConfig, { mode: 'oidc' }>): UserManager {
  return new UserManager({
    authority: cfg.issuer,
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    post_logout_redirect_uri: redirectUri(),
    response_type: 'code',
    scope: cfg.scopes,
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** True when the page was opened by the provider's redirect back (authorization response in the query). */
export function isSigninCallback(): boolean {
  const q = new URLSearchParams(location.search);
  return q.has('state') && (q.has('code') || q.has('error'));
}
