import { DEFAULT_LIMITS, exceededLimit, limitsConfig, limitsFor } from '@hub/service-kit';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';

/**
 * The operation limits the gateway (and a subgraph called directly) applies before planning or executing: what
 * each limit counts, and how the limits of a caller follow from its roles and `HUB_LIMITS`.
 */
const schema = buildSchema(`
  type Query { child(id: ID!): Child  roster(first: Int, after: String): Page  childrenForChecks(ids: [ID!]!): [Child!]! }
  type Page { nodes: [Child!]!  totalCount: Int! }
  type Child { id: ID!  name: String  parents: [Parent!] }
  type Parent { id: ID!  children: [Child!] }
`);

function check(query: string, variables: Record<string, unknown> = {}, limits = DEFAULT_LIMITS) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return exceededLimit(schema, document, operation, variables, limits);
}

describe('operation limits', () => {
  it('counts depth from the root: a Parent→Child chain past the limit is refused, naming depth and what was found', () => {
    const deep = (levels: number) => `{ child(id: "c") { ${'parents { children { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;
    const cheap = { ...DEFAULT_LIMITS, cost: Number.MAX_SAFE_INTEGER };
    expect(check(deep(5), {}, cheap)).toBeNull();
    expect(check(deep(6), {}, cheap)).toEqual({ limit: 'depth', max: 12, actual: 14 });
  });

  it('counts aliases: thirty aliased children pass, thirty-one are refused', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: child(id: "${i}") { id }`).join(' ')} }`;
    expect(check(aliases(30))).toBeNull();
    expect(check(aliases(31))).toEqual({ limit: 'aliases', max: 30, actual: 31 });
  });

  it('estimates cost from the sizes asked for: first:, an id list, or 5 for a list without a size', () => {
    // roster: 1 + 25 × nodes(1 + id 1 + parents(1 + 5 × (id 1 + children(1 + 5 × id 1))))
    const q = '{ roster(first: 25) { nodes { id parents { id children { id } } } } }';
    expect(check(q, {}, { ...DEFAULT_LIMITS, cost: 1 })).toEqual({
      limit: 'cost',
      max: 1,
      actual: 1 + 25 * (1 + 1 + (1 + 5 * (1 + (1 + 5 * 1)))),
    });
    // An id list sizes its field: 1 + 3 × (id 1 + name 1).
    expect(
      check('query($ids: [ID!]!) { childrenForChecks(ids: $ids) { id name } }', { ids: ['a', 'b', 'c'] }, { ...DEFAULT_LIMITS, cost: 1 }),
    ).toEqual({
      limit: 'cost',
      max: 1,
      actual: 7,
    });
    // A count alone is not multiplied by the page size asked for (the field's own page-size check answers that);
    // with its items, the whole selection is.
    expect(check('{ roster(first: 1000000) { totalCount } }', {}, { ...DEFAULT_LIMITS, cost: 1 })?.actual).toBe(2);
    expect(check('{ roster(first: 10) { totalCount nodes { id } } }', {}, { ...DEFAULT_LIMITS, cost: 1 })?.actual).toBe(
      1 + 10 * (1 + 1 + 1),
    );
    expect(check('{ roster(first: 10) { ... on Page { nodes { id } } } }', {}, { ...DEFAULT_LIMITS, cost: 1 })?.actual).toBe(1 + 10 * 2);
    // A page of 1,000 children with their parents' children and theirs is refused under the default (50,000).
    expect(check('{ roster(first: 1000) { nodes { parents { children { parents { id } } } } } }')?.limit).toBe('cost');
  });

  it('a decision kept for a document is not reused where it would differ: other limits, another page size, another operation', () => {
    // One parsed document asked again, as Apollo Server hands the same document for the same query text.
    const document = parse(`query Page($n: Int, $after: String) { roster(first: $n, after: $after) { nodes { id name } } }
      query One($id: ID!) { child(id: $id) { parents { children { parents { children { id } } } } } }`);
    const [page, one] = document.definitions as OperationDefinitionNode[];
    const cost = (n: number) => 1 + n * (1 + 1 + 1);
    expect(exceededLimit(schema, document, page, { n: 10, after: 'x' }, DEFAULT_LIMITS)).toBeNull();
    // The cursor cannot change the cost; the page size can.
    expect(exceededLimit(schema, document, page, { n: 10, after: 'y' }, DEFAULT_LIMITS)).toBeNull();
    expect(exceededLimit(schema, document, page, { n: 20_000, after: 'x' }, DEFAULT_LIMITS)).toEqual({
      limit: 'cost',
      max: DEFAULT_LIMITS.cost,
      actual: cost(20_000),
    });
    expect(exceededLimit(schema, document, page, { n: 10, after: 'x' }, { ...DEFAULT_LIMITS, cost: 5 })).toEqual({
      limit: 'cost',
      max: 5,
      actual: cost(10),
    });
    // The same document's other operation, and a lower depth limit, are decided on their own.
    expect(exceededLimit(schema, document, one, { id: 'a' }, DEFAULT_LIMITS)).toBeNull();
    expect(exceededLimit(schema, document, one, { id: 'b' }, { ...DEFAULT_LIMITS, depth: 4 })).toEqual({
      limit: 'depth',
      max: 4,
      actual: 6,
    });
    expect(exceededLimit(schema, document, page, { n: 10 }, DEFAULT_LIMITS)).toBeNull();
  });

  it('a kept decision follows what the estimate reads: @include/@skip variables, and a variable left out for its default', () => {
    const deep = 'nodes { parents { children { parents { id } } } }';
    // roster: 1 + n × nodes(1 + parents(1 + 5 × children(1 + 5 × parents(1 + 5 × id 1))))
    const cost = (n: number) => 1 + n * (1 + (1 + 5 * (1 + 5 * (1 + 5 * 1))));
    const included = parse(`query($b: Boolean!) { roster(first: 1000) @include(if: $b) { ${deep} } }`);
    const op = included.definitions[0] as OperationDefinitionNode;
    expect(exceededLimit(schema, included, op, { b: false }, DEFAULT_LIMITS)).toBeNull();
    expect(exceededLimit(schema, included, op, { b: true }, DEFAULT_LIMITS)).toEqual({
      limit: 'cost',
      max: DEFAULT_LIMITS.cost,
      actual: cost(1000),
    });
    expect(exceededLimit(schema, included, op, { b: false }, DEFAULT_LIMITS)).toBeNull();

    // Sent as null, `first` is unsized; left out, the default of 1000 applies.
    const defaulted = parse(`query($n: Int = 1000) { roster(first: $n) { ${deep} } }`);
    const op2 = defaulted.definitions[0] as OperationDefinitionNode;
    expect(exceededLimit(schema, defaulted, op2, { n: null }, DEFAULT_LIMITS)).toBeNull();
    expect(exceededLimit(schema, defaulted, op2, {}, DEFAULT_LIMITS)).toEqual({
      limit: 'cost',
      max: DEFAULT_LIMITS.cost,
      actual: cost(1000),
    });
    expect(exceededLimit(schema, defaulted, op2, { n: null }, DEFAULT_LIMITS)).toBeNull();
  });

  it('a caller’s limits are the largest each of its roles allows; HUB_LIMITS raises them and refuses unknown keys', () => {
    const config = limitsConfig({ HUB_LIMITS: JSON.stringify({ default: { depth: 8 }, roles: { auditor: { cost: 90_000 } } }) });
    expect(limitsFor(['child-director'], config)).toEqual({ ...DEFAULT_LIMITS, depth: 8 });
    expect(limitsFor(['auditor', 'child-director'], config).cost).toBe(90_000);
    expect(limitsFor(['reconciliation-service'], config).cost).toBeGreaterThan(1_000_000);
    expect(() => limitsConfig({ HUB_LIMITS: JSON.stringify({ default: { depht: 8 } }) })).toThrow(/unknown limit depht/);
    expect(() => limitsConfig({ HUB_LIMITS: JSON.stringify({ roles: { wizard: { cost: 1 } } }) })).toThrow(/unknown role wizard/);
    expect(() => limitsConfig({ HUB_LIMITS: JSON.stringify({ default: { cost: -1 } }) })).toThrow(/positive integer/);
  });
});
