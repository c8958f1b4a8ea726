import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { fakeSubgraph } from '../helpers/fake-subgraph';
import { createDataSource } from '@hub/service-kit';
import { gql, hubInfo, quietLogger, ROOT } from '../helpers/hub';

/**
 * The gateway's own contract, against a recording stand-in for the civil-affairs subgraph: which
 * request headers reach subgraphs (the seam authorization and audit build on) and what clients see of
 * a subgraph failure in production mode. The stand-in's failures are expected: the gateways log nothing.
 */
const supergraphSdl = readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8');
const ROSTER = '{ roster(first: 1) { totalCount } }';

/**
 * The gateway's token check is exercised end to end in auth.test.ts (real keys, real processes); here a
 * verifier that accepts one known token keeps the test about forwarding and error hygiene.
 */
const PRINCIPAL = {
  sub: 'tester',
  agency: 'civil-affairs',
  roles: ['ca-supervisor'],
  scopes: ['child:basic', 'welfare:read'],
  jurisdiction: ['5001'],
};
const verifyToken = async (authorization: string | null | undefined) => {
  if (authorization !== 'Bearer abc.def.ghi') throw new Error('unexpected token');
  return PRINCIPAL;
};
const AUTH = { authorization: 'Bearer abc.def.ghi', 'x-purpose': 'case-work' };

describe('gateway', () => {
  let gateway: RunningGateway | undefined;
  let fake: Awaited<ReturnType<typeof fakeSubgraph>> | undefined;

  afterEach(async () => {
    await gateway?.stop();
    await new Promise((r) => fake?.server.close(r));
    gateway = undefined;
    fake = undefined;
  });

  it('forwards Authorization, x-purpose and x-request-id to subgraphs, and nothing else of the client’s', async () => {
    fake = await fakeSubgraph(() => ({ data: { roster: { totalCount: 3 } } }));
    gateway = await startGateway({
      supergraphSdl,
      port: 0,
      subgraphUrls: { 'civil-affairs': fake.url },
      verifyToken,
      logger: quietLogger(),
    });
    const res = await gql(gateway.url, ROSTER, undefined, {
      ...AUTH,
      'x-request-id': 'req-0001',
      cookie: 'session=should-not-travel',
    });
    expect(res.body).toEqual({ data: { roster: { totalCount: 3 } } });
    expect(fake.calls).toHaveLength(1);
    const sent = fake.calls[0].headers;
    expect(sent.authorization).toBe('Bearer abc.def.ghi');
    expect(sent['x-purpose']).toBe('case-work');
    expect(sent['x-request-id']).toBe('req-0001');
    expect(sent.cookie).toBeUndefined();
  });

  it('gives every request an id when the client sends none', async () => {
    fake = await fakeSubgraph(() => ({ data: { roster: { totalCount: 0 } } }));
    gateway = await startGateway({
      supergraphSdl,
      port: 0,
      subgraphUrls: { 'civil-affairs': fake.url },
      verifyToken,
      logger: quietLogger(),
    });
    await gql(gateway.url, ROSTER, undefined, AUTH);
    await gql(gateway.url, ROSTER, undefined, AUTH);
    const ids = fake.calls.map((c) => c.headers['x-request-id']);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('in production mode hides subgraph internals and stack traces and refuses introspection', async () => {
    fake = await fakeSubgraph(() => ({
      data: { roster: null },
      errors: [
        {
          message: 'relation "child_record" does not exist',
          path: ['roster'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['QueryFailedError: at …'] },
        },
      ],
    }));
    gateway = await startGateway({
      supergraphSdl,
      port: 0,
      subgraphUrls: { 'civil-affairs': fake.url },
      verifyToken,
      logger: quietLogger(),
      production: true,
    });
    const res = await gql(gateway.url, ROSTER, undefined, AUTH);
    const text = JSON.stringify(res.body);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toContain('child_record');
    expect(text).not.toContain('stacktrace');
    expect(text).not.toContain('QueryFailedError');

    const intro = await gql(gateway.url, '{ __schema { types { name } } }', undefined, AUTH);
    expect(intro.body.data).toBeUndefined();
    expect(intro.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('withholds the data when its audit row cannot be written: HTTP 500, a coded error, no data', async () => {
    // An audit database without the gateway's audit table: every append fails.
    const info = hubInfo();
    const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
    const broken = createDataSource({
      name: 'broken-audit',
      url: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/hub_education`,
      poolSize: 1,
    });
    await broken.initialize();
    try {
      fake = await fakeSubgraph(() => ({ data: { roster: { totalCount: 3 } } }));
      gateway = await startGateway({
        supergraphSdl,
        port: 0,
        subgraphUrls: { 'civil-affairs': fake.url },
        verifyToken,
        auditDataSource: broken,
        logger: quietLogger(),
      });
      const res = await gql(gateway.url, ROSTER, undefined, AUTH);
      expect(fake.calls).toHaveLength(1);
      expect(res.status).toBe(500);
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(res.body)).not.toContain('totalCount');
    } finally {
      await broken.destroy();
    }
  });
});
