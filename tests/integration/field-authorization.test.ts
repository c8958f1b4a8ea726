import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { asGateway, auth, gatewayIdentityToken, gql, hubInfo, quietLogger, ROOT, subgraphUrl, token } from '../helpers/hub';
import { DENIED, DIGITS, FAMILIES, type Family, matrixChild, PURPOSE, type Row } from '../helpers/field-matrix';

/**
 * Field-level authorization through the real hub: the role × field matrix at the gateway, the same denials
 * from a subgraph called directly (its graphql-shield is generated from the same directives), a subgraph's
 * denial passing a stale gateway without turning into an internal error, and the gateway's audit entry
 * read back through the graph by an auditor.
 */
describe('field-level authorization through the hub', () => {
  const info = hubInfo();
  const { child, village, query } = matrixChild();

  it.each(Object.keys(DENIED))('%s reads exactly the field families its role allows', async (role) => {
    const headers = auth(role, village.slice(0, DIGITS[role]), PURPOSE[role]);
    const res = await gql(info.gateway, query, { id: child.id }, headers);
    const errors = res.body.errors ?? [];
    expect(errors.every((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('stacktrace');
    const denied = DENIED[role];
    if (denied === null) {
      expect(res.body.data).toEqual({ child: null });
      expect(errors.map((e) => e.path)).toEqual([['child']]);
      expect(errors[0].message).toContain('welfare:read');
      return;
    }
    expect(errors.map((e) => (e.path as string[])[1]).sort()).toEqual([...denied].sort());
    const got = (res.body.data as { child: Record<string, unknown> }).child;
    expect(got.id).toBe(child.id);
    for (const f of Object.keys(FAMILIES) as Family[]) {
      if (denied.includes(f)) expect(got[f]).toBeNull();
      else expect(got[f]).not.toBeUndefined();
    }
    if (!denied.includes('enrolments')) expect((got.enrolments as unknown[]).length).toBeGreaterThan(0);
    if (!denied.includes('welfare')) expect(got.welfare).toMatchObject({ name: child.name });
  });

  it('a subgraph called directly with a weak token denies exactly what the gateway would (its generated shield)', async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id household { hukouRegion } missingReports { reportedOn } } } }`;
    const reps = [{ __typename: 'Child', id: child.id }];
    const weak = await gql(subgraphUrl(info, 'public-security'), q, { reps }, asGateway(auth('child-director', village, 'case-work')));
    const errs = weak.body.errors ?? [];
    expect(errs.map((e) => [e.extensions?.code, e.extensions?.field]).sort()).toEqual([
      ['UNAUTHORIZED_FIELD_OR_TYPE', 'Child.household'],
      ['UNAUTHORIZED_FIELD_OR_TYPE', 'Child.missingReports'],
    ]);
    expect(JSON.stringify(weak.body)).not.toContain('stacktrace');
    const strong = await gql(
      subgraphUrl(info, 'public-security'),
      q,
      { reps },
      asGateway(auth('ca-caseworker', village.slice(0, 6), 'case-work')),
    );
    expect(strong.body.errors).toBeUndefined();
    expect(strong.body.data).toEqual({ _entities: [{ id: child.id, household: { hukouRegion: village }, missingReports: [] }] });
  });

  it('a subgraph denial behind a gateway whose supergraph lost a directive stays UNAUTHORIZED_FIELD_OR_TYPE, without a stack, in production', async () => {
    // A stale or tampered supergraph: health:sensitive is gone from it, so the gateway lets the field through.
    const stale = readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8').replaceAll('@requiresScopes(scopes: [["health:sensitive"]])', '');
    const caseworkerToken = token('ca-caseworker', village.slice(0, 6));
    const principal = {
      sub: 'stale-test',
      agency: 'civil-affairs',
      roles: ['ca-caseworker'],
      scopes: ['child:basic', 'welfare:read', 'health:basic'],
      jurisdiction: [village.slice(0, 6)],
    };
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway({
        supergraphSdl: stale,
        port: 0,
        subgraphUrls: { 'civil-affairs': subgraphUrl(info, 'civil-affairs'), health: subgraphUrl(info, 'health') },
        production: true,
        logger: quietLogger(),
        identity: async () => gatewayIdentityToken(),
        // The real token travels on; each subgraph verifies it with the hub's key.
        verifyToken: async (h) => {
          if (h !== `Bearer ${caseworkerToken}`) throw new Error('unexpected token');
          return principal;
        },
      });
      const res = await gql(
        gateway.url,
        `query($id: ID!) { child(id: $id) { id seriousIllnesses { icd10 } } }`,
        { id: child.id },
        {
          authorization: `Bearer ${caseworkerToken}`,
          'x-purpose': 'case-work',
        },
      );
      const text = JSON.stringify(res.body);
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
      expect(res.body.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(text).not.toContain('stacktrace');
      expect(text).not.toContain('C9'); // no ICD-10 code leaked
    } finally {
      await gateway?.stop();
    }
  });

  it('the gateway audits principal, purpose, operation, fields requested and denied; an auditor reads it through the graph', async () => {
    const requestId = `authz-audit-${randomUUID()}`;
    const q = `query ProfileForAudit($id: ID!) { child(id: $id) { id immunization { upToDate } seriousIllnesses { icd10 } } }`;
    const res = await gql(
      info.gateway,
      q,
      { id: child.id },
      { ...auth('ca-caseworker', village.slice(0, 6), 'case-work'), 'x-request-id': requestId },
    );
    expect(res.body.errors?.map((e) => e.extensions?.field)).toEqual(['Child.seriousIllnesses']);

    const read = await gql(
      info.gateway,
      `query($r: String!) {
         gatewayAuditLog(requestId: $r) { nodes { requestId subject roles purpose operationName operationHash fieldsRequested fieldsDenied durationMs outcome hash } }
         healthAuditLog(requestId: $r) { nodes { fields entityIds purpose } }
       }`,
      { r: requestId },
      auth('auditor', '50', 'audit'),
    );
    expect(read.body.errors).toBeUndefined();
    const data = read.body.data as { gatewayAuditLog: { nodes: Row[] }; healthAuditLog: { nodes: Row[] } };
    expect(data.gatewayAuditLog.nodes).toHaveLength(1);
    const entry = data.gatewayAuditLog.nodes[0];
    expect(entry).toMatchObject({
      requestId,
      subject: `demo:ca-caseworker:${village.slice(0, 6)}`,
      roles: ['ca-caseworker'],
      purpose: 'case-work',
      operationName: 'ProfileForAudit',
      fieldsDenied: ['Child.seriousIllnesses'],
      outcome: 'PARTIAL',
    });
    expect(entry.fieldsRequested).toEqual(expect.arrayContaining(['Query.child', 'Child.immunization', 'ImmunizationStatus.upToDate']));
    expect(entry.fieldsRequested).not.toContain('Child.seriousIllnesses');
    expect(entry.operationHash).toMatch(/^[0-9a-f]{64}$/);
    // Health disclosed the immunization status for this request and nothing about serious illness.
    const healthFields = data.healthAuditLog.nodes.flatMap((n) => n.fields as string[]);
    expect(healthFields).toContain('ImmunizationStatus.upToDate');
    expect(healthFields.some((f) => f.includes('SeriousIllness') || f === 'Child.seriousIllnesses')).toBe(false);

    // Only auditors read the logs.
    const nosy = await gql(
      info.gateway,
      '{ gatewayAuditLog(first: 1) { nodes { seq } } }',
      undefined,
      auth('ca-supervisor', '5001', 'case-work'),
    );
    expect(nosy.body).toMatchObject({ data: { gatewayAuditLog: null }, errors: [{ extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }] });
  });
});
