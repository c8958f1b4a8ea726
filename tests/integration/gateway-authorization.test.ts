import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { fakeSubgraph } from '../helpers/fake-subgraph';
import { gql, quietLogger, ROOT } from '../helpers/hub';

/**
 * The gateway enforces the supergraph's @requiresScopes itself, before planning: what a caller may not see
 * is removed from the operation (so it never reaches a subgraph), reported at its path with Apollo Router's
 * code, and the plan cache never lets one caller's plan serve another. Recording stand-ins for civil affairs
 * and health show exactly what each subgraph was asked.
 */
const supergraphSdl = readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8');

const PRINCIPALS: Record<string, { sub: string; agency: string; roles: string[]; scopes: string[]; jurisdiction: string[] }> = {
  // Sees serious illnesses (health:sensitive).
  'Bearer full': {
    sub: 'full',
    agency: 'civil-affairs',
    roles: ['reconciliation-service'],
    scopes: ['child:basic', 'welfare:read', 'health:basic', 'health:sensitive'],
    jurisdiction: ['50'],
  },
  // Does not.
  'Bearer weak': {
    sub: 'weak',
    agency: 'civil-affairs',
    roles: ['reconciliation-service'],
    scopes: ['child:basic', 'welfare:read', 'health:basic'],
    jurisdiction: ['50'],
  },
  // Reads the ledger but not children's names.
  'Bearer noname': {
    sub: 'noname',
    agency: 'civil-affairs',
    roles: ['reconciliation-service'],
    scopes: ['welfare:read'],
    jurisdiction: ['50'],
  },
};
const verifyToken = async (authorization: string | null | undefined) => {
  const p = PRINCIPALS[authorization ?? ''];
  if (!p) throw new Error('unexpected token');
  return p;
};
const as = (who: 'full' | 'weak' | 'noname') => ({ authorization: `Bearer ${who}`, 'x-purpose': 'reconciliation' });

// Byte-identical query text for every caller.
const QUERY = '{ roster(first: 1) { nodes { id welfare { riskColour } seriousIllnesses { icd10 } } } }';

