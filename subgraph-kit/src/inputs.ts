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
