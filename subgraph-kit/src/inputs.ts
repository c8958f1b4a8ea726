import { GraphQLError } from 'graphql';
import { badUserInput } from '@hub/service-kit';

/**
 * Validates a region-code prefix argument of a query: 2 digits (a province) up to `maxLength` (the
 * finest level the queried column holds, e.g. 6 for county-level columns). Bad input → BAD_USER_INPUT.
 */
export function checkRegionPrefix(prefix: string, maxLength = 12): string {
  if (!/^\d+$/.test(prefix) || prefix.length < 2 || prefix.length > maxLength) {
    throw badUserInput(`区划代码前缀须为 2 到 ${maxLength} 位数字: ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The client's key for one write (`requestKey`): a UUID the client makes once per entry and sends again on every
 * retry, so the write is recorded once. Returned lower-cased (the form stored); anything else → BAD_USER_INPUT.
 */
export function checkRequestKey(key: string): string {
  if (!UUID_SHAPE.test(key)) throw badUserInput('requestKey 须为 UUID（客户端为每条记录生成一次）');
  return key.toLowerCase();
}

/** A key already used for a different entry (another record, another person): CONFLICT, nothing written. */
export function requestKeyReused(): GraphQLError {
  return new GraphQLError('该 requestKey 已用于另一条记录；新记录须使用新的 UUID', { extensions: { code: 'CONFLICT' } });
}
