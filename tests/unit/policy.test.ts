import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildASTSchema, execute, getNamedType, isObjectType, parse } from 'graphql';
import { AuthorizationPolicy, unmetRequirement } from '@hub/service-kit';
import { applyAuthorizationShield, FEDERATION_LINK } from '@hub/subgraph-kit';
import { ROOT } from '../helpers/hub';

/**
 * The one authorization policy, as composed into the supergraph: no field without a declared policy,
 * personal data behind scopes (not merely a login), names behind `child:basic`; and the subgraph shield
 * generated from it denies what is undeclared.
 */
describe('authorization policy in the supergraph', () => {
  const doc = parse(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'));
  const policy = AuthorizationPolicy.fromSdl(doc);
  const schema = buildASTSchema(doc, { assumeValidSDL: true });
  const objectTypes = Object.values(schema.getTypeMap()).filter(
    (t) => isObjectType(t) && !t.name.startsWith('__') && !t.name.startsWith('join__') && !t.name.startsWith('link__'),
  ) as import('graphql').GraphQLObjectType[];

  it('declares a policy for every field of every type (else the shields deny it by default)', () => {
    const undeclared = objectTypes.flatMap((t) =>
      Object.values(t.getFields())
        .filter((f) => !policy.declares(t.name, f.name, getNamedType(f.type).name))
        .map((f) => `${t.name}.${f.name}`),
    );
    expect(undeclared).toEqual([]);
    expect(objectTypes.length).toBeGreaterThan(40);
  });

  it('puts every agency field of Child and Parent behind a scope, not just a login', () => {
    for (const type of ['Child', 'Parent']) {
      const t = schema.getType(type) as import('graphql').GraphQLObjectType;
      for (const f of Object.values(t.getFields())) {
        if (f.name === 'id') continue;
        expect([`${type}.${f.name}`, policy.requirementsOf(type, f.name, getNamedType(f.type).name).length > 0]).toEqual([
          `${type}.${f.name}`,
          true,
        ]);
      }
    }
  });

  it.each([
    ['WelfareRecord', 'name', ['welfare:read'], ['child:basic']],
    ['HouseholdRecord', 'name', ['ps:household'], ['child:basic']],
    ['Child', 'seriousIllnesses', ['health:basic', 'child:basic'], ['health:sensitive']],
    ['Query', 'personByIdNumber', ['ps:household'], ['child:identity']],
    ['Query', 'gatewayAuditLog', ['welfare:read'], ['audit:read']],
  ])('%s.%s is denied with %j and needs %j', (type, field, have, missing) => {
    const t = schema.getType(type) as import('graphql').GraphQLObjectType;
    const req = policy.requirementsOf(type, field, getNamedType(t.getFields()[field].type).name);
    expect(unmetRequirement(req, new Set(have))).toEqual([missing]);
    expect(unmetRequirement(req, new Set([...have, ...missing]))).toBeNull();
  });
});

describe('generated subgraph shield', () => {
  const typeDefs = parse(`${FEDERATION_LINK}
    type Query {
      open: String @authenticated
      secret: String @requiresScopes(scopes: [["a", "b"], ["c"]])
      undeclared: String
    }`);
  const schema = applyAuthorizationShield(
    buildSubgraphSchema({ typeDefs, resolvers: { Query: { open: () => 'o', secret: () => 's', undeclared: () => 'u' } } as never }),
    AuthorizationPolicy.fromSdl(typeDefs),
  );
  const run = async (scopes: string[]) => {
    const res = await execute({ schema, document: parse('{ open secret undeclared }'), contextValue: { principal: { scopes } } });
    return { data: res.data, codes: (res.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`).sort() };
  };

  it('allows by OR of AND scope sets, and denies anything without a declared policy', async () => {
    expect(await run(['a'])).toEqual({
      data: { open: 'o', secret: null, undeclared: null },
      codes: ['secret:UNAUTHORIZED_FIELD_OR_TYPE', 'undeclared:UNAUTHORIZED_FIELD_OR_TYPE'],
    });
    expect((await run(['a', 'b'])).data).toEqual({ open: 'o', secret: 's', undeclared: null });
    expect((await run(['c'])).data).toEqual({ open: 'o', secret: 's', undeclared: null });
  });
});

describe('shield: fields covered by their type', () => {
  // Secret's fields carry no directive of their own: the type's requirement is checked where a Secret is returned.
  // Its `notes` return a type with the same requirement (covered); its `extra` a type needing more (checked).
  const typeDefs = parse(`${FEDERATION_LINK}
    type Query { secret: Secret @authenticated }
    type Secret @requiresScopes(scopes: [["s"]]) { value: String label: String @requiresScopes(scopes: [["t"]]) notes: [Note] extra: Extra }
    type Note @requiresScopes(scopes: [["s"]]) { text: String }
    type Extra @requiresScopes(scopes: [["u"]]) { text: String }`);
  const schema = applyAuthorizationShield(
    buildSubgraphSchema({
      typeDefs,
      resolvers: { Query: { secret: () => ({ value: 'v', label: 'l', notes: [{ text: 'n' }], extra: { text: 'x' } }) } } as never,
    }),
    AuthorizationPolicy.fromSdl(typeDefs),
  );
  const run = async (scopes: string[]) => {
    const res = await execute({
      schema,
      document: parse('{ secret { value label notes { text } extra { text } } }'),
      contextValue: { principal: { scopes } },
    });
    return { data: res.data, codes: (res.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`).sort() };
  };

  it('are unreachable without the type’s scopes, and answer with them', async () => {
    expect(await run([])).toEqual({ data: { secret: null }, codes: ['secret:UNAUTHORIZED_FIELD_OR_TYPE'] });
    expect(await run(['s'])).toEqual({
      data: { secret: { value: 'v', label: null, notes: [{ text: 'n' }], extra: null } },
      codes: ['secret.extra:UNAUTHORIZED_FIELD_OR_TYPE', 'secret.label:UNAUTHORIZED_FIELD_OR_TYPE'],
    });
    expect(await run(['s', 't', 'u'])).toEqual({
      data: { secret: { value: 'v', label: 'l', notes: [{ text: 'n' }], extra: { text: 'x' } } },
      codes: [],
    });
  });
});
