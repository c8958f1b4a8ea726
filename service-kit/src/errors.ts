import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import type { GraphQLResponse } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger';

/** Codes clients may see. Anything else is reported as INTERNAL_SERVER_ERROR. */
const CLIENT_ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'UNAUTHORIZED_FIELD_OR_TYPE',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'BAD_REQUEST',
  'SUBGRAPH_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * Outside development no stack traces, SQL or driver messages reach a client: unexpected errors are
 * logged in full and replaced by a generic message with the request's error code.
 */
export function formatErrorForClient(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
  logger: Logger,
): GraphQLFormattedError {
  // graphql-js stops parsing past `maxTokens` with a syntax error; to the caller it is a limit like the others.
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && /contains more (?:than|that) \d+ tokens/.test(formatted.message)) {
    const max = Number(/(\d+) tokens/.exec(formatted.message)?.[1]);
    return {
      message: `操作超出限制：词元数量上限 ${max}`,
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max },
    };
  }
  const badLiteral = badLiteralArgument(formatted, error);
  if (badLiteral !== undefined) {
    formatted = {
      ...formatted,
      extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', ...(badLiteral ? { argument: badLiteral } : {}) },
    };
  }
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const known = CLIENT_ERROR_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR';
  if (!known) {
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    if (production) {
      return { message: '服务器内部错误', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  }
  // Expected client errors (bad token, purpose, input) never need a stack trace; unexpected ones keep
  // theirs in development only.
  if (production || known) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return formatted;
}

/**
 * A literal argument value its type rejects (`exitChecks(asOf: "2025-13-01")`, `first: "ten"`) fails GraphQL
 * validation; to the caller it is bad input like a bad variable, so it is coded BAD_USER_INPUT and names the
 * argument. Returns the argument's name ('' when it cannot be told), or undefined for any other error.
 */
function badLiteralArgument(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !(error instanceof GraphQLError)) return undefined;
  // graphql-js's own words for a literal of the wrong type, or a hub scalar's refusal passed on as it is.
  const original = error.originalError;
  const scalarRefused = original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT';
  if (!scalarRefused && !formatted.message.startsWith('Expected value of type')) return undefined;
  const node = error.nodes?.[0] ?? (original instanceof GraphQLError ? original.nodes?.[0] : undefined);
  const body = node?.loc?.source.body;
  if (!node?.loc || !body) return '';
  return /([_A-Za-z][_0-9A-Za-z]*)\s*:\s*$/.exec(body.slice(0, node.loc.start))?.[1] ?? '';
}

/** A client error: the input was wrong, nothing was changed. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * An audit row could not be written: the response leaves without its data (a coded 500), because disclosed data
 * must never outlive a lost audit row. Used by the gateway's and every subgraph's audit plugin.
 */
export function withholdResponse(response: GraphQLResponse): void {
  if (response.body.kind === 'single') {
    response.body.singleResult.data = null;
    response.body.singleResult.errors = [
      new GraphQLError('审计日志写入失败，已拒绝返回数据', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }).toJSON(),
    ];
  }
  response.http.status = 500;
}
