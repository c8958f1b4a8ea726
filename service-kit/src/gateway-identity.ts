import type { CryptoKey, JWK, KeyObject } from 'jose';
import { loadJose, loadOrCreateSigningKey, type SigningKey } from './auth';

/**
 * The gateway's own identity towards the subgraphs. Each subgraph fetch carries the caller's token (the subgraph
 * authorizes the caller with it) and, in `x-hub-gateway`, a short-lived token the gateway signs with a key of its
 * own. The federation's internals — `_service` (the subgraph's schema) and `_entities` (lookups by key, the
 * gateway's join) — answer only requests that carry a valid one; a person calling a subgraph directly gets its
 * root queries under the same field and row rules, nothing more.
 */
export const GATEWAY_IDENTITY_HEADER = 'x-hub-gateway';
const ISSUER = 'child-welfare-hub-gateway';
const AUDIENCE = 'child-welfare-hub-subgraphs';
/** Lifetime of one identity token; the gateway mints the next well before it ends. */
const LIFETIME_SECONDS = 300;

/** One gateway identity token, valid `ttlSeconds` (the gateway mints them; `hub gateway-token` for tests and tools). */
export async function mintGatewayToken(privateJwk: JWK, ttlSeconds = LIFETIME_SECONDS): Promise<string> {
  const jose = await loadJose();
  const key = await jose.importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new jose.SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('gateway')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
}

/** The gateway's side: the current identity token (minted every few minutes, shared by every fetch meanwhile). */
export function gatewayIdentity(privateJwk: JWK): () => Promise<string> {
  let current: { token: string; renewAt: number } | undefined;
  let minting: Promise<string> | undefined;
  return async () => {
    if (current && Date.now() < current.renewAt) return current.token;
    minting ??= mintGatewayToken(privateJwk)
      .then((token) => {
        current = { token, renewAt: Date.now() + (LIFETIME_SECONDS / 2) * 1000 };
        return token;
      })
      .finally(() => (minting = undefined));
    return minting;
  };
}

/**
 * A subgraph's side: whether a request comes from the gateway. No header: a direct caller (false). A header that
 * does not verify: refused by the caller (it says it is the gateway and is not). Verified tokens are remembered
 * until they expire, so the check costs one signature verification every few minutes.
 */
export function gatewayIdentityVerifier(publicJwk: JWK | undefined): (header: string | undefined) => Promise<boolean> {
  const verified = new Map<string, number>();
  let key: Promise<CryptoKey | KeyObject | Uint8Array> | undefined;
  return async (header) => {
    if (!header) return false;
    if (!publicJwk) throw new Error('a gateway identity was presented, but this service has no HUB_GATEWAY_PUBLIC_KEY to verify it');
    const until = verified.get(header);
    if (until !== undefined && Date.now() < until) return true;
    const jose = await loadJose();
    key ??= jose.importJWK(publicJwk, 'ES256');
    const { payload } = await jose.jwtVerify(header, await key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'] });
    if (verified.size > 100) verified.clear();
    verified.set(header, (payload.exp ?? 0) * 1000);
    return true;
  };
}

/**
 * The gateway's private key: HUB_GATEWAY_PRIVATE_KEY (a JWK, from `hub gateway-key`), else HUB_GATEWAY_KEY_FILE
 * (created on first use). Whichever gateway engine runs (the hub's, or Hive Gateway) signs with it.
 */
export async function gatewayPrivateKey(): Promise<SigningKey['privateJwk']> {
  if (process.env.HUB_GATEWAY_PRIVATE_KEY) return JSON.parse(process.env.HUB_GATEWAY_PRIVATE_KEY) as SigningKey['privateJwk'];
  const keyFile = process.env.HUB_GATEWAY_KEY_FILE;
  if (!keyFile) {
    throw new Error(
      'neither HUB_GATEWAY_PRIVATE_KEY nor HUB_GATEWAY_KEY_FILE is set: the gateway needs its own key to identify itself to the subgraphs',
    );
  }
  return (await loadOrCreateSigningKey(keyFile)).privateJwk;
}