describe('gateway field-level authorization', () => {
  let gateway: RunningGateway;
  let ca: Awaited<ReturnType<typeof fakeSubgraph>>;
  let health: Awaited<ReturnType<typeof fakeSubgraph>>;

  async function start(rejectUnauthorized = false) {
    ca = await fakeSubgraph((body) =>
      body.query.includes('welfare')
        ? { data: { roster: { nodes: [{ __typename: 'Child', id: 'c1', welfare: { riskColour: 'RED', name: '张三' } }] } } }
        : { data: { roster: { nodes: [{ __typename: 'Child', id: 'c1' }] } } },
    );
    health = await fakeSubgraph(() => ({ data: { _entities: [{ seriousIllnesses: [{ icd10: 'C91.0' }] }] } }));
    gateway = await startGateway({
      supergraphSdl,
      port: 0,
      subgraphUrls: { 'civil-affairs': ca.url, health: health.url },
      verifyToken,
      rejectUnauthorized,
      logger: quietLogger(),
    });
  }

  afterEach(async () => {
    await gateway.stop();
    await new Promise((r) => ca.server.close(r));
    await new Promise((r) => health.server.close(r));
  });

  const healthAsked = () => health.calls.map((c) => c.body.query).join('\n');

  it('removes a field the caller lacks the scope for: null at its path, Router’s code, the scope named — and health is never asked', async () => {
    await start();
    const res = await gql(gateway.url, QUERY, undefined, as('weak'));
    expect(res.body.data).toEqual({ roster: { nodes: [{ id: 'c1', welfare: { riskColour: 'RED' }, seriousIllnesses: null }] } });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({
      path: ['roster', 'nodes', 'seriousIllnesses'],
      extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', field: 'Child.seriousIllnesses' },
    });
    expect(res.body.errors![0].message).toContain('Child.seriousIllnesses');
    expect(res.body.errors![0].message).toContain('health:sensitive');
    expect(JSON.stringify(res.body)).not.toContain('stacktrace');
    expect(health.calls).toHaveLength(0);
    expect(ca.calls.map((c) => c.body.query).join('')).not.toContain('seriousIllnesses');
  });

  it.each([
    ['entitled caller first', ['full', 'weak'] as const],
    ['unentitled caller first', ['weak', 'full'] as const],
  ])('one query text, two callers of different scopes (%s): each gets its own plan', async (_name, order) => {
    await start();
    for (const who of order) {
      const before = health.calls.length;
      const res = await gql(gateway.url, QUERY, undefined, as(who));
      const node = (res.body.data as { roster: { nodes: { seriousIllnesses: unknown }[] } }).roster.nodes[0];
      if (who === 'full') {
        expect(res.body.errors).toBeUndefined();
        expect(node.seriousIllnesses).toEqual([{ icd10: 'C91.0' }]);
        expect(health.calls.length).toBe(before + 1);
      } else {
        expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
        expect(node.seriousIllnesses).toBeNull();
        expect(health.calls.length).toBe(before); // the cached plan of the other caller was not used
      }
    }
    // And once more in the first order, with both plans cached.
    for (const who of order) await gql(gateway.url, QUERY, undefined, as(who));
    expect(health.calls).toHaveLength(2);
    expect(healthAsked()).toContain('seriousIllnesses');
  });

  it('follows aliases and fragments, and keeps an object whose every field was denied', async () => {
    await start();
    const q = `query Q { roster(first: 1) { nodes { ...F sick: seriousIllnesses { icd10 } welfare { name } } } }
               fragment F on Child { id seriousIllnesses { icd10 } }`;
    const res = await gql(gateway.url, q, undefined, as('noname'));
    expect(res.body.data).toEqual({ roster: { nodes: [{ id: 'c1', seriousIllnesses: null, sick: null, welfare: { name: null } }] } });
    const denied = res.body.errors!.map((e) => `${(e.path ?? []).join('.')} ${String(e.extensions?.field)}`).sort();
    expect(denied).toEqual([
      'roster.nodes.seriousIllnesses Child.seriousIllnesses',
      'roster.nodes.sick Child.seriousIllnesses',
      'roster.nodes.welfare.name WelfareRecord.name',
    ]);
    expect(health.calls).toHaveLength(0);
    expect(ca.calls.map((c) => c.body.query).join('')).not.toMatch(/\bname\b/);
  });

  it('a root field the caller may not read at all is answered with null and never planned', async () => {
    await start();
    const res = await gql(gateway.url, '{ gatewayAuditLog(first: 1) { nodes { seq } } }', undefined, as('full'));
    expect(res.body).toMatchObject({
      data: { gatewayAuditLog: null },
      errors: [{ path: ['gatewayAuditLog'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }],
    });
    expect(res.body.errors![0].message).toContain('audit:read');
    expect(ca.calls).toHaveLength(0);
  });

  it('strict mode rejects the whole operation and asks no subgraph anything', async () => {
    await start(true);
    const res = await gql(gateway.url, QUERY, undefined, as('weak'));
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(ca.calls).toHaveLength(0);
    expect(health.calls).toHaveLength(0);
    const ok = await gql(gateway.url, QUERY, undefined, as('full'));
    expect(ok.body.errors).toBeUndefined();
  });

  it('drops a variable only a denied field used, so the filtered operation still executes', async () => {
    await start();
    const q = 'query Q($y: Int) { roster(first: 1) { nodes { id insuranceEnrolments(year: $y) { year } } } }';
    const res = await gql(gateway.url, q, { y: 2025 }, as('noname'));
    expect(res.body.data).toEqual({ roster: { nodes: [{ id: 'c1', insuranceEnrolments: null }] } });
    expect(res.body.errors?.map((e) => e.extensions?.field)).toEqual(['Child.insuranceEnrolments']);
    expect(ca.calls[0].body.query).not.toContain('$y');
  });
});
