import { GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) {
    throw new GraphQLError(`日期格式应为 YYYY-MM-DD: ${JSON.stringify(value)?.slice(0, 40)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new GraphQLError(`不存在的日期: ${value}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * A calendar date without time zone (`2024-09-01`). Dates in these registries are civil dates in
 * China Standard Time; carrying them as instants invites off-by-one-day errors at midnight.
 */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期（YYYY-MM-DD，无时区）',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    // The node goes with the error, so that the error can name the argument (formatErrorForClient).
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('日期应为字符串 YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    try {
      return parseDate(ast.value);
    } catch (err) {
      throw new GraphQLError((err as Error).message, { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
  },
});

/**
 * Gives a schema built from SDL alone (the gateway's API schema, where scalars are opaque) the hub's own scalar
 * rules, so a literal or a variable such as `2025-02-30` is refused at the gateway as bad input before anything is
 * planned, instead of failing inside a subgraph.
 */
export function enforceScalars(schema: GraphQLSchema): void {
  const date = schema.getType('Date');
  if (date instanceof GraphQLScalarType) {
    date.parseValue = DateScalar.parseValue;
    date.parseLiteral = DateScalar.parseLiteral;
  }
}
