import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { AGENCIES } from '@hub/domain';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import { asGateway, gql, hubInfo, RECONCILIATION, ROOT, subgraphUrl } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * DataLoader batching: resolving every Child and Parent field a subgraph owns for 1,000 entities must cost
 * the same number of SQL statements as for 10 (counted by the subgraph per request, `x-sql-statements`).
 */
function selectionFor(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    // Mirrors of other subgraphs' fields (for @requires) are not this subgraph's to resolve.
    if (field.astNode?.directives?.some((d) => d.name.value === 'external')) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0 && named.name !== 'Child' && named.name !== 'Parent') {
      parts.push(`${field.name} { ${selectionFor(named, depth - 1)} }`);
    } else if (isObjectType(named) && (named.name === 'Child' || named.name === 'Parent')) parts.push(`${field.name} { id }`);
  }
  return parts.join(' ');
}

function entityQuery(schema: GraphQLSchema): string {
  const fragments = ['Child', 'Parent']
    .map((t) => schema.getType(t))
    .filter((t): t is GraphQLObjectType => isObjectType(t))
    .map((t) => `... on ${t.name} { ${selectionFor(t, 2)} }`);
  return `query($reps: [_Any!]!) { _entities(representations: $reps) { ${fragments.join(' ')} } }`;
}

describe('SQL round trips per subgraph request do not grow with the number of children', () => {
  const expected = expectedPopulation();
  // Ledger children first (they have data in every civil-affairs family), then everyone in the household
  // register, then ids nobody holds: a request of N entities has N distinct keys.
  const ids = [
    ...new Set([
      ...expected.rows['civil-affairs'].child_record.map((c) => c.id as string),
      ...expected.rows['public-security'].person.map((p) => p.id as string),
      ...Array.from({ length: 2000 }, (_, i) => `no-such-person-${i}`),
    ]),
  ];

  it.each(AGENCIES)('%s: 10, 1,000 and 2,000 entities', async (agency) => {
    const sdl = readFileSync(join(ROOT, 'subgraphs', agency, 'schema.graphql'), 'utf8');
    const schema = buildSubgraphSchema(parse(sdl));
    const query = entityQuery(schema);
    const hasParent = schema.getType('Parent') !== undefined;
    const reps = (n: number) => ids.slice(0, n).map((id, i) => ({ __typename: hasParent && i % 2 ? 'Parent' : 'Child', id }));
    const url = subgraphUrl(hubInfo(), agency);

    const statements: number[] = [];
    for (const n of [10, 1000, 2000]) {
      const res = await gql(url, query, { reps: reps(n) }, asGateway(RECONCILIATION()));
      expect(res.body.errors).toBeUndefined();
      expect((res.body.data as { _entities: unknown[] })._entities).toHaveLength(n);
      statements.push(Number(res.headers.get('x-sql-statements')));
    }
    const [small, large, larger] = statements;
    expect(small).toBeGreaterThan(0);
    // A family with no rows among 10 children may skip its dependent statements; with 1,000 and 2,000
    // every family has data, and the count is the same: it depends on the fields, not on the children.
    expect(small).toBeLessThanOrEqual(large);
    expect(larger).toBe(large);
    // At most one statement per field family (selection set), never one per child.
    expect(large).toBeLessThanOrEqual((query.match(/\{/g) ?? []).length);
  });
});
