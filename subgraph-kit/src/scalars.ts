import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) {
    throw new GraphQLError(`日期格式应为 YYYY-MM-DD: ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
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
    if (ast.kind !== Kind.STRING) throw new GraphQLError('日期应为字符串 YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});
