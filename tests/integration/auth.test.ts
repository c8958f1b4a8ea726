import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql, hubInfo, subgraphUrl, token } from '../helpers/hub';

/**
 * Authentication and purpose, through the real gateway and directly against a subgraph: no personal
 * data without a valid token signed by the hub's key and a purpose the caller's role allows.
 */
const QUERY = '{ roster(first: 1) { totalCount } }';

describe('authentication and purpose', () => {
  const info = hubInfo();
  const caseworker = () => token('ca-caseworker', '500112');
  const otherKeyDir = mkdtempSync(join(tmpdir(), 'other-key-'));
  afterAll(() => rmSync(otherKeyDir, { recursive: true, force: true }));

  async function expectRefused(headers: Record<string, string>, code: string, message: RegExp, url = info.gateway) {
    const res = await gql(url, QUERY, undefined, headers);
    expect(res.body.data?.roster).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expect(res.status).toBe(code === 'UNAUTHENTICATED' ? 401 : 403);
    expect(JSON.stringify(res.body)).not.toContain('stacktrace');
  }

  it('answers a valid token with an allowed purpose', async () => {
    const res = await gql(info.gateway, QUERY, undefined, { authorization: `Bearer ${caseworker()}`, 'x-purpose': 'case-work' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ roster: { totalCount: expect.any(Number) } });
  });

  it.each([
    ['no token', {}, /未登录/],
    ['a malformed header', { authorization: 'Token abc' }, /格式错误/],
    ['a token that is not a JWT', { authorization: 'Bearer abc.def.ghi' }, /令牌/],
  ])('refuses %s as UNAUTHENTICATED', async (_name, headers, message) => {
    await expectRefused({ ...headers, 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', message);
  });

  it('refuses a token signed by another key', async () => {
    const forged = token('ca-caseworker', '500112', { dataDir: otherKeyDir });
    await expectRefused({ authorization: `Bearer ${forged}`, 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', /签名无效/);
  });

  it('refuses a token whose claims were altered after signing', async () => {
    const [h, p, s] = caseworker().split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { jurisdiction: string[] };
    claims.jurisdiction = ['50'];
    const tampered = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    await expectRefused({ authorization: `Bearer ${tampered}`, 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', /签名无效/);
  });

  it('refuses an expired token', async () => {
    const shortLived = token('ca-caseworker', '500112', { ttl: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    await expectRefused({ authorization: `Bearer ${shortLived}`, 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', /过期/);
  });

  it('refuses a token once it expires even though it verified before (the verification is remembered until exp only)', async () => {
    const shortLived = token('ca-caseworker', '500112', { ttl: 2 });
    const headers = { authorization: `Bearer ${shortLived}`, 'x-purpose': 'case-work' };
    // Through the gateway and at a subgraph directly: both remember the token now.
    const ok = await gql(info.gateway, QUERY, undefined, headers);
    expect(ok.body.errors).toBeUndefined();
    const direct = await gql(subgraphUrl(info, 'civil-affairs'), QUERY, undefined, headers);
    expect(direct.body.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 3100));
    await expectRefused(headers, 'UNAUTHENTICATED', /过期/);
    await expectRefused(headers, 'UNAUTHENTICATED', /过期/, subgraphUrl(info, 'civil-affairs'));
  });

  it.each([
    ['no purpose', undefined, /x-purpose/],
    ['an unknown purpose', 'curiosity', /未知用途/],
    ['a purpose the role may not state', 'reconciliation', /不允许/],
  ])('refuses %s as FORBIDDEN', async (_name, purpose, message) => {
    const headers: Record<string, string> = { authorization: `Bearer ${caseworker()}` };
    if (purpose) headers['x-purpose'] = purpose;
    await expectRefused(headers, 'FORBIDDEN', message);
  });

  it('a subgraph called directly verifies the token itself', async () => {
    const civilAffairs = subgraphUrl(info, 'civil-affairs');
    await expectRefused({ 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', /未登录/, civilAffairs);
    const forged = token('ca-caseworker', '500112', { dataDir: otherKeyDir });
    await expectRefused({ authorization: `Bearer ${forged}`, 'x-purpose': 'case-work' }, 'UNAUTHENTICATED', /签名无效/, civilAffairs);
    const ok = await gql(civilAffairs, QUERY, undefined, { authorization: `Bearer ${caseworker()}`, 'x-purpose': 'case-work' });
    expect(ok.body.errors).toBeUndefined();
  });
});
